import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import TestSupport
import Testing

/// HubSpot's paging links reach clients pointing at HubGate, so a client that follows `link` stays
/// behind the gateway (with its own key) instead of calling HubSpot with a key HubSpot does not know.
@Suite(.timeLimit(.minutes(1)))
struct PagingLinkTests {
    /// A forwarded list and a cached definitions page (miss and hit) both link to the gateway, and
    /// the link works there.
    @Test func linksPointAtTheGateway() async throws {
        try await GatewayHarness.run { harness in
            let create = #"{"inputs":[{"from":{"id":"101"},"to":{"id":"201"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]},{"from":{"id":"101"},"to":{"id":"202"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":279}]}]}"#
            #expect(try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/create", body: create).status.kind == .successful)
            for path in ["/crm/v4/objects/contacts/101/associations/companies?limit=1", "/crm/v4/associations/definitions?limit=1", "/crm/v4/associations/definitions?limit=1"] {
                let page = try await harness.gateway(.get, path)
                #expect(page.status == .ok)
                let link = try #require(((page.json["paging"] as? [String: Any])?["next"] as? [String: Any])?["link"] as? String, "\(path)")
                #expect(link.hasPrefix(harness.gatewayURL + "/crm/v4/"), "\(link)")
                let next = try await harness.gateway(.get, String(link.dropFirst(harness.gatewayURL.count)))
                #expect(next.status == .ok)
            }
        }
    }

    /// Without a usable `Host` (HTTP/1.0 may send none) the link is relative: never HubSpot's origin.
    @Test(arguments: ["", "Host: a\"b\r\n"])
    func linksWithoutAHostAreRelative(hostField: String) async throws {
        try await GatewayHarness.run { harness in
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let request = "GET /crm/v4/associations/definitions?limit=1 HTTP/1.0\r\n\(hostField)Authorization: Bearer \(GatewayHarness.readerKey)\r\n\r\n"
            let received = try await RawConnection.exchangeText(port: port, request)
            #expect(RawConnection.statuses(in: received) == [200], "\(received)")
            #expect(received.contains(#""link":"/crm/v4/associations/definitions?"#), "\(received)")
            #expect(!received.contains("127.0.0.1"), "\(received)")
        }
    }
}
