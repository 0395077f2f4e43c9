internal import CPython
internal import CPythonShim

/// Which `datetime` module type an object is an instance of, as ``PythonReference/dateTimeKind(_:)`` tells.
public enum PythonDateTimeKind: Sendable, Hashable {
    /// `datetime.date`, but not `datetime.datetime`.
    case date
    case dateTime
    case time
    case timeDelta
    /// Not one of these.
    case other
}

/// Fields of a `datetime.date`, `datetime.time` or `datetime.datetime`.
public struct PythonDateTimeFields: Sendable, Hashable {
    public var year = 1, month = 1, day = 1
    public var hour = 0, minute = 0, second = 0, microsecond = 0

    public init(year: Int = 1, month: Int = 1, day: Int = 1, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second, self.microsecond) = (hour, minute, second, microsecond)
    }
}

extension PythonReference {
    /// Imports the `datetime` C API; needed once before any other call here.
    static func importDateTime(_ gil: borrowing GIL) throws(PythonError) {
        if CPythonShim_DateTime_Import() != 0 { throw PythonError.fetch(gil) }
    }

    /// `datetime.date(year, month, day)`; `ValueError` out of `date`'s range (years 1 to 9999).
    public init(date fields: PythonDateTimeFields, _ gil: borrowing GIL) throws(PythonError) {
        try Self.importDateTime(gil)
        try self.init(
            checking: CPythonShim_Date_New(Int32(fields.year), Int32(fields.month), Int32(fields.day)), gil)
    }

    /// A naive `datetime.time`.
    public init(time fields: PythonDateTimeFields, _ gil: borrowing GIL) throws(PythonError) {
        try Self.importDateTime(gil)
        try self.init(
            checking: CPythonShim_Time_New(
                Int32(fields.hour), Int32(fields.minute), Int32(fields.second), Int32(fields.microsecond)), gil)
    }

    /// A `datetime.datetime`, naive or in `timezone.utc`; `ValueError` out of range (years 1 to 9999).
    public init(dateTime fields: PythonDateTimeFields, utc: Bool, _ gil: borrowing GIL) throws(PythonError) {
        try Self.importDateTime(gil)
        try self.init(
            checking: CPythonShim_DateTime_New(
                Int32(fields.year), Int32(fields.month), Int32(fields.day), Int32(fields.hour), Int32(fields.minute),
                Int32(fields.second), Int32(fields.microsecond), utc ? 1 : 0), gil)
    }

    /// Which `datetime` type this is an instance of.
    public func dateTimeKind(_ gil: borrowing GIL) throws(PythonError) -> PythonDateTimeKind {
        try Self.importDateTime(gil)
        switch CPythonShim_DateTime_Kind(pointer) {
        case 1: return .date
        case 2: return .dateTime
        case 3: return .time
        case 4: return .timeDelta
        default: return .other
        }
    }

    /// The fields of a `date`, `datetime` or `time` (those it has; the others keep their defaults).
    /// - Precondition: ``dateTimeKind(_:)`` is `.date`, `.dateTime` or `.time`.
    public func dateTimeFields(_ gil: borrowing GIL) -> PythonDateTimeFields {
        var fields = PythonDateTimeFields()
        let (object, kind) = (pointer, CPythonShim_DateTime_Kind(pointer))
        // On the stack, not an Array: this runs for every DATE, TIME and TIMESTAMP value read.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 4) { buffer in
            let values = buffer.baseAddress!
            if kind == 1 || kind == 2 {
                CPythonShim_Date_Fields(object, values)
                (fields.year, fields.month, fields.day) = (Int(values[0]), Int(values[1]), Int(values[2]))
            }
            if kind == 2 || kind == 3 {
                CPythonShim_Time_Fields(object, values)
                (fields.hour, fields.minute, fields.second, fields.microsecond) =
                    (Int(values[0]), Int(values[1]), Int(values[2]), Int(values[3]))
            }
        }
        return fields
    }

    /// Whether a `datetime` or `time` has a `tzinfo` (is aware, or at least claims a zone).
    /// - Precondition: ``dateTimeKind(_:)`` is `.dateTime` or `.time`.
    public func hasTimeZone(_ gil: borrowing GIL) -> Bool {
        CPythonShim_TZInfo(pointer) != CPythonShim_Py_None()
    }

    /// `self.utcoffset()` of an aware `datetime`, in microseconds; `nil` if it has none.
    public func utcOffsetMicroseconds(_ gil: borrowing GIL) throws(PythonError) -> Int64? {
        let offset = try attribute("utcoffset", gil).call(gil)
        guard offset.kind(gil) != .none else { return nil }
        guard try offset.dateTimeKind(gil) == .timeDelta else {
            throw PythonError(
                typeName: "TypeError", message: "utcoffset() returned \(offset.typeName(gil)), not a timedelta",
                traceback: "")
        }
        var values: [Int32] = [0, 0, 0]
        CPythonShim_Delta_Fields(offset.pointer, &values)
        return (Int64(values[0]) * 86_400 + Int64(values[1])) * 1_000_000 + Int64(values[2])
    }
}
