import ArgumentParser
import Foundation
import MLPredict

/// `mlpredict-benchmarks`: per-row, batch and columnar prediction, and the conversions of 10
/// mixed-type columns, each against a floor measured in the same run, then the streaming operator
/// and the async API against their synchronous equivalents. Prints a Markdown table and the ratios
/// against their targets; fails if any case reads wrong results.
@main
struct MLPredictBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlpredict-benchmarks",
        abstract: """
            Measure Model.predict, predict(batch:) and predictColumns against C and numpy floors, on the \
            reference model and on type conversions, and the streaming and async APIs against them.
            """
    )

    @Option(help: "Rows predicted by each reference, batch, columnar, streaming and async batch case, per repetition.")
    var rows = 1_000_000

    @Option(help: "Rows predicted one at a time by `await Model.predict` in each repetition (at most --rows).")
    var asyncRows = 100_000

    @Option(help: "Rows predicted by each conversion case, (d) to (f), in each repetition.")
    var mixedRows = 200_000

    @Option(help: "Repetitions of every case (interleaved); the best is reported.")
    var repetitions = 3

    @Option(help: "Only these cases, by letter, comma-separated (e.g. 't,u,v'); default all.")
    var only: String?

    @Option(help: "Which cases: 'default' (in-process against C floors) or 'workers' (process execution).")
    var suite = "default"

    @Option(help: "Rows predicted one at a time through a worker for the latency percentiles ('workers' suite).")
    var latencyRows = 20_000

    static let batchSizes = [16, 256, 4096]

    func validate() throws {
        guard rows > 0, asyncRows > 0, mixedRows > 0, repetitions > 0 else {
            throw ValidationError("--rows, --async-rows, --mixed-rows and --repetitions must be positive")
        }
    }

    func run() throws {
        if suite == "workers" {
            return try WorkerBenchmarks.run(rows: rows, latencyRows: min(latencyRows, rows), repetitions: repetitions)
        }
        let inputs = ReferenceInputs(count: rows)
        let model = try ReferenceModel.load()
        let floor = try FloorInstance(for: model)
        let modelRows = inputs.rows()
        let mixedModel = try MixedModel.load()
        let numeric = try NumericModel(rows: rows)
        var cases = BenchmarkCases()
        let perRow = addPerRowCases(to: &cases, inputs, modelRows, model: model, floor: floor)
        try addMixedCases(to: &cases, model: mixedModel)
        let batch256 = addBatchCases(to: &cases, inputs, modelRows, model: model, floor: floor)
        addColumnarCases(to: &cases, numeric)
        try addStreamingCases(to: &cases, inputs, modelRows, model: model, versus: batch256)
        addAsyncCases(to: &cases, inputs, modelRows, model: model, versus: perRow, batch256)
        let tupleModel = try ReferenceModel.load(tuples: true)
        try addTupleCases(
            to: &cases, inputs, modelRows, model: tupleModel, referenceModel: model, referencePerRow: perRow)
        if let only { try cases.select(only.split(separator: ",").map { "(\($0.trimmingCharacters(in: .whitespaces)))" }) }
        let startRSS = Measurement.peakRSSMiB()
        for _ in 0..<repetitions {
            try cases.timeEach()
        }
        try model.close()
        try tupleModel.close()
        try mixedModel.close()
        try numeric.model.close()
        print(
            ResultsTable(
                measurements: cases.measurements, comparisons: cases.comparisons, repetitions: repetitions,
                startRSSMiB: startRSS, environment: try RunEnvironment.current()
            ).markdown)
    }
}
