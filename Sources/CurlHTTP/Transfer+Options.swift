import CCurl
import HTTPTypes
import NIOCore

extension Transfer {
    /// Sets every option of the easy handle for this request; returns why it cannot be sent, if so.
    ///
    /// Options not set here keep libcurl's defaults after `curl_easy_reset`: redirects are not
    /// followed, and there is no `CURLOPT_ACCEPT_ENCODING`, so bodies pass through undecoded.
    func configure(with configuration: CurlHTTPClient.Configuration) -> CurlError? {
        let request = self.pending.request
        let easy = self.easy
        guard easy.setURL(request.url) == CURLE_OK else { return .invalidRequest }
        easy.keepErrorMessages()
        easy.disableSignals()
        easy.setConnectTimeout(configuration.connectTimeout)
        easy.setTotalTimeout(request.timeout ?? configuration.requestTimeout)
        if !request.mayReuseConnection {
            easy.setFreshConnection()
        }
        easy.disableNagle()
        if let keepalive = configuration.tcpKeepalive {
            easy.enableTCPKeepalive()
            easy.setTCPKeepaliveIdle(keepalive.idle)
            easy.setTCPKeepaliveInterval(keepalive.interval)
        }
        easy.setHTTPVersion(configuration.httpVersion)
        // Waiting for a multiplexable connection is right only where HTTP/2 can be negotiated:
        // on plain HTTP, libcurl would hold every other request to the host until the first
        // response arrives, so one slow first request would stall them all.
        if configuration.httpVersion == .http2OverTLS, Self.isHTTPS(request.url) { easy.preferMultiplexing() }
        easy.setProxy(configuration.proxy ?? "")
        if let userAgent = configuration.userAgent { easy.setUserAgent(userAgent) }
        if !configuration.verifyTLS { easy.disableTLSVerification() }

        let sendsBody = self.configureMethodAndBody()
        guard self.appendHeaderLines(of: request.headerFields, sendsBody: sendsBody) else { return .invalidRequest }
        easy.setHeaderList(self.headerLines)

        let userdata = Unmanaged.passUnretained(self).toOpaque()
        easy.setPrivateData(userdata)
        easy.setHeaderCallbackData(userdata)
        easy.setHeaderCallback { buffer, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
            return size * count
        }
        easy.setBodyCallbackData(userdata)
        easy.setBodyCallback { buffer, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            // Returning less than was offered makes libcurl fail with CURLE_WRITE_ERROR.
            return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: size * count)) ? size * count : 0
        }
        return nil
    }

    /// Sets the method and body; returns whether a body (perhaps empty) is sent.
    private func configureMethodAndBody() -> Bool {
        let request = self.pending.request
        switch request.method {
        case .get where request.body == nil:
            return false  // libcurl's default
        case .head:
            self.easy.setExpectsNoBody()
            return false
        default:
            self.easy.setCustomMethod(request.method.rawValue)
        }
        let alwaysHasBody = request.method == .put || request.method == .post || request.method == .patch
        guard let body = request.body else {
            guard alwaysHasBody else { return false }
            self.easy.setBodySize(0)
            self.easy.setBody(Self.emptyBody)
            return true
        }
        // The body's storage stays alive and unchanged while the transfer holds the request, so
        // libcurl may read it in place: no copy of the body.
        body.withUnsafeReadableBytes { bytes in
            self.easy.setBodySize(bytes.count)
            self.easy.setBody(bytes.baseAddress ?? Self.emptyBody)
        }
        return true
    }

    private static func isHTTPS(_ url: String) -> Bool {
        var scheme = url.utf8.prefix(8).makeIterator()
        for expected in "https://".utf8 {
            guard let byte = scheme.next(), byte | 0x20 == expected | 0x20 else { return false }
        }
        return true
    }

    /// A non-null pointer for an empty body: libcurl needs one to send `Content-Length: 0`.
    private static var emptyBody: UnsafeRawPointer { UnsafeRawPointer(("" as StaticString).utf8Start) }

    /// Copies the request's fields into the header list, plus the lines that switch off libcurl's
    /// own `Accept: */*`, `Expect: 100-continue` and form `Content-Type`, so that exactly the
    /// caller's fields are sent. Framing fields are libcurl's to write and are dropped.
    private func appendHeaderLines(of fields: HTTPFields, sendsBody: Bool) -> Bool {
        var hasAccept = false
        var hasExpect = false
        var hasContentType = false
        for field in fields {
            switch field.name {
            case .contentLength, .transferEncoding, .connection: continue
            case .accept: hasAccept = true
            case .expect: hasExpect = true
            case .contentType: hasContentType = true
            default: break
            }
            guard self.appendHeaderLine(name: field.name.rawName, value: field.value) else { return false }
        }
        if !hasAccept, !self.appendHeaderLine("Accept:") { return false }
        if !hasExpect, !self.appendHeaderLine("Expect:") { return false }
        if sendsBody, !hasContentType, !self.appendHeaderLine("Content-Type:") { return false }
        return true
    }

    /// Appends `name: value`; an empty value is written `name;`, libcurl's form for "send it empty"
    /// (`name:` would remove the header instead).
    private func appendHeaderLine(name: String, value: String) -> Bool {
        var name = name
        var value = value
        let count = name.utf8.count + value.utf8.count + 3
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { line in
            var index = 0
            name.withUTF8 { bytes in
                for byte in bytes { line[index] = byte; index += 1 }
            }
            if value.isEmpty {
                line[index] = UInt8(ascii: ";"); index += 1
            } else {
                line[index] = UInt8(ascii: ":"); index += 1
                line[index] = UInt8(ascii: " "); index += 1
                value.withUTF8 { bytes in
                    for byte in bytes { line[index] = byte; index += 1 }
                }
            }
            line[index] = 0
            return line.withMemoryRebound(to: CChar.self) { self.appendHeaderLine($0.baseAddress!) }
        }
    }

    private func appendHeaderLine(_ line: StaticString) -> Bool {
        line.withUTF8Buffer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { self.appendHeaderLine($0.baseAddress!) }
        }
    }
}
