// swift-tools-version: 6.1
import PackageDescription

/// A stream processor built on MLPredict the way a server-side Swift service is: rows from a JSON
/// Lines file or a TCP socket, predicted by the streaming operator, written out as JSON Lines, with
/// swift-log, swift-metrics (a Prometheus registry) and graceful shutdown by swift-service-lifecycle.
let package = Package(
    name: "StreamProcessor",
    dependencies: [
        // Named, because a path dependency's identity is otherwise its directory's name, which
        // depends on where the repository was cloned.
        .package(name: "MLPredict", path: "../.."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .executableTarget(
            name: "StreamProcessor",
            dependencies: [
                .product(name: "MLPredict", package: "MLPredict"),
                .product(name: "MLPredictServiceLifecycle", package: "MLPredict"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        )
    ]
)
