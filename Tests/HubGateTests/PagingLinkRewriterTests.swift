import HTTPTypes
import NIOCore
import Testing

@testable import HubGate

/// Paging links move from HubSpot's origin to HubGate's; nothing else in the body changes.
struct PagingLinkRewriterTests {
    static let rewriter = PagingLinkRewriter(upstreamURL: "https://api.hubapi.com")!

    /// Every link on the upstream's origin gets the gateway's; path, query and the rest stay.
    @Test func rewritesUpstreamLinks() throws {
        let body = #"{"results":[],"paging":{"next":{"after":"MQ==","link":"https://api.hubapi.com/crm/v4/associations/definitions?after=MQ%3D%3D"}},"x":{"link" : "https://api.hubapi.com?a=1"}}"#
        #expect(Self.rewriter.hasLinks(in: ByteBuffer(string: body)))
        let rewritten = try #require(Self.rewriter.rewrite(ByteBuffer(string: body), gatewayOrigin: "http://hubgate:8080"))
        #expect(String(buffer: rewritten) == #"{"results":[],"paging":{"next":{"after":"MQ==","link":"http://hubgate:8080/crm/v4/associations/definitions?after=MQ%3D%3D"}},"x":{"link" : "http://hubgate:8080?a=1"}}"#)
    }

    /// Bodies without such a link come back as nil (no copy): no link, a link elsewhere, an origin
    /// that only starts like the upstream's, `link` as a value rather than a key.
    @Test(arguments: [
        #"{"results":[{"toObjectId":1}]}"#,
        #"{"paging":{"next":{"link":"https://example.com/crm/v4/x"}}}"#,
        #"{"paging":{"next":{"link":"https://api.hubapi.com.evil.example/x"}}}"#,
        #"{"label":"link","name":"https://api.hubapi.com/x"}"#,
        #"{"link":"#,
    ])
    func leavesOtherBodiesAlone(body: String) {
        #expect(Self.rewriter.rewrite(ByteBuffer(string: body), gatewayOrigin: "http://hubgate") == nil)
        #expect(!Self.rewriter.hasLinks(in: ByteBuffer(string: body)))
    }

    /// The upstream's origin is its scheme, host and port, whatever path its URL has.
    @Test func originOfUpstreamURL() throws {
        let rewriter = try #require(PagingLinkRewriter(upstreamURL: "http://127.0.0.1:9090/base"))
        let body = ByteBuffer(string: #"{"link":"http://127.0.0.1:9090/crm/v4/x?after=2"}"#)
        #expect(rewriter.rewrite(body, gatewayOrigin: "http://gw").map { String(buffer: $0) } == #"{"link":"http://gw/crm/v4/x?after=2"}"#)
        #expect(rewriter.rewrite(body, gatewayOrigin: "").map { String(buffer: $0) } == #"{"link":"/crm/v4/x?after=2"}"#, "no usable Host: relative")
        #expect(PagingLinkRewriter(upstreamURL: "not a url") == nil)
        #expect(PagingLinkRewriter(upstreamURL: "https:///path") == nil)
    }

    /// The gateway's origin comes from Host, with https only when a proxy in front says so; a host
    /// with characters no host has is not written into JSON, and without one the link is relative.
    @Test func gatewayOriginFromRequest() {
        func head(_ authority: String?, proto: String? = nil) -> HTTPRequest {
            var fields = HTTPFields()
            if let proto { fields[.xForwardedProto] = proto }
            return HTTPRequest(method: .get, scheme: nil, authority: authority, path: "/", headerFields: fields)
        }
        #expect(PagingLinkRewriter.gatewayOrigin(of: head("hubgate.internal:8080")) == "http://hubgate.internal:8080")
        #expect(PagingLinkRewriter.gatewayOrigin(of: head("[::1]:8080", proto: "HTTPS")) == "https://[::1]:8080")
        #expect(PagingLinkRewriter.gatewayOrigin(of: head("hubgate", proto: "ftp")) == "http://hubgate")
        #expect(PagingLinkRewriter.gatewayOrigin(of: head(nil)) == "")
        #expect(PagingLinkRewriter.gatewayOrigin(of: head("evil\",\"x")) == "")
        #expect(PagingLinkRewriter.gatewayOrigin(of: head("a b")) == "")
    }
}
