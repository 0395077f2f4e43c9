import Foundation

/// The results as Markdown: the run's environment, one table row per case with its ratio to its
/// C floor measured in the same run, then the comparisons with a target.
struct ResultsTable {
    /// `measured / floor`, the indices of two measurements, at most `target` if one is set.
    struct Comparison {
        let measured: Int
        let floor: Int
        let target: Double?
    }

    let measurements: [Measurement]
    let comparisons: [Comparison]
    let repetitions: Int
    let startRSSMiB: Double
    let environment: RunEnvironment

    var markdown: String {
        var lines = [
            "Python \(environment.pythonVersion), nproc \(environment.processors), "
                + "best of \(repetitions) repetitions, peak RSS before timing \(format(startRSSMiB, 1)) MiB",
            "",
            "| case | rows | ns/row (best) | ratio vs C floor | peak RSS (MiB) |",
            "|---|---:|---:|---:|---:|",
        ]
        for measurement in measurements {
            lines.append(
                "| \(measurement.label) \(measurement.name) | \(measurement.rows) "
                    + "| \(format(measurement.nanosecondsPerRow, 1)) "
                    + "| \(format(ratio(measurement, measurements[measurement.floor]), 2))x "
                    + "\(measurements[measurement.floor].label) | \(format(measurement.peakRSSMiB, 1)) |")
        }
        lines.append("")
        for comparison in comparisons {
            let (measured, floor) = (measurements[comparison.measured], measurements[comparison.floor])
            let value = ratio(measured, floor)
            let target = comparison.target.map { target in
                " (target at most \(format(target, 2))x: \(value <= target ? "met" : "missed"))"
            }
            lines.append("\(measured.label) / \(floor.label) = \(format(value, 2))x\(target ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    private func ratio(_ measurement: Measurement, _ floor: Measurement) -> Double {
        measurement.nanosecondsPerRow / floor.nanosecondsPerRow
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
