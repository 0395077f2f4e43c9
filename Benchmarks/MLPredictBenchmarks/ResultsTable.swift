import Foundation

/// The results as Markdown: the run's environment, one table row per case with its time per row,
/// rows per second, its ratio to the floor it is compared with (measured in the same run) and the
/// peak RSS, then each ratio that has a target, met or missed.
struct ResultsTable {
    /// `measured / floor`, the indices of two measurements, to be at most `target`.
    struct Comparison {
        let measured: Int
        let floor: Int
        let target: Double
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
            "| case | rows | ns/row (best) | rows/s | ratio vs floor | peak RSS (MiB) |",
            "|---|---:|---:|---:|---|---:|",
        ]
        for measurement in measurements where measurement.isTimed {
            let versus = measurement.floor.map { measurements[$0] }.flatMap { $0.isTimed ? $0 : nil }
            let ratioText = versus.map { "\(format(ratio(measurement, $0), 2))x \($0.label)" } ?? "floor"
            let nanoseconds = measurement.nanosecondsPerRow
            lines.append(
                "| \(measurement.label) \(measurement.name) | \(measurement.rows) | \(format(nanoseconds, 1)) "
                    + "| \(format(1e9 / nanoseconds, 0)) | \(ratioText) | \(format(measurement.peakRSSMiB, 1)) |")
        }
        lines.append("")
        for comparison in comparisons where measurements[comparison.measured].isTimed && measurements[comparison.floor].isTimed {
            let (measured, floor) = (measurements[comparison.measured], measurements[comparison.floor])
            let value = ratio(measured, floor)
            let verdict = value <= comparison.target ? "met" : "missed"
            lines.append(
                "\(measured.label) / \(floor.label) = \(format(value, 2))x "
                    + "(target at most \(format(comparison.target, 2))x: \(verdict))")
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
