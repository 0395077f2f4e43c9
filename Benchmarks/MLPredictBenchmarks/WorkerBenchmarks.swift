import Dispatch
import Foundation
import MLPredict
import Synchronization

/// Process execution (`'execution-mode' = 'process'`) against in-process execution, in one run:
/// batches of 256 rows, per-row latency through a worker, two workers against one on a CPU-bound
/// pure-Python model, and how long a killed worker takes to be replaced.
enum WorkerBenchmarks {
    static func ddl(_ model: String, _ pythonClass: String, _ options: [String: String]) -> String {
        let extra = options.sorted { $0.key < $1.key }.map { ", '\($0.key)' = '\($0.value)'" }.joined()
        return """
            CREATE MODEL \(model) INPUT (text STRING) OUTPUT (text STRING, score DOUBLE)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(BenchmarkModels.directory(model))',
                  'python-predict-class' = '\(pythonClass)'\(extra))
            """
    }

    static func reference(_ options: [String: String] = [:]) throws -> Model {
        try ModelRegistry.default.createModel(fromDDL: ddl("reference", "reference.ReferencePredictFunction", options))
    }

    static func busy(_ options: [String: String]) throws -> Model {
        try ModelRegistry.default.createModel(fromDDL: ddl("busy", "busy.BusyPredictFunction", options))
    }

    static let process = ["execution-mode": "process"]

    /// Runs every case and prints a Markdown report.
    static func run(rows: Int, latencyRows: Int, repetitions: Int) throws {
        let inputs = ReferenceInputs(count: rows).rows()
        let batches = stride(from: 0, to: inputs.count, by: 256).map { Array(inputs[$0..<min($0 + 256, inputs.count)]) }
        let inProcess = try reference()
        let oneWorker = try reference(process)
        var lines = ["| case | ns/row (best of \(repetitions)) | ratio |", "|---|---:|---:|"]

        let local = try best(repetitions) { try consume(batches, inProcess) } / Double(rows)
        let remote = try best(repetitions) { try consume(batches, oneWorker) } / Double(rows)
        lines.append("| in-process `predict(batch:)`, 256 rows | \(format(local)) | 1.00 |")
        lines.append("| 1 worker `predict(batch:)`, 256 rows | \(format(remote)) | \(String(format: "%.2f", remote / local)) (target ≤ 2) |")

        let streamLocal = try best(repetitions) { try stream(inputs, inProcess) } / Double(rows)
        let streamRemote = try best(repetitions) { try stream(inputs, oneWorker) } / Double(rows)
        lines.append("| in-process stream, batch 256, 10 batches in flight | \(format(streamLocal)) | 1.00 |")
        lines.append(
            "| 1 worker stream, batch 256, 10 batches in flight | \(format(streamRemote)) | "
                + "\(String(format: "%.2f", streamRemote / streamLocal)) |")

        var latencies: [Double] = []
        latencies.reserveCapacity(latencyRows)
        for row in inputs.prefix(latencyRows) {
            let start = ContinuousClock.now
            _ = try oneWorker.predict(row)
            latencies.append((ContinuousClock.now - start).seconds * 1e6)
        }
        latencies.sort()
        let p50 = latencies[latencies.count / 2]
        let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        lines.append("")
        lines.append("Per row through 1 worker (`Model.predict`, \(latencyRows) rows): p50 \(String(format: "%.1f", p50)) µs, "
            + "p99 \(String(format: "%.1f", p99)) µs (target ≤ 20 µs a row).")

        let busyRows = Array(inputs.prefix(min(rows, 40_000)))
        let busyBatches = stride(from: 0, to: busyRows.count, by: 256).map {
            Array(busyRows[$0..<min($0 + 256, busyRows.count)])
        }
        let one = try busy(process)
        let two = try busy(process.merging(["workers": "2"]) { $1 })
        let oneTime = try best(repetitions) { try consumeConcurrently(busyBatches, one) }
        let twoTime = try best(repetitions) { try consumeConcurrently(busyBatches, two) }
        lines.append("")
        lines.append("CPU-bound pure-Python model, \(busyRows.count) rows in batches of 256 from 2 threads: 1 worker "
            + "\(Int(Double(busyRows.count) / oneTime * 1e9)) rows/s, 2 workers \(Int(Double(busyRows.count) / twoTime * 1e9)) rows/s: "
            + "\(String(format: "%.2f", oneTime / twoTime))x (target ≥ 1.7x on 2 cores).")

        var replacements: [Double] = []
        for _ in 0..<5 {
            _ = try oneWorker.predict(inputs[0])
            let start = ContinuousClock.now
            (oneWorker.predictFunction as? WorkerPredictFunction)?.killWorker()
            while (try? oneWorker.predict(inputs[0])) == nil {}
            replacements.append((ContinuousClock.now - start).seconds * 1e3)
        }
        replacements.sort()
        lines.append("")
        lines.append("A killed worker replaced and answering again (median of 5; the reference model's open() is trivial): "
            + "\(String(format: "%.0f", replacements[2])) ms.")
        for model in [inProcess, oneWorker, one, two] { try model.close() }
        print(lines.joined(separator: "\n"))
    }

    private static func consume(_ batches: [[Row]], _ model: Model) throws {
        var rows = 0
        for batch in batches { rows += try model.predict(batch: batch).count }
        guard rows == batches.reduce(0, { $0 + $1.count }) else { throw BenchmarkError("lost rows") }
    }

    /// The streaming operator over `rows` at batch 256, every prediction consumed.
    private static func stream(_ rows: [Row], _ model: Model) throws {
        let count = try TaskWaiter.wait {
            var count = 0
            let options = try PredictionOptions(["batch-size": "256"])
            for try await prediction in RowSource(rows: rows).predictions(with: model, options: options) {
                count += prediction.outputs.count
            }
            return count
        }
        guard count == rows.count else { throw BenchmarkError("the stream lost rows") }
    }

    private static func consumeConcurrently(_ batches: [[Row]], _ model: Model) throws {
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            for index in stride(from: half, to: batches.count, by: 2) {
                if (try? model.predict(batch: batches[index]).count) != batches[index].count { failures.add(1, ordering: .relaxed) }
            }
        }
        guard failures.load(ordering: .relaxed) == 0 else { throw BenchmarkError("a batch failed") }
    }

    /// The best wall time of `repetitions` runs of `body`, in nanoseconds.
    private static func best(_ repetitions: Int, _ body: () throws -> Void) throws -> Double {
        var best = Double.infinity
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            try body()
            best = min(best, (ContinuousClock.now - start).seconds * 1e9)
        }
        return best
    }

    private static func format(_ value: Double) -> String { String(format: "%.0f", value) }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
