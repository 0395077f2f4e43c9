/// A `TIME(p)` value: a time of day to the nanosecond.
public struct SQLTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds since midnight, 0 up to (not including) 86 400 × 10⁹.
    public private(set) var nanosecondOfDay: Int64

    static let nanosecondsPerDay: Int64 = 86_400 * 1_000_000_000

    /// The time `nanosecondOfDay` nanoseconds after midnight, or `nil` if that is not within a day.
    public init?(nanosecondOfDay: Int64) {
        guard (0..<Self.nanosecondsPerDay).contains(nanosecondOfDay) else { return nil }
        self.nanosecondOfDay = nanosecondOfDay
    }

    /// `hour:minute:second.nanosecond`, or `nil` out of range.
    public init?(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second),
            (0..<1_000_000_000).contains(nanosecond)
        else { return nil }
        nanosecondOfDay = Int64((hour * 60 + minute) * 60 + second) * 1_000_000_000 + Int64(nanosecond)
    }

    /// Parses `HH:MM:SS` with an optional fraction of up to 9 digits (`12:34:56.789`).
    public init?(_ text: some StringProtocol) {
        let (clock, fraction) = SQLTime.splitFraction(text)
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let nanosecond = fraction, let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2])
        else { return nil }
        self.init(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    public var hour: Int { Int(nanosecondOfDay / 3_600_000_000_000) }
    public var minute: Int { Int(nanosecondOfDay / 60_000_000_000 % 60) }
    public var second: Int { Int(nanosecondOfDay / 1_000_000_000 % 60) }
    public var nanosecond: Int { Int(nanosecondOfDay % 1_000_000_000) }

    /// `HH:MM:SS` and as many fraction digits as needed (none, 3, 6 or 9).
    public var description: String { formatted(fractionDigits: nil) }

    /// `HH:MM:SS` with exactly `fractionDigits` fraction digits (truncating), or as many as needed
    /// (none, 3, 6 or 9) when `nil`.
    public func formatted(fractionDigits: Int?) -> String {
        "\(CivilCalendar.padded(hour, 2)):\(CivilCalendar.padded(minute, 2)):\(CivilCalendar.padded(second, 2))"
            + SQLTime.fraction(nanosecond, digits: fractionDigits)
    }

    public static func < (lhs: SQLTime, rhs: SQLTime) -> Bool { lhs.nanosecondOfDay < rhs.nanosecondOfDay }

    /// `.ddd…` for `nanosecond`: `digits` digits, or the fewest of 3, 6, 9 that are exact (none for 0).
    static func fraction(_ nanosecond: Int, digits: Int?) -> String {
        let nine = CivilCalendar.padded(nanosecond, 9)
        let count =
            digits
            ?? (nanosecond == 0 ? 0 : nanosecond % 1_000_000 == 0 ? 3 : nanosecond % 1000 == 0 ? 6 : 9)
        return count == 0 ? "" : "." + nine.prefix(count)
    }

    /// The text before an optional `.fraction`, and the fraction in nanoseconds (`nil` if malformed).
    static func splitFraction(_ text: some StringProtocol) -> (Substring, Int?) {
        let text = Substring(text)
        guard let point = text.firstIndex(of: ".") else { return (text, 0) }
        let digits = text[text.index(after: point)...]
        guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else {
            return (text[..<point], nil)
        }
        var nanosecond = value
        for _ in digits.count..<9 { nanosecond *= 10 }
        return (text[..<point], nanosecond)
    }
}
