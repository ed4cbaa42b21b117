extension CurlHTTPClient {
    /// How the client connects and how long it waits. Every property has a working default.
    package struct Configuration: Sendable {
        /// How long to wait for TCP (and TLS) set-up of a new connection (`CURLOPT_CONNECTTIMEOUT_MS`).
        package var connectTimeout: Duration = .seconds(2)
        /// The default limit for a whole request, connect included (`CURLOPT_TIMEOUT_MS`);
        /// ``CurlRequest/timeout`` overrides it per request.
        package var requestTimeout: Duration = .seconds(30)
        /// At most this many connections to one host at a time; further transfers wait for one
        /// (`CURLMOPT_MAX_HOST_CONNECTIONS`).
        package var maxConnectionsPerHost: Int = 64
        /// At most this many connections in all, 0 for no limit (`CURLMOPT_MAX_TOTAL_CONNECTIONS`).
        package var maxTotalConnections: Int = 0
        /// How many idle connections the connection cache keeps open for reuse (`CURLMOPT_MAXCONNECTS`).
        package var maxIdleConnections: Int = 64
        /// Which HTTP version to speak.
        package var httpVersion: HTTPVersion = .http2OverTLS
        /// TCP keepalive probes on idle connections, `nil` for none (`CURLOPT_TCP_KEEPALIVE`).
        package var tcpKeepalive: TCPKeepalive? = TCPKeepalive()
        /// The `User-Agent` sent when a request has none, `nil` for none (`CURLOPT_USERAGENT`).
        package var userAgent: String? = "hubgate"
        /// Whether to verify the server's TLS certificate and host name (`CURLOPT_SSL_VERIFYPEER`,
        /// `CURLOPT_SSL_VERIFYHOST`). Turn off only for tests against self-signed servers.
        package var verifyTLS: Bool = true
        /// The proxy to use (`CURLOPT_PROXY`), e.g. `http://proxy:3128`. `nil` uses none and ignores
        /// `http_proxy`/`https_proxy` in the environment: a gateway's upstream route should be
        /// configured explicitly, not inherited from whoever started the process.
        package var proxy: String? = nil
        /// The largest response body accepted; a larger one fails the request with
        /// ``CurlError/responseTooLarge`` instead of exhausting memory.
        package var maxResponseBodySize: Int = 64 << 20
        /// At most this many easy handles are kept for reuse once their transfer ends.
        package var maxPooledHandles: Int = 256

        /// Creates a configuration with the defaults.
        package init() {}

        /// Which HTTP version to speak to the upstream.
        package enum HTTPVersion: Sendable, Hashable {
            /// HTTP/2 over TLS when the server agrees (ALPN), HTTP/1.1 on plain text
            /// (`CURL_HTTP_VERSION_2TLS`). Plain-text h2c is avoided on purpose: libcurl 7.88
            /// fails (error 16) when it reuses a prior-knowledge h2c connection.
            case http2OverTLS
            /// HTTP/1.1 always (`CURL_HTTP_VERSION_1_1`).
            case http1
        }

        /// TCP keepalive timing (`CURLOPT_TCP_KEEPIDLE`, `CURLOPT_TCP_KEEPINTVL`).
        package struct TCPKeepalive: Sendable, Hashable {
            /// Idle time before the first probe.
            package var idle: Duration
            /// Time between probes.
            package var interval: Duration

            /// Creates keepalive timing; defaults to probing after 60 s idle, every 30 s.
            package init(idle: Duration = .seconds(60), interval: Duration = .seconds(30)) {
                self.idle = idle
                self.interval = interval
            }
        }
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded up so that a short positive limit never becomes 0
    /// (which libcurl reads as "no limit").
    var wholeMillisecondsRoundedUp: Int {
        let (seconds, attoseconds) = self.components
        guard seconds >= 0, attoseconds >= 0 else { return 1 }
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(max(millis, 1))
    }

    /// The duration in whole seconds, at least 1 (for options that take seconds).
    var wholeSecondsAtLeastOne: Int {
        Int(max(self.components.seconds, 1))
    }
}
