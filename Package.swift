// swift-tools-version: 6.1
import PackageDescription

/// Strict settings every Swift target shares: Swift 6 language mode (strict concurrency) plus
/// imports that stay internal unless marked `public`, so CPython never leaks into the public API.
let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "MLPredict",
    products: [
        .library(name: "MLPredict", targets: ["MLPredict"]),
        .library(name: "MLPredictSQLiteCatalog", targets: ["MLPredictSQLiteCatalog"]),
        .library(name: "MLPredictServiceLifecycle", targets: ["MLPredictServiceLifecycle"]),
        .executable(name: "mlpredict", targets: ["MLPredictCLI"]),
        .executable(name: "mlpredict-benchmarks", targets: ["MLPredictBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // SHA-256 for cached environments and model packages; .zip archives (needs zlib, apt
        // zlib1g-dev); http(s) downloads of model packages.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Layer 0: CPython itself, found through pkg-config (Debian: libpython3-dev).
        .systemLibrary(
            name: "CPython",
            pkgConfig: "python3-embed",
            providers: [.apt(["libpython3-dev"])]
        ),
        // Layer 0: zlib, for .tar.gz model packages (Debian: zlib1g-dev; ZIPFoundation needs it too).
        .systemLibrary(
            name: "CMLPredictZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Layer 1: the C shim, only for what Swift cannot import from Python.h (macros, inline functions).
        .target(name: "CPythonShim", dependencies: ["CPython"]),
        // Layer 1: mlpredict.Row in C. The source belongs to the Python package (the same file
        // builds its optional extension module); the host registers it at interpreter start.
        .target(
            name: "CMLPredictRow",
            dependencies: ["CPython"],
            path: "python/src/mlpredict/_native",
            sources: ["row.c"],
            publicHeadersPath: "include"
        ),
        // Layer 2: the safe embedding layer: interpreter, GIL, owned references, errors, conversions.
        .target(
            name: "MLPredictPython",
            dependencies: ["CPython", "CPythonShim", "CMLPredictRow"],
            swiftSettings: strictSwift
        ),
        // Layer 3: the model layer: FLIP-552 interfaces, providers, DDL, predict; logs, metrics and
        // spans through the swift-log, swift-metrics and swift-distributed-tracing APIs (the app
        // bootstraps their backends; none is bootstrapped here).
        .target(
            name: "MLPredict",
            dependencies: [
                "MLPredictPython",
                "CMLPredictZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSwift
        ),
        // Layer 3 (optional): a model catalog persisted in a SQLite file, so only apps that persist pay for GRDB.
        .target(
            name: "MLPredictSQLiteCatalog",
            dependencies: ["MLPredict", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift
        ),
        // Layer 3 (optional): a swift-service-lifecycle `Service` that closes models on graceful
        // shutdown, so only apps that use ServiceLifecycle link it.
        .target(
            name: "MLPredictServiceLifecycle",
            dependencies: [
                "MLPredict",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        // Layer 4: the `mlpredict` command-line tool.
        .executableTarget(
            name: "MLPredictCLI",
            dependencies: [
                "MLPredict", "MLPredictPython", "MLPredictSQLiteCatalog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        // Benchmarks: the per-row cost of Model.predict against a C floor measured in the same run.
        .target(
            name: "CBenchmarkFloor",
            dependencies: ["CPython", "CPythonShim"],
            path: "Benchmarks/CBenchmarkFloor"
        ),
        .executableTarget(
            name: "MLPredictBenchmarks",
            dependencies: [
                "MLPredict", "MLPredictPython", "CBenchmarkFloor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/MLPredictBenchmarks",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MLPredictPythonTests",
            dependencies: ["MLPredictPython"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MLPredictTests",
            dependencies: [
                "MLPredict",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MLPredictSQLiteCatalogTests",
            dependencies: ["MLPredictSQLiteCatalog", "MLPredict"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MLPredictServiceLifecycleTests",
            dependencies: [
                "MLPredictServiceLifecycle", "MLPredict", "MLPredictPython",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "MLPredictCLITests",
            dependencies: ["MLPredictCLI", "MLPredict"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
    ]
)
