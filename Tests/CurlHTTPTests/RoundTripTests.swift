@testable import CurlHTTP
import HTTPTypes
import NIOCore
import Testing

/// Requests and responses cross the client intact.
@Suite struct RoundTripTests {
    /// Each method with a body arrives with that method, body, headers and no curl additions.
    @Test(arguments: [HTTPRequest.Method.post, .put, .patch, .delete])
    func methodWithBodyRoundTrips(method: HTTPRequest.Method) async throws {
        try await TestEnvironment.withRunning { environment in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers.append(HTTPField(name: .init("x-test")!, value: "one"))
            headers.append(HTTPField(name: .init("x-test")!, value: "two"))
            let body = #"{"inputs":[{"id":"1"}]}"#
            let response = try await environment.client.execute(
                CurlRequest(method: method, url: environment.url("/echo?status=201"), headerFields: headers, body: ByteBuffer(string: body))
            )
            #expect(response.status == .created)
            #expect(String(buffer: response.body) == body)
            #expect(response.headerFields[.init("x-echo-method")!] == method.rawValue)
            #expect(response.headerFields[.init("x-echo-content-length")!] == "\(body.utf8.count)")
            #expect(response.headerFields[.init("x-echo-content-type")!] == "application/json")
            #expect(response.headerFields[.init("x-echo-test")!] == "one,two")
            #expect(response.headerFields[.init("x-echo-expect")!] == "none")
            #expect(response.headerFields[.init("x-echo-transfer-encoding")!] == "none")
        }
    }

    /// A GET sends no body, no Content-Type, no Accept or Expect of curl's own.
    @Test func getSendsOnlyTheCallersHeaders() async throws {
        try await TestEnvironment.withRunning { environment in
            let response = try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
            #expect(response.headerFields[.init("x-echo-method")!] == "GET")
            for name in ["content-length", "content-type", "expect", "accept", "transfer-encoding"] {
                #expect(response.headerFields[.init("x-echo-\(name)")!] == "none", "\(name)")
            }
        }
    }

    /// A PUT without a body is sent with `Content-Length: 0` and no Content-Type.
    @Test func emptyPutSendsContentLengthZero() async throws {
        try await TestEnvironment.withRunning { environment in
            let response = try await environment.client.execute(CurlRequest(method: .put, url: environment.url("/echo")))
            #expect(response.status == .ok)
            #expect(response.headerFields[.init("x-echo-method")!] == "PUT")
            #expect(response.headerFields[.init("x-echo-content-length")!] == "0")
            #expect(response.headerFields[.init("x-echo-content-type")!] == "none")
        }
    }

    /// A DELETE without a body sends no Content-Length at all.
    @Test func deleteWithoutBodySendsNoBody() async throws {
        try await TestEnvironment.withRunning { environment in
            let response = try await environment.client.execute(CurlRequest(method: .delete, url: environment.url("/echo?status=204")))
            #expect(response.status == .noContent)
            #expect(response.headerFields[.init("x-echo-method")!] == "DELETE")
            #expect(response.headerFields[.init("x-echo-content-length")!] == "none")
        }
    }

    /// Response headers come back in order with repeated names kept, and an empty request header arrives empty.
    @Test func multiValueAndEmptyHeadersSurvive() async throws {
        try await TestEnvironment.withRunning { environment in
            var headers = HTTPFields()
            headers[.init("x-empty")!] = ""
            let response = try await environment.client.execute(
                CurlRequest(method: .get, url: environment.url("/echo"), headerFields: headers)
            )
            #expect(response.headerFields[values: .init("x-multi")!] == ["a", "b"])
            #expect(response.headerFields[.init("x-echo-empty")!] == "[]")
            #expect(response.headerFields[.contentType] == "application/octet-stream")
        }
    }

    /// 4xx and 5xx responses are responses, with their bodies, not errors.
    @Test(arguments: [400, 404, 429, 500, 503])
    func errorStatusesAreRelayed(code: Int) async throws {
        try await TestEnvironment.withRunning { environment in
            let body = #"{"status":"error","message":"nope"}"#
            let response = try await environment.client.execute(
                CurlRequest(method: .post, url: environment.url("/echo?status=\(code)"), body: ByteBuffer(string: body))
            )
            #expect(response.status.code == code)
            #expect(String(buffer: response.body) == body)
        }
    }

    /// Multi-megabyte bodies go up and come down byte for byte.
    @Test func largeBodiesRoundTrip() async throws {
        try await TestEnvironment.withRunning { environment in
            let upload = TestServer.pattern(count: 5 << 20)
            let echoed = try await environment.client.execute(
                CurlRequest(method: .post, url: environment.url("/echo"), body: upload)
            )
            #expect(echoed.body == upload)
            let download = try await environment.client.execute(
                CurlRequest(method: .get, url: environment.url("/bytes?count=\(3 << 20)"))
            )
            #expect(download.body == TestServer.pattern(count: 3 << 20))
        }
    }
}
