import ArgumentParser
import MLPredict

/// `mlpredict-benchmarks`: the per-row cost of `Model.predict` against a C floor measured in the
/// same run, on the reference model. Prints a Markdown table; fails if any case reads wrong results.
@main
struct MLPredictBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlpredict-benchmarks",
        abstract: "Measure Model.predict per row against a C floor on the reference model."
    )

    @Option(help: "Rows predicted by each case in each repetition.")
    var rows = 1_000_000

    @Option(help: "Repetitions of every case (interleaved); the best is reported.")
    var repetitions = 3

    func validate() throws {
        guard rows > 0, repetitions > 0 else { throw ValidationError("--rows and --repetitions must be positive") }
    }

    func run() throws {
        let inputs = ReferenceInputs(count: rows)
        let model = try ReferenceModel.load()
        let floor = try FloorInstance(for: model)
        let modelRows = inputs.rows()
        let startRSS = Measurement.peakRSSMiB()
        let cases: [(name: String, run: () throws -> Totals)] = [
            ("(a) C floor, GIL held for the loop", { try floor.run(inputs, gilPerRow: false) }),
            ("(b) C floor, GIL taken per row", { try floor.run(inputs, gilPerRow: true) }),
            ("(c) Model.predict", { try ReferenceModel.predict(modelRows, with: model) }),
        ]
        let expected = inputs.expectedTotals
        var measurements = cases.map { Measurement(name: $0.name, rows: rows) }
        for _ in 0..<repetitions {
            for index in cases.indices {
                try measurements[index].time(cases[index].run, expecting: expected)
            }
        }
        try model.close()
        print(
            ResultsTable(
                measurements: measurements, repetitions: repetitions, startRSSMiB: startRSS,
                environment: try RunEnvironment.current()
            ).markdown)
    }
}
