/// Which vocabulary the simulator answers in.
///
/// `seed` follows the seed OpenAPI contract exactly; `hubspot` follows real HubSpot (and so the
/// official clients' models and status codes). `Sources/HubSpotSimulator/README.md` lists every
/// difference.
package enum SimulatorDialect: String, Sendable, CaseIterable, Codable {
    /// The seed spec's shapes and status codes.
    case seed
    /// Real HubSpot's shapes and status codes.
    case hubspot
}
