import HTTPTypes

extension HTTPResponse.Status {
    /// 207, which HubSpot's batch endpoints use for partial success (HTTPTypes has no constant for it).
    static let multiStatus = HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status")
}
