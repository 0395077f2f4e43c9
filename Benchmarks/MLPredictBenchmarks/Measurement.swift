#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One case's best time over the repetitions, checked against the expected totals each time.
struct Measurement {
    let name: String
    let rows: Int
    private(set) var best: Duration?
    /// The process's peak RSS after this case's first repetition (it only grows).
    private(set) var peakRSSMiB = 0.0

    init(name: String, rows: Int) {
        self.name = name
        self.rows = rows
    }

    /// Times one repetition of `run`.
    /// - Throws: ``BenchmarkError`` if it read other totals than `expected`, or what `run` threw.
    mutating func time(_ run: () throws -> Totals, expecting expected: Totals) throws {
        var totals = Totals()
        let elapsed = try ContinuousClock().measure { totals = try run() }
        guard totals == expected else {
            throw BenchmarkError("\(name) read wrong results: \(totals); expected \(expected)")
        }
        if best == nil { peakRSSMiB = Self.peakRSSMiB() }
        best = min(best ?? elapsed, elapsed)
    }

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
