import Foundation

/// The benchmark's Python models, under `Benchmarks/models`.
enum BenchmarkModels {
    /// The directory of model `name`, found next to this file's source, so any working directory works.
    static func directory(_ name: String) -> String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // MLPredictBenchmarks
            .deletingLastPathComponent()  // Benchmarks
            .appendingPathComponent("models/\(name)").path
    }
}
