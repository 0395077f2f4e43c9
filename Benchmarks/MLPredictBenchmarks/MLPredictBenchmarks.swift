import ArgumentParser
import MLPredict

/// `mlpredict-benchmarks`: the per-row cost of `Model.predict` against a C floor measured in the
/// same run, on the reference model and on the conversions of 10 mixed-type columns. Prints a
/// Markdown table; fails if any case reads wrong results.
@main
struct MLPredictBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlpredict-benchmarks",
        abstract: "Measure Model.predict per row against a C floor, on the reference model and on type conversions."
    )

    @Option(help: "Rows predicted by each reference case, (a) to (c), in each repetition.")
    var rows = 1_000_000

    @Option(help: "Rows predicted by each conversion case, (d) to (f), in each repetition.")
    var mixedRows = 200_000

    @Option(help: "Repetitions of every case (interleaved); the best is reported.")
    var repetitions = 3

    func validate() throws {
        guard rows > 0, mixedRows > 0, repetitions > 0 else {
            throw ValidationError("--rows, --mixed-rows and --repetitions must be positive")
        }
    }

    func run() throws {
        let inputs = ReferenceInputs(count: rows)
        let model = try ReferenceModel.load()
        let floor = try FloorInstance(for: model)
        let modelRows = inputs.rows()
        let mixedInputs = MixedInputs(count: mixedRows)
        let mixedModel = try MixedModel.load()
        let mixedFloor = try FloorInstance(for: mixedModel)
        let mixedModelRows = mixedInputs.rows()
        let expected = inputs.expectedTotals
        let mixedExpected = try MixedInputs.expectedTotals(of: mixedModelRows)
        let startRSS = Measurement.peakRSSMiB()
        var measurements = [
            Measurement("(a)", "C floor, GIL held for the loop", rows: rows, floor: 0, expecting: expected) {
                try floor.run(inputs, gilPerRow: false)
            },
            Measurement("(b)", "C floor, GIL taken per row", rows: rows, floor: 0, expecting: expected) {
                try floor.run(inputs, gilPerRow: true)
            },
            Measurement("(c)", "Model.predict", rows: rows, floor: 0, expecting: expected) {
                try ReferenceModel.predict(modelRows, with: model)
            },
            Measurement(
                "(d)", "C conversions, 10 mixed columns, GIL held for the loop", rows: mixedRows, floor: 3,
                expecting: mixedExpected
            ) { try mixedFloor.run(mixedInputs, gilPerRow: false) },
            Measurement(
                "(e)", "C conversions, 10 mixed columns, GIL taken per row", rows: mixedRows, floor: 3,
                expecting: mixedExpected
            ) { try mixedFloor.run(mixedInputs, gilPerRow: true) },
            Measurement(
                "(f)", "Model.predict, 10 mixed columns", rows: mixedRows, floor: 3, expecting: mixedExpected
            ) { try MixedModel.predict(mixedModelRows, with: mixedModel) },
        ]
        for _ in 0..<repetitions {
            for index in measurements.indices {
                try measurements[index].time()
            }
        }
        try model.close()
        try mixedModel.close()
        print(
            ResultsTable(
                measurements: measurements,
                comparisons: [.init(measured: 2, floor: 1, target: nil), .init(measured: 5, floor: 4, target: 1.5)],
                repetitions: repetitions, startRSSMiB: startRSS, environment: try RunEnvironment.current()
            ).markdown)
    }
}
