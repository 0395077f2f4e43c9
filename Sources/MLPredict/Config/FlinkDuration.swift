/// Flink's duration strings (`TimeUtils.parseDuration`): digits, optional spaces, an optional unit
/// (`ns`, `us`, `ms`, `s`, `min`, `h`, `d` and their long forms); milliseconds without one.
enum FlinkDuration {
    /// The duration `text` names, or nil if it is not one (or overflows).
    static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingWhitespace
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).trimmingWhitespace.lowercased()
        guard let amount = Int64(digits), let scale = units[unit] else { return nil }
        let (nanoseconds, overflow) = amount.multipliedReportingOverflow(by: scale)
        return overflow ? nil : .nanoseconds(nanoseconds)
    }

    /// What a duration option expects, for error messages.
    static let expected = "a duration such as '500 ms', '30 s' or '3 min'"

    /// Nanoseconds per unit, by each of Flink's unit labels.
    private static let units: [String: Int64] = {
        let labels: [(Int64, [String])] = [
            (1, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
            (1_000, ["us", "µs", "micro", "micros", "microsecond", "microseconds"]),
            (1_000_000, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
            (1_000_000_000, ["s", "sec", "secs", "second", "seconds"]),
            (60_000_000_000, ["m", "min", "minute", "minutes"]),
            (3_600_000_000_000, ["h", "hour", "hours"]),
            (86_400_000_000_000, ["d", "day", "days"]),
        ]
        return Dictionary(uniqueKeysWithValues: labels.flatMap { scale, names in names.map { ($0, scale) } })
    }()
}

extension StringProtocol {
    /// Without leading and trailing whitespace.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
