import MLPredict

/// (o)-(s): the reference model through the streaming operator and the async API, against the
/// synchronous cases of the same shape. Their inputs are built before timing too.
extension MLPredictBenchmarks {
    /// The streaming operator's configurations timed, each with `'batch-size' = '256'`: the
    /// defaults of the other options, the best of the configurations tried (BENCHMARKS.md), and one
    /// batch at a time (as `'async' = 'false'`).
    static let streamingOptions: [(name: String, options: [String: String])] = [
        ("ORDERED, 10 in flight (defaults)", [:]),
        ("ALLOW_UNORDERED, 10 in flight", ["output-mode": "ALLOW_UNORDERED"]),
        ("ORDERED, 1 in flight", ["max-concurrent-operations": "1"]),
    ]

    /// The streaming operator at batch 256 over the pre-built rows, each configuration against
    /// `Model.predict(batch:)` at 256 rows (`batch256`), target 1.3x.
    func addStreamingCases(
        to cases: inout BenchmarkCases, _ inputs: ReferenceInputs, _ modelRows: [Row], model: Model,
        versus batch256: Int
    ) throws {
        for (name, settings) in Self.streamingOptions {
            let options = try PredictionOptions(settings.merging(["batch-size": "256"]) { $1 })
            cases.add(
                "predictions(with:), batch 256, \(name)", rows: rows, versus: batch256, target: 1.3,
                expecting: inputs.expectedTotals
            ) {
                try TaskWaiter.wait {
                    try await ReferenceModel.predictions(of: modelRows, with: model, options: options)
                }
            }
        }
    }

    /// `await model.predict(batch:)` at 256 rows against `predict(batch:)` (`batch256`), then
    /// `await model.predict` per row over the first `--async-rows` rows against `predict` (`perRow`).
    func addAsyncCases(
        to cases: inout BenchmarkCases, _ inputs: ReferenceInputs, _ modelRows: [Row], model: Model,
        versus perRow: Int, _ batch256: Int
    ) {
        let batches = Self.batches(of: modelRows, size: 256)
        cases.add(
            "await Model.predict(batch:), 256 rows", rows: rows, versus: batch256,
            expecting: inputs.expectedTotals
        ) { try TaskWaiter.wait { try await ReferenceModel.predictAsync(batches: batches, with: model) } }
        let count = min(asyncRows, rows)
        cases.add(
            "await Model.predict per row", rows: count, versus: perRow,
            expecting: ReferenceInputs(count: count).expectedTotals
        ) { try TaskWaiter.wait { try await ReferenceModel.predictAsync(modelRows[..<count], with: model) } }
    }
}
