import HTTPTypes
import Hummingbird
import HummingbirdCore
import Testing

@testable import HubGate

/// What the forwarder sends upstream and relays back, header by header.
struct V4ForwarderTests {
    /// The retired `hapikey` credential is removed from the query; everything else is kept in order.
    @Test func stripsHapikeyFromQuery() {
        #expect(V4Forwarder.pathAndQuery(of: URI("/crm/v4/a?limit=10&hapikey=abc&after=x")) == "/crm/v4/a?limit=10&after=x")
        #expect(V4Forwarder.pathAndQuery(of: URI("/crm/v4/a?HAPIKEY=abc")) == "/crm/v4/a")
        #expect(V4Forwarder.pathAndQuery(of: URI("/crm/v4/a?limit=1&%68apikey=abc")) == "/crm/v4/a?limit=1")
        #expect(V4Forwarder.pathAndQuery(of: URI("/crm/associations/v4/contacts/companies/labels?x=1")) == "/crm/v4/associations/contacts/companies/labels?x=1")
        #expect(V4Forwarder.pathAndQuery(of: URI("/crm/v4/a?hapi%6Bey=abc&after=x")) == "/crm/v4/a?after=x")
        #expect(V4Forwarder.pathAndQuery(of: URI("/crm/v4/a?%2568apikey=abc")) == "/crm/v4/a?%2568apikey=abc", "decoded once, as HubSpot does")
        #expect(V4Forwarder.pathAndQuery(of: URI("/crm/v4/a")) == "/crm/v4/a")
    }

    /// Client credentials and cookies never go upstream; content type and accept do.
    @Test func forwardsOnlyNegotiationHeaders() {
        let incoming: HTTPFields = [
            .authorization: "Bearer client-key", .cookie: "session=1", .contentType: "application/json", .accept: "application/json",
            .userAgent: "hubspot-api-client-python; 12.0.0", HTTPField.Name("X-Forwarded-For")!: "10.0.0.1",
        ]
        let forwarded = V4Forwarder.forwardedHeaders(from: incoming, hasBody: true)
        #expect(forwarded[.authorization] == nil)
        #expect(forwarded[.cookie] == nil)
        #expect(forwarded[HTTPField.Name("X-Forwarded-For")!] == nil)
        #expect(forwarded[.contentType] == "application/json")
        #expect(forwarded[.userAgent] == "hubgate hubspot-api-client-python; 12.0.0")
        #expect(V4Forwarder.forwardedHeaders(from: [:], hasBody: false)[.contentType] == nil)
    }

    /// HubSpot's rate-limit, correlation and content-type headers come back; others do not.
    @Test func relaysHubSpotHeaders() {
        let upstream: HTTPFields = [
            .contentType: "application/json;charset=utf-8", HTTPField.Name("X-HubSpot-RateLimit-Remaining")!: "99",
            HTTPField.Name("X-HubSpot-Correlation-Id")!: "abc", .retryAfter: "1", .setCookie: "x=1", .server: "upstream",
        ]
        let relayed = V4Forwarder.relayedHeaders(from: upstream)
        #expect(relayed[.contentType] == "application/json;charset=utf-8")
        #expect(relayed[HTTPField.Name("x-hubspot-ratelimit-remaining")!] == "99")
        #expect(relayed[HTTPField.Name("X-HubSpot-Correlation-Id")!] == "abc")
        #expect(relayed[.retryAfter] == "1")
        #expect(relayed[.setCookie] == nil)
        #expect(relayed[.server] == nil)
    }
}
