#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One case: its best time over the repetitions, each run checked against the expected results.
struct Measurement {
    /// `(a)`, `(b)`...
    let label: String
    let name: String
    let rows: Int
    /// The index of the case whose time the ratio column divides by; nil for a floor.
    let floor: Int?
    private(set) var best: Duration?
    /// The process's peak RSS after this case's first repetition (it only grows).
    private(set) var peakRSSMiB = 0.0
    /// Runs the case once and returns its time, or throws if it read wrong results.
    private let timeOnce: () throws -> Duration

    /// A case that runs `run` over `rows` rows, which must read back `expected`.
    init<Result: Equatable & CustomStringConvertible>(
        _ label: String, _ name: String, rows: Int, floor: Int?, expecting expected: Result,
        _ run: @escaping () throws -> Result
    ) {
        (self.label, self.name, self.rows, self.floor) = (label, name, rows, floor)
        timeOnce = {
            var result: Result?
            let elapsed = try ContinuousClock().measure { result = try run() }
            guard result == expected else {
                let read = result.map { "\($0)" } ?? "nothing"
                throw BenchmarkError("\(label) \(name) read wrong results: \(read); expected \(expected)")
            }
            return elapsed
        }
    }

    /// Times one repetition.
    /// - Throws: ``BenchmarkError`` if it read other results than expected, or what the run threw.
    mutating func time() throws {
        let elapsed = try timeOnce()
        if best == nil { peakRSSMiB = Self.peakRSSMiB() }
        best = min(best ?? elapsed, elapsed)
    }

    /// Whether the case ran (a run may select some cases only).
    var isTimed: Bool { best != nil }

    var nanosecondsPerRow: Double {
        guard let best else { return .nan }
        let (seconds, attoseconds) = best.components
        return (Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(rows)
    }

    /// The process's peak resident set size so far (`ru_maxrss`), in MiB.
    static func peakRSSMiB() -> Double {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / (1024 * 1024)  // bytes on Darwin
        #else
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024  // KiB on Linux
        #endif
    }
}
