import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import Testing

/// The legacy v3 API through gateway → simulator: translated to v4 on the way up, back to v3 shapes
/// and status codes on the way down, in both simulator dialects.
@Suite(.timeLimit(.minutes(2)))
struct V3EndpointTests {
    /// The v4 body the simulator last received for `operation`, as JSON.
    static func recordedBody(_ harness: GatewayHarness, _ operation: SimulatorOperation) throws -> [String: Any] {
        let recorded = try #require(harness.simulator.recordedRequests(operation: operation).last)
        return try #require(try JSONSerialization.jsonObject(with: Data(recorded.body.utf8)) as? [String: Any])
    }

    /// Every v3 endpoint answers with v3's status and shape, and sends HubSpot the expected v4 call.
    @Test(arguments: SimulatorDialect.allCases)
    func everyEndpointIsTranslated(dialect: SimulatorDialect) async throws {
        try await GatewayHarness.run(dialect: dialect) { harness in
            let types = try await harness.gateway(.get, "/crm/v3/associations/Contacts/Companies/types")
            #expect(types.status == .ok)
            let typeResults = types.json["results"] as? [[String: Any]] ?? []
            #expect(typeResults.contains { $0["id"] as? String == "1" && $0["name"] as? String == "contact_to_company" })
            #expect(typeResults.contains { $0["id"] as? String == "279" && $0["name"] as? String == "contact_to_company_unlabeled" })

            let created = try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/create", body: #"{"inputs":[{"from":{"id":"53628"},"to":{"id":"12726"},"type":"contact_to_company"}]}"#)
            #expect(created.status == .created)
            #expect(created.json["status"] as? String == "COMPLETE")
            let createdResults = created.json["results"] as? [[String: Any]] ?? []
            #expect(createdResults.first?["type"] as? String == "contact_to_company")
            let v4Create = try Self.recordedBody(harness, .batchCreate)
            let v4Inputs = v4Create["inputs"] as? [[String: Any]] ?? []
            #expect((v4Inputs.first?["from"] as? [String: Any])?["id"] as? String == "53628")
            let v4Types = v4Inputs.first?["types"] as? [[String: Any]] ?? []
            #expect(v4Types.count == 1)
            #expect(v4Types.first?["associationCategory"] as? String == "HUBSPOT_DEFINED")
            #expect(v4Types.first?["associationTypeId"] as? Int == 1)

            let read = try await harness.gateway(.post, "/crm/v3/associations/Contacts/Companies/batch/read", body: #"{"inputs":[{"id":"53628"},{"id":"999"}]}"#)
            #expect(read.status.code == (dialect == .seed ? 200 : 207))
            let readResults = read.json["results"] as? [[String: Any]] ?? []
            let first = try #require(readResults.first { ($0["from"] as? [String: Any])?["id"] as? String == "53628" })
            let to = first["to"] as? [[String: Any]] ?? []
            #expect(Set(to.compactMap { $0["type"] as? String }) == ["contact_to_company", "contact_to_company_unlabeled"])
            #expect(to.allSatisfy { $0["id"] as? String == "12726" })
            #expect(try Self.recordedBody(harness, .batchRead)["inputs"] as? [[String: String]] == [["id": "53628"], ["id": "999"]])

            let archived = try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/archive", body: #"{"inputs":[{"from":{"id":"53628"},"to":{"id":"12726"},"type":"contact_to_company"}]}"#)
            #expect(archived.status == .noContent)
            let v4Archive = try Self.recordedBody(harness, .batchArchiveLabels)
            let archiveTypes = (v4Archive["inputs"] as? [[String: Any]])?.first?["types"] as? [[String: Any]] ?? []
            #expect(archiveTypes.map { $0["associationTypeId"] as? Int } == [1], "only the named type is removed")
            #expect(harness.simulator.stats().requests(.batchArchive) == 0, "never the all-types archive")
        }
    }

    /// A translated answer carries the headers of the HubSpot call behind it, as a v4 answer does:
    /// a legacy client pacing itself by HubSpot's rate-limit headers keeps working.
    @Test func answersCarryHubSpotHeaders() async throws {
        try await GatewayHarness.run { harness in
            let body = #"{"inputs":[{"from":{"id":"53628"},"to":{"id":"12726"},"type":"contact_to_company"}]}"#
            let answers = [
                try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/create", body: body),
                try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"53628"}]}"#),
                try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/archive", body: body),
            ]
            #expect(answers.map(\.status) == [.created, .ok, .noContent])
            for answer in answers {
                #expect(Int(answer.header("X-HubSpot-RateLimit-Max") ?? "") != nil)
                #expect(Int(answer.header("X-HubSpot-RateLimit-Remaining") ?? "") != nil)
                #expect(answer.header("X-HubSpot-Correlation-Id") != nil)
            }
            #expect(answers[0].header("Content-Type") == "application/json;charset=utf-8")
            #expect(answers[2].header("Content-Type") == nil)
        }
    }

    /// A v3 create is seen by a v3 read and by a v4 read alike.
    @Test(arguments: SimulatorDialect.allCases)
    func v3WritesAgreeWithV4Reads(dialect: SimulatorDialect) async throws {
        try await GatewayHarness.run(dialect: dialect) { harness in
            _ = try await harness.gateway(.post, "/crm/v3/associations/deals/companies/batch/create", body: #"{"inputs":[{"from":{"id":"7"},"to":{"id":"8"},"type":"deal_to_company"}]}"#)
            let v3 = try await harness.gateway(.post, "/crm/v3/associations/deals/companies/batch/read", body: #"{"inputs":[{"id":"7"}]}"#)
            #expect(v3.body.contains("deal_to_company"))
            let v4 = try await harness.gateway(.get, "/crm/v4/objects/deals/7/associations/companies")
            #expect(v4.body.contains("8"))
            #expect(v4.body.contains(dialect == .seed ? #""associationTypeId":5"# : #""typeId":5"#))
        }
    }

    /// A custom label created through v4 is usable by its internal name from v3.
    @Test(arguments: SimulatorDialect.allCases)
    func customLabelsAreUsableByName(dialect: SimulatorDialect) async throws {
        try await GatewayHarness.run(dialect: dialect) { harness in
            _ = try await harness.gateway(.get, "/crm/v3/associations/contacts/deals/types")
            let label = try await harness.gateway(.post, "/crm/v4/associations/contacts/deals/labels", body: #"{"label":"Decision maker","name":"decision_maker","inverseLabel":"Decided by"}"#)
            #expect(label.status == .ok)
            let types = try await harness.gateway(.get, "/crm/v3/associations/contacts/deals/types")
            #expect(types.body.contains("decision_maker"), "the label write invalidated the cached labels")
            let created = try await harness.gateway(.post, "/crm/v3/associations/contacts/deals/batch/create", body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"decision_maker"}]}"#)
            #expect(created.status == .created)
            let read = try await harness.gateway(.post, "/crm/v3/associations/contacts/deals/batch/read", body: #"{"inputs":[{"id":"1"}]}"#)
            #expect(read.status == .ok)
            #expect(read.body.contains(#""type":"decision_maker""#), "the v3 read names the label as v3 clients wrote it")
            let v4 = try await harness.gateway(.get, "/crm/v4/objects/contacts/1/associations/deals")
            #expect(v4.body.contains("USER_DEFINED"))
        }
    }

    /// Reads toward companies return only primary companies, as v3 documents.
    @Test func readsTowardCompaniesArePrimaryOnly() async throws {
        try await GatewayHarness.run { harness in
            _ = try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/create", body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"contact_to_company_unlabeled"},{"from":{"id":"1"},"to":{"id":"3"},"type":"contact_to_company"}]}"#)
            let read = try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"1"}]}"#)
            let to = (read.json["results"] as? [[String: Any]])?.first?["to"] as? [[String: Any]] ?? []
            #expect(Set(to.compactMap { $0["id"] as? String }) == ["3"])
            let v4 = try await harness.gateway(.get, "/crm/v4/objects/contacts/1/associations/companies")
            #expect(v4.body.contains(#""toObjectId":"2""#) && v4.body.contains(#""toObjectId":"3""#), "v4 still sees both")
        }
    }

    /// Configured to, reads toward companies return every company.
    @Test func companyReadsCanReturnAll() async throws {
        try await GatewayHarness.run(gateway: { $0.v3CompanyReads = .all }) { harness in
            _ = try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/create", body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"contact_to_company_unlabeled"},{"from":{"id":"1"},"to":{"id":"3"},"type":"contact_to_company"}]}"#)
            let read = try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"1"}]}"#)
            let to = (read.json["results"] as? [[String: Any]])?.first?["to"] as? [[String: Any]] ?? []
            #expect(Set(to.compactMap { $0["id"] as? String }) == ["2", "3"])
        }
    }

    /// With labels cached, `types` costs no upstream call.
    @Test func typesComeFromTheCache() async throws {
        try await GatewayHarness.run { harness in
            for _ in 0..<5 {
                let types = try await harness.gateway(.get, "/crm/v3/associations/contacts/companies/types")
                #expect(types.status == .ok)
            }
            #expect(harness.simulator.stats().requests(.listLabels) == 1)
            #expect(harness.simulator.stats().requests(.listDefinitions) == 1)
        }
    }

    /// Unknown type names and malformed or oversized input are 400s with no upstream write.
    @Test func refusesBadInputBeforeHubSpot() async throws {
        let tooMany = #"{"inputs":["# + (1...1001).map { #"{"id":"\#($0)"}"# }.joined(separator: ",") + "]}"
        try await GatewayHarness.run { harness in
            let bad: [(String, String, String)] = [
                ("create", #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"nonsense_type"}]}"#, "nonsense_type"),
                ("create", #"{"inputs":[]}"#, "inputs"),
                ("create", #"{"inputs":[{"from":{"id":"1"},"type":"contact_to_company"}]}"#, "to"),
                ("create", #"{"inputs":[{"from":{"id":"x1"},"to":{"id":"2"},"type":"contact_to_company"}]}"#, "x1"),
                ("archive", #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":7}]}"#, "type"),
                ("read", #"{"inputs":"1"}"#, "inputs"),
                ("read", tooMany, "1000"),
            ]
            for (operation, body, mentioned) in bad {
                let response = try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/\(operation)", body: body)
                #expect(response.status == .badRequest, "\(operation) \(body.prefix(80))")
                #expect(response.json["category"] as? String == "VALIDATION_ERROR")
                #expect((response.json["message"] as? String ?? "").contains(mentioned) || response.body.contains(mentioned), "\(operation): \(response.body)")
                #expect(response.json["correlationId"] as? String == response.header("X-Request-Id"))
            }
            let stats = harness.simulator.stats()
            #expect(stats.requests(.batchCreate) + stats.requests(.batchRead) + stats.requests(.batchArchiveLabels) == 0)
        }
    }

    /// HubSpot's v4 errors come back in v3's shape with HubSpot's status.
    @Test func relaysUpstreamErrors() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .batchRead, status: 503, count: 3))
            let response = try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"1"}]}"#)
            #expect(response.status == .serviceUnavailable)
            #expect(response.json["status"] as? String == "error")
            #expect(response.json["correlationId"] != nil)
        }
    }

    /// A v3 call that cannot read the pair's labels or the definitions list (HubSpot erring, nothing
    /// cached to stand in) gets HubSpot's error, not an answer that lacks the user-defined labels.
    @Test(arguments: [SimulatorOperation.listLabels, .listDefinitions])
    func failsWhenTheCatalogCannotBeRead(failing operation: SimulatorOperation) async throws {
        try await GatewayHarness.run { harness in
            let created = try await harness.gateway(.post, "/crm/v4/associations/deals/tickets/labels", body: #"{"label":"Escalation","name":"escalation"}"#)
            #expect(created.status.kind == .successful)
            let purged = try await harness.send(.post, harness.adminURL + "/cache/purge", authorization: nil, body: nil)
            #expect(purged.status == .ok)
            // More failures than the read's attempts, for each of the calls below.
            harness.simulator.addFault(FaultRule(operation: operation, status: 503, count: 100))

            let calls: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/crm/v3/associations/deals/tickets/types", nil),
                (.post, "/crm/v3/associations/deals/tickets/batch/read", #"{"inputs":[{"id":"1"}]}"#),
                (.post, "/crm/v3/associations/deals/tickets/batch/create", #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"escalation"}]}"#),
                (.post, "/crm/v3/associations/deals/tickets/batch/archive", #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"escalation"}]}"#),
            ]
            for (method, path, body) in calls {
                let response = try await harness.gateway(method, path, body: body)
                #expect(response.status == .serviceUnavailable, "\(path): \(response.body)")
                #expect(response.json["status"] as? String == "error")
                #expect(response.json["correlationId"] as? String != nil)
            }
            let stats = harness.simulator.stats()
            #expect(stats.requests(.batchCreate) + stats.requests(.batchRead) + stats.requests(.batchArchiveLabels) == 0, "nothing is written or read on a guess")
        }
    }

    /// A v3 write whose catalog read times out tells its client that nothing was written (the
    /// write was never sent), not that the write's outcome is unknown.
    @Test func catalogTimeoutBeforeAWriteSaysNothingWasWritten() async throws {
        try await GatewayHarness.run(gateway: { $0.upstream.retry.maxAttempts = 1; $0.upstream.requestTimeout = .seconds(1) }) { harness in
            harness.simulator.addFault(FaultRule(operation: .listLabels, latencyMs: 3000, count: 1))
            let archive = try await harness.gateway(
                .post,
                "/crm/v3/associations/contacts/companies/batch/archive",
                body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"contact_to_company"}]}"#
            )
            #expect(archive.status == .gatewayTimeout)
            #expect((archive.json["message"] as? String)?.contains("Nothing was written") == true, "\(archive.body)")
            #expect(harness.simulator.stats().requests(.batchArchiveLabels) == 0)
        }
    }

    /// A record with more associations than one v4 page: the v3 answer carries v4's cursor, and
    /// sending it back as the input's `after` reads the rest, so following it ends.
    @Test func readCursorLeadsToTheNextPage() async throws {
        try await GatewayHarness.run { harness in
            let inputs = (1...650).map { #"{"from":{"id":"9000"},"to":{"id":"\#($0)"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":4}]}"# }
            let created = try await harness.gateway(.post, "/crm/v4/associations/contacts/deals/batch/create", body: #"{"inputs":["# + inputs.joined(separator: ",") + "]}")
            #expect(created.status.kind == .successful)

            var seen = Set<String>()
            var after: String?
            var pages = 0
            repeat {
                let input = after.map { #"{"id":"9000","after":"\#($0)"}"# } ?? #"{"id":"9000"}"#
                let page = try await harness.gateway(.post, "/crm/v3/associations/contacts/deals/batch/read", body: #"{"inputs":["# + input + "]}")
                #expect(page.status == .ok)
                let result = try #require((page.json["results"] as? [[String: Any]])?.first)
                for association in result["to"] as? [[String: Any]] ?? [] {
                    seen.insert(association["id"] as? String ?? "")
                }
                after = ((result["paging"] as? [String: Any])?["next"] as? [String: Any])?["after"] as? String
                pages += 1
            } while after != nil && pages < 5
            #expect(pages == 2)
            #expect(seen.count == 650)
        }
    }
}
