import ArgumentParser
import MLPredict

/// `mlpredict-benchmarks`: per-row, batch and columnar prediction against floors measured in the
/// same run. Prints a Markdown table; fails if any case reads wrong results.
@main
struct MLPredictBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlpredict-benchmarks",
        abstract: "Measure Model.predict, predict(batch:) and predictColumns against C and numpy floors."
    )

    @Option(help: "Rows predicted by each case in each repetition.")
    var rows = 1_000_000

    @Option(help: "Repetitions of every case (interleaved); the best is reported.")
    var repetitions = 3

    static let batchSizes = [16, 256, 4096]

    func validate() throws {
        guard rows > 0, repetitions > 0 else { throw ValidationError("--rows and --repetitions must be positive") }
    }

    func run() throws {
        let inputs = ReferenceInputs(count: rows)
        let model = try ReferenceModel.load()
        let floor = try FloorInstance(for: model)
        let modelRows = inputs.rows()
        let batches = Dictionary(uniqueKeysWithValues: Self.batchSizes.map { size in
            (size, stride(from: 0, to: rows, by: size).map { Array(modelRows[$0..<min($0 + size, rows)]) })
        })
        let numeric = try NumericModel(rows: rows)
        let startRSS = Measurement.peakRSSMiB()
        let reference = inputs.expectedTotals
        var cases: [BenchmarkCase] = [
            BenchmarkCase("C floor per row, GIL held for the loop", reference) { try floor.run(inputs, gilPerRow: false) },
            BenchmarkCase("C floor per row, GIL taken per row", reference) { try floor.run(inputs, gilPerRow: true) },
        ]
        for size in Self.batchSizes {
            cases.append(BenchmarkCase("C floor predict_batch, \(size) rows per call", reference) {
                try floor.runBatches(inputs, batchSize: size)
            })
        }
        cases.append(BenchmarkCase("Model.predict per row", reference, versus: 1) { try ReferenceModel.predict(modelRows, with: model) })
        for (index, size) in Self.batchSizes.enumerated() {
            cases.append(BenchmarkCase("Model.predict(batch:), \(size) rows", reference, versus: 2 + index) {
                try ReferenceModel.predict(batches: batches[size]!, with: model)
            })
        }
        cases.append(BenchmarkCase("numpy alone: y = 2x + 1 on an array in Python", numeric.expectedTotals) {
            try numeric.numpyBaseline()
        })
        let numpyAlone = cases.count - 1
        cases.append(BenchmarkCase("Model.predictColumns, numpy model, one batch", numeric.expectedTotals, versus: numpyAlone) {
            try numeric.predictColumns()
        })
        var measurements = cases.map { Measurement(name: $0.name, rows: rows) }
        for _ in 0..<repetitions {
            for index in cases.indices {
                try measurements[index].time(cases[index].run, expecting: cases[index].expected)
            }
        }
        try model.close()
        try numeric.model.close()
        print(
            ResultsTable(
                cases: cases, measurements: measurements, repetitions: repetitions, startRSSMiB: startRSS,
                environment: try RunEnvironment.current()
            ).markdown)
    }
}

/// One timed case: what it runs, what it must read back, and the case its ratio is taken against.
struct BenchmarkCase {
    let name: String
    let expected: Totals
    /// The index of the floor this case is compared with (itself for a floor).
    let versus: Int?
    let run: () throws -> Totals

    init(_ name: String, _ expected: Totals, versus: Int? = nil, run: @escaping () throws -> Totals) {
        self.name = name
        self.expected = expected
        self.versus = versus
        self.run = run
    }
}
