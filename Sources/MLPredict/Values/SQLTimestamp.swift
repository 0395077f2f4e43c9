/// A `TIMESTAMP(p)` or `TIMESTAMP_LTZ(p)` value, to the nanosecond.
///
/// For `TIMESTAMP` (without time zone) it is a date and time of day as written, with no zone: the
/// fields are those of UTC by convention. For `TIMESTAMP_LTZ` it is an instant, counted from the
/// Unix epoch.
public struct SQLTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01 00:00:00 (negative before).
    public private(set) var secondsSinceEpoch: Int64
    /// Nanoseconds into that second, 0 to 999 999 999.
    public private(set) var nanosecond: Int32

    /// The range of ``secondsSinceEpoch``: 0000-01-01 00:00:00 to 9999-12-31 23:59:59.
    static let validSeconds =
        Int64(SQLDate.validDays.lowerBound) * 86_400...Int64(SQLDate.validDays.upperBound) * 86_400 + 86_399

    /// The timestamp `secondsSinceEpoch` seconds and `nanosecond` nanoseconds after the epoch, or
    /// `nil` outside years 0 to 9999.
    public init?(secondsSinceEpoch: Int64, nanosecond: Int32 = 0) {
        guard Self.validSeconds.contains(secondsSinceEpoch), (0..<1_000_000_000).contains(nanosecond) else { return nil }
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanosecond = nanosecond
    }

    /// The timestamp of `date` at `time`.
    public init(date: SQLDate, time: SQLTime) {
        secondsSinceEpoch = Int64(date.daysSinceEpoch) * 86_400 + time.nanosecondOfDay / 1_000_000_000
        nanosecond = Int32(time.nanosecondOfDay % 1_000_000_000)
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.fraction]` (a `T` may stand for the space).
    public init?(_ text: some StringProtocol) {
        let text = Substring(text)
        guard text.count >= 19 else { return nil }
        let separator = text.index(text.startIndex, offsetBy: 10)
        guard text[separator] == " " || text[separator] == "T",
            let date = SQLDate(text[..<separator]), let time = SQLTime(text[text.index(after: separator)...])
        else { return nil }
        self.init(date: date, time: time)
    }

    /// The calendar day (of UTC, for an instant).
    public var date: SQLDate {
        SQLDate(daysSinceEpoch: Int32(Self.floorDivide(secondsSinceEpoch, 86_400)))!
    }

    /// The time of day (of UTC, for an instant).
    public var time: SQLTime {
        let second = secondsSinceEpoch - Self.floorDivide(secondsSinceEpoch, 86_400) * 86_400
        return SQLTime(nanosecondOfDay: second * 1_000_000_000 + Int64(nanosecond))!
    }

    /// `YYYY-MM-DD HH:MM:SS` and as many fraction digits as needed (none, 3, 6 or 9).
    public var description: String { formatted(fractionDigits: nil) }

    /// `YYYY-MM-DD HH:MM:SS` with exactly `fractionDigits` fraction digits, or as many as needed.
    public func formatted(fractionDigits: Int?) -> String {
        "\(date) \(time.formatted(fractionDigits: fractionDigits))"
    }

    public static func < (lhs: SQLTimestamp, rhs: SQLTimestamp) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanosecond) < (rhs.secondsSinceEpoch, rhs.nanosecond)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
