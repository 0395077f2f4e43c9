/// A `DATE` value: a day of the proleptic Gregorian calendar, years 0 to 9999 (Flink's range).
public struct SQLDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before), as Flink stores a `DATE`.
    public private(set) var daysSinceEpoch: Int32

    /// The range of ``daysSinceEpoch``: 0000-01-01 to 9999-12-31.
    public static let validDays = Int32(CivilCalendar.days(year: 0, month: 1, day: 1))...Int32(
        CivilCalendar.days(year: 9999, month: 12, day: 31))

    /// The date `daysSinceEpoch` days after 1970-01-01, or `nil` outside years 0 to 9999.
    public init?(daysSinceEpoch: Int32) {
        guard Self.validDays.contains(daysSinceEpoch) else { return nil }
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The date `year-month-day`, or `nil` if there is no such day in years 0 to 9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        daysSinceEpoch = Int32(CivilCalendar.days(year: year, month: month, day: day))
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Year, month and day, computed together.
    public var components: (year: Int, month: Int, day: Int) { CivilCalendar.date(days: Int(daysSinceEpoch)) }
    public var year: Int { CivilCalendar.date(days: Int(daysSinceEpoch)).year }
    public var month: Int { CivilCalendar.date(days: Int(daysSinceEpoch)).month }
    public var day: Int { CivilCalendar.date(days: Int(daysSinceEpoch)).day }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = CivilCalendar.date(days: Int(daysSinceEpoch))
        return "\(CivilCalendar.padded(year, 4))-\(CivilCalendar.padded(month, 2))-\(CivilCalendar.padded(day, 2))"
    }

    public static func < (lhs: SQLDate, rhs: SQLDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }
}
