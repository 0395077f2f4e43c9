import Foundation

/// The results as Markdown: the run's environment, then one table row per case, with its ratio
/// to case (a), the floor measured in the same run.
struct ResultsTable {
    let measurements: [Measurement]
    let repetitions: Int
    let startRSSMiB: Double
    let environment: RunEnvironment

    var markdown: String {
        let floor = measurements[0].nanosecondsPerRow
        var lines = [
            "Python \(environment.pythonVersion), nproc \(environment.processors), "
                + "best of \(repetitions) repetitions, peak RSS before timing \(format(startRSSMiB, 1)) MiB",
            "",
            "| case | rows | ns/row (best) | ratio vs floor (a) | peak RSS (MiB) |",
            "|---|---:|---:|---:|---:|",
        ]
        for measurement in measurements {
            lines.append(
                "| \(measurement.name) | \(measurement.rows) | \(format(measurement.nanosecondsPerRow, 1)) "
                    + "| \(format(measurement.nanosecondsPerRow / floor, 2))x | \(format(measurement.peakRSSMiB, 1)) |")
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
