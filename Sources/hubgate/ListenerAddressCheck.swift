import HubGate
import NIOCore
import NIOPosix

/// Names the listener whose address is taken when `serve` fails with `EADDRINUSE`: NIO's error
/// says only `bind(...): Address already in use`, not which of the two listeners, or where.
enum ListenerAddressCheck {
    /// One line per listener whose address cannot be bound now, in configuration terms.
    static func takenListeners(in configuration: GatewayConfiguration) async -> [String] {
        var taken: [String] = []
        let listeners = [
            ("server", configuration.server.host, configuration.server.port),
            ("admin", configuration.admin.host, configuration.admin.port),
        ]
        for (name, host, port) in listeners where port != 0 {
            let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            do {
                let channel = try await bootstrap.bind(host: host, port: port).get()
                try? await channel.close()
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                taken.append("\(name).port: \(host):\(port) is already in use by another process")
            } catch {
                continue
            }
        }
        return taken
    }

    /// Whether `error` is a failure to bind because the address is in use.
    static func isAddressInUse(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == EADDRINUSE
    }
}
