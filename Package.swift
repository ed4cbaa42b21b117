// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "hubgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hubgate", targets: ["hubgate"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Already resolved through Hummingbird: the HTTP part types the event-loop answer handler reads.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Tests only: parses the deploy/ manifests (multi-document YAML). Already resolved through
        // swift-configuration's YAML trait, so this adds no new package, only a direct product.
        .package(url: "https://github.com/jpsim/Yams.git", "5.4.0"..<"7.0.0"),
    ],
    targets: [
        // libcurl, with typed wrappers for its variadic setopt/getinfo calls.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // A small async HTTP client over libcurl's multi interface, run on its own thread. It knows
        // nothing of HubSpot; the gateway's Upstream/ folder builds HubSpot calls on it.
        .target(
            name: "CurlHTTP",
            dependencies: [
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        // HubSpot's vocabulary shared by the gateway and the simulator: object types, the default
        // association type table, error bodies.
        .target(
            name: "HubSpotModel",
            swiftSettings: swiftSettings
        ),
        // The Swift runtime's global-enqueue hook, for running Swift tasks on NIO's event loops also
        // in binaries linked with --static-swift-stdlib (see hubgate's EventLoopTaskExecutor).
        .target(name: "CConcurrencyHook"),
        .target(
            name: "HubGate",
            dependencies: [
                "CurlHTTP",
                "HubSpotModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["Translation/README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HubSpotSimulator",
            dependencies: [
                "HubSpotModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "hubgate",
            dependencies: [
                "HubGate",
                "HubSpotSimulator",
                "CConcurrencyHook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings,
            // Resident memory of the release binary (bench/soak.sh, `hubgate demo` idle): the Swift
            // toolchain exports every public symbol of every package from an executable (about
            // 36,000, which the dynamic linker reads at start-up), and gold packs code and
            // read-only data so that fault-around maps more of them. Without the exports and with
            // lld (shipped with the toolchain): 5 to 6 MB less mapped at idle. Nothing looks
            // HubGate's symbols up at run time (the event-loop executor hook is linked directly).
            // The functions that run (link/hubgate.order, from scripts/link-order.sh) come first
            // and together, so the few megabytes of code a running HubGate needs are all the
            // process maps of it: about 11 MB less resident under the soak. The order needs every
            // function in its own section, which scripts/build-release.sh asks the compilers for;
            // a plain `swift build -c release` links the same program, just less compactly.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-use-ld=lld", "-Xlinker", "--no-export-dynamic",
                        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/link/hubgate.order",
                        "-Xlinker", "--no-warn-symbol-ordering",
                        "-Xlinker", "--script=\(Context.packageDirectory)/link/hot-text.ld",
                    ],
                    .when(platforms: [.linux], configuration: .release)
                ),
            ]
        ),
        // Helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "HubGateTests",
            dependencies: [
                "HubGate",
                "HubSpotModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // The cache store tests capture log lines and hold a competing SQLite lock.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // DeployArtifactTests parse every deploy/ YAML file.
                .product(name: "Yams", package: "Yams"),
                // The reload tests drive the SIGHUP service in a group.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // Channel handlers run in an EmbeddedChannel, on a clock the test moves.
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CurlHTTPTests",
            dependencies: [
                "CurlHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HubSpotSimulatorTests",
            dependencies: [
                "TestSupport",
                "HubSpotSimulator",
                "HubSpotModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "TestSupport",
                "HubGate",
                "HubSpotSimulator",
                "HubSpotModel",
                "CurlHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
