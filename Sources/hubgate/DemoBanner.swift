import HubSpotSimulator

/// What `hubgate demo` prints once everything listens: where things are and curl lines to paste.
struct DemoBanner {
    /// The port the gateway listens on, as bound (not the `0` asked for).
    let gatewayPort: Int
    /// The port of the admin listener.
    let adminPort: Int
    /// The port of the embedded simulator, as bound.
    let simulatorPort: Int
    /// The response vocabulary the simulator speaks.
    let dialect: SimulatorDialect
    /// The demo client key the curl lines send; a demo key, so printing it is the point.
    let clientKey: String

    /// The banner, ready to print.
    var text: String {
        let gateway = "http://127.0.0.1:\(gatewayPort)"
        let auth = "-H 'Authorization: Bearer \(clientKey)'"
        let json = "-H 'Content-Type: application/json'"
        return """

            HubGate demo is running (simulator dialect: \(dialect.rawValue)). Press Ctrl-C to stop.
              gateway:    \(gateway)            client key: \(clientKey)
              admin:      http://127.0.0.1:\(adminPort)/readyz
              simulator:  http://127.0.0.1:\(simulatorPort)  (HubSpot stand-in; stats at /_simulator/stats)

            Try:
              # associate contact 101 with company 201 as its primary company
              curl -s -X POST \(gateway)/crm/v4/associations/contacts/companies/batch/create \(auth) \(json) \\
                -d '{"inputs":[{"from":{"id":"101"},"to":{"id":"201"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}'
              # read it back, in batch and for one record
              curl -s -X POST \(gateway)/crm/v4/associations/contacts/companies/batch/read \(auth) \(json) -d '{"inputs":[{"id":"101"}]}'
              curl -s \(gateway)/crm/v4/objects/contacts/101/associations/companies \(auth)
              # the labels HubSpot defines for contacts → companies
              curl -s \(gateway)/crm/v4/associations/contacts/companies/labels \(auth)
              # what the simulator (HubSpot) has received
              curl -s http://127.0.0.1:\(simulatorPort)/_simulator/stats

            """
    }
}
