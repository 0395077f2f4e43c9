import MLPredict

/// DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ: strings in Flink's SQL format, with up to 9 fraction
/// digits, none of them non-zero beyond the type's precision.
extension JSONColumnReader {
    /// `YYYY-MM-DD`.
    static func date(_ json: JSONValue, _ type: DataType) throws(ColumnValueError) -> SQLDate {
        guard case .string(let text) = json, let date = SQLDate(text) else { throw mismatch(json, type) }
        return date
    }

    /// `HH:MM:SS[.fraction]`.
    static func time(_ json: JSONValue, precision: Int, _ type: DataType) throws(ColumnValueError) -> SQLTime {
        guard case .string(let text) = json, let time = SQLTime(text), fits(time.nanosecond, precision) else {
            throw mismatch(json, type)
        }
        return time
    }

    /// `YYYY-MM-DD HH:MM:SS[.fraction]`, with a space (not `T`) between date and time.
    static func timestamp(
        _ json: JSONValue, precision: Int, _ type: DataType
    ) throws(ColumnValueError) -> SQLTimestamp {
        guard case .string(let text) = json, let timestamp = sqlTimestamp(text[...], precision: precision) else {
            throw mismatch(json, type)
        }
        return timestamp
    }

    /// `YYYY-MM-DD HH:MM:SS[.fraction]Z`: a UTC date and time, so an instant.
    static func instant(
        _ json: JSONValue, precision: Int, _ type: DataType
    ) throws(ColumnValueError) -> SQLTimestamp {
        guard case .string(let text) = json, text.hasSuffix("Z"),
            let timestamp = sqlTimestamp(text.dropLast(), precision: precision)
        else { throw mismatch(json, type) }
        return timestamp
    }

    private static func sqlTimestamp(_ text: Substring, precision: Int) -> SQLTimestamp? {
        guard text.dropFirst(10).first == " ", let timestamp = SQLTimestamp(text),
            fits(Int(timestamp.nanosecond), precision)
        else { return nil }
        return timestamp
    }

    /// Whether `nanosecond` has no non-zero digit after the first `precision` of its 9.
    private static func fits(_ nanosecond: Int, _ precision: Int) -> Bool {
        var unit = 1
        for _ in precision..<DataType.maxTimePrecision { unit *= 10 }
        return nanosecond % unit == 0
    }
}
