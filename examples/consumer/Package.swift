// swift-tools-version: 6.1
import PackageDescription

/// A package that uses MLPredict as a dependency, the way an app would: it proves the library
/// finds its own Python package (`python/src/mlpredict`) from a dependency's checkout.
let package = Package(
    name: "MLPredictConsumer",
    dependencies: [
        // Named, because a path dependency's identity is otherwise its directory's name, which
        // depends on where the repository was cloned.
        .package(name: "MLPredict", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "SentimentConsumer",
            dependencies: [.product(name: "MLPredict", package: "MLPredict")]
        ),
    ]
)
