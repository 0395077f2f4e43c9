import Foundation

/// What a run did, for the progress line and the summary.
struct RunCounts {
    var rowsIn = 0
    var rowsOut = 0
    var skipped = 0
    /// The first skipped lines' numbers (at most ``shownSkippedLines``) and the first's reason.
    var skippedLines: [Int] = []
    var firstSkipReason: String?
    var failed = 0
    /// Each batch's predict latency, in seconds.
    var latencies: [Double] = []

    static let shownSkippedLines = 5

    mutating func skip(_ bad: BadRow) {
        skipped += 1
        if skippedLines.count < Self.shownSkippedLines { skippedLines.append(bad.line) }
        if firstSkipReason == nil { firstSkipReason = bad.message }
    }

    /// `skipped 3 bad line(s): 2, 5, 9, … (line 2: reason)`, or nil when none was.
    var skippedReport: String? {
        guard skipped > 0 else { return nil }
        let more = skipped > skippedLines.count ? ", …" : ""
        return "skipped \(skipped) bad line(s): \(skippedLines.map(String.init).joined(separator: ", "))\(more)"
            + (firstSkipReason.map { " (line \(skippedLines[0]): \($0))" } ?? "")
    }

    /// The `q`-quantile (0…1) of the batch latencies, by the nearest rank.
    func latency(quantile q: Double) -> Double? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// `100 rows in, 100 rows out, 0 skipped, 0 failed, 0 ignored; 0.52 s, 192 rows/s; predict p50 1.2 ms, p99 3.4 ms per batch (2 batches)`.
    func summary(ignored: Int, elapsed: Double) -> String {
        var text = "\(rowsIn) rows in, \(rowsOut) rows out, \(skipped) skipped, \(failed) failed, \(ignored) ignored; "
        text += "\(Self.seconds(elapsed)), \(Self.rate(rowsIn, elapsed)) rows/s"
        if let p50 = latency(quantile: 0.5), let p99 = latency(quantile: 0.99) {
            text += "; predict p50 \(Self.milliseconds(p50)), p99 \(Self.milliseconds(p99)) per batch"
            text += " (\(latencies.count) batch\(latencies.count == 1 ? "" : "es"))"
        }
        return text
    }

    static func rate(_ rows: Int, _ elapsed: Double) -> String {
        elapsed > 0 ? String(Int((Double(rows) / elapsed).rounded())) : "-"
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    static func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value * 1000) }

    /// `1:02:03` or `2:03`.
    static func clock(_ value: Double) -> String {
        let total = Int(value.rounded())
        let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, seconds) : String(format: "%d:%02d", minutes, seconds)
    }
}

/// The progress line on standard error: redrawn in place on a terminal (every 0.1 s at most),
/// a plain line every 10 s otherwise, nothing when quiet.
final class ProgressLine {
    enum Mode {
        case none
        case terminal
        case periodic
    }

    private let mode: Mode
    private let totalBytes: Int?
    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant
    private var drawn = false

    init(quiet: Bool, totalBytes: Int?) {
        mode = quiet ? .none : isatty(STDERR_FILENO) == 1 ? .terminal : .periodic
        self.totalBytes = totalBytes
        lastDraw = start
    }

    /// Seconds since the run started.
    var elapsed: Double { (ContinuousClock.now - start).seconds }

    /// Shows the progress if it is due.
    func update(_ counts: RunCounts, bytesRead: Int) {
        let now = ContinuousClock.now
        switch mode {
        case .none: return
        case .terminal: guard now - lastDraw >= .milliseconds(100) else { return }
        case .periodic: guard now - lastDraw >= .seconds(10) else { return }
        }
        lastDraw = now
        let text = describe(counts, bytesRead: bytesRead)
        if mode == .terminal {
            standardError("\r\u{1B}[K" + text)
            drawn = true
        } else {
            standardError(text + "\n")
        }
    }

    /// Clears a progress line drawn in place, before other output.
    func clear() {
        guard drawn else { return }
        standardError("\r\u{1B}[K")
        drawn = false
    }

    /// `mlpredict: 12000 rows, 3400 rows/s, 0:03 elapsed, ETA 0:10`.
    func describe(_ counts: RunCounts, bytesRead: Int) -> String {
        let elapsed = self.elapsed
        var text = "mlpredict: \(counts.rowsIn) rows, \(RunCounts.rate(counts.rowsIn, elapsed)) rows/s, "
            + "\(RunCounts.clock(elapsed)) elapsed"
        if let totalBytes, totalBytes > 0, bytesRead > 0 {
            let remaining = elapsed * Double(max(totalBytes - bytesRead, 0)) / Double(bytesRead)
            text += ", ETA \(RunCounts.clock(remaining))"
        }
        if counts.skipped > 0 { text += ", \(counts.skipped) skipped" }
        return text
    }
}

/// Writes `text` to standard error as it is.
func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

extension Duration {
    /// In seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
