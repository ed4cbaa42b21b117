import Hummingbird

/// Routes of the operator listener.
enum AdminRouter {
    /// `/healthz`: the process is alive. `/readyz`: it should receive traffic.
    static func make(readiness: ReadinessState) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(string: #"{"status":"ok"}"#)))
        }
        router.get("/readyz") { _, _ in
            let ready = readiness.isReady
            return Response(
                status: ready ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: .init(string: ready ? #"{"status":"ready"}"# : #"{"status":"not ready"}"#))
            )
        }
        return router
    }
}
