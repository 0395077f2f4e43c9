import Foundation

/// The results as Markdown: the run's environment, then one table row per case with its time per
/// row, rows per second, its ratio to the floor it is compared with (measured in the same run)
/// and the peak RSS.
struct ResultsTable {
    let cases: [BenchmarkCase]
    let measurements: [Measurement]
    let repetitions: Int
    let startRSSMiB: Double
    let environment: RunEnvironment

    var markdown: String {
        var lines = [
            "Python \(environment.pythonVersion), nproc \(environment.processors), "
                + "best of \(repetitions) repetitions, peak RSS before timing \(format(startRSSMiB, 1)) MiB",
            "",
            "| # | case | rows | ns/row (best) | rows/s | ratio | peak RSS (MiB) |",
            "|---:|---|---:|---:|---:|---|---:|",
        ]
        for (index, measurement) in measurements.enumerated() {
            let ratio = cases[index].versus.map { floor in
                "\(format(measurement.nanosecondsPerRow / measurements[floor].nanosecondsPerRow, 2))x vs #\(floor + 1)"
            } ?? "floor"
            lines.append(
                "| \(index + 1) | \(measurement.name) | \(measurement.rows) | \(format(measurement.nanosecondsPerRow, 1)) "
                    + "| \(format(1e9 / measurement.nanosecondsPerRow, 0)) | \(ratio) | \(format(measurement.peakRSSMiB, 1)) |")
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
