import MLPredictPython

/// How values of one data type cross the Swift–Python boundary, chosen once per model from the
/// type (nested converters included), so converting a value does no dispatch on the schema.
///
/// A class: every value converted reads its converter from an array, and a class reference is
/// retained once where a struct copy copied `type` and `representation` (their enum payloads).
final class ValueConverter: Sendable {
    /// The Python side of a type.
    indirect enum Representation: Sendable {
        case boolean
        case integer(IntegerWidth)
        case float
        case double
        case decimal(precision: Int, scale: Int, type: PythonObject)
        /// `limit`: maximum length in characters (nil for STRING); `padding`: CHAR(n)'s length.
        case string(limit: Int?, padding: Int?)
        /// `limit`: maximum length in bytes (nil for BYTES); `padding`: BINARY(n)'s length.
        case binary(limit: Int?, padding: Int?)
        case date
        case time(precision: Int)
        /// `isInstant`: `TIMESTAMP_LTZ`, a `datetime` in UTC; otherwise a naive `datetime`.
        case timestamp(precision: Int, isInstant: Bool)
        case array(ValueConverter)
        case multiset(ValueConverter)
        case map(key: ValueConverter, value: ValueConverter)
        case row(RowConverter)
    }

    let type: DataType
    let representation: Representation

    /// The converter of `type`, with the Python types it needs from `runtime`.
    init(_ type: DataType, _ runtime: PythonRuntime, _ gil: borrowing GIL) throws(PythonError) {
        self.type = type
        switch type.kind {
        case .boolean: representation = .boolean
        case .tinyInt: representation = .integer(.tinyInt)
        case .smallInt: representation = .integer(.smallInt)
        case .int: representation = .integer(.int)
        case .bigInt: representation = .integer(.bigInt)
        case .float: representation = .float
        case .double: representation = .double
        case .decimal(let precision, let scale):
            representation = .decimal(precision: precision, scale: scale, type: runtime.decimalType)
        case .char(let length): representation = .string(limit: length, padding: length)
        case .varchar(let length): representation = .string(limit: Self.limit(length), padding: nil)
        case .binary(let length): representation = .binary(limit: length, padding: length)
        case .varbinary(let length): representation = .binary(limit: Self.limit(length), padding: nil)
        case .date: representation = .date
        case .time(let precision): representation = .time(precision: precision)
        case .timestamp(let precision): representation = .timestamp(precision: precision, isInstant: false)
        case .timestampLTZ(let precision): representation = .timestamp(precision: precision, isInstant: true)
        case .array(let element): representation = .array(try ValueConverter(element, runtime, gil))
        case .multiset(let element): representation = .multiset(try ValueConverter(element, runtime, gil))
        case .map(let key, let value):
            representation = .map(key: try ValueConverter(key, runtime, gil), value: try ValueConverter(value, runtime, gil))
        case .row(let fields):
            representation = .row(
                try RowConverter(names: fields.map(\.name), types: fields.map(\.type), runtime, gil))
        }
    }

    /// `nil` for the maximum length: no limit to check.
    private static func limit(_ length: Int) -> Int? {
        length == DataType.maxLength ? nil : length
    }

    /// A failure at this converter's position.
    func failure(_ message: String, cause: PythonError? = nil) -> ConversionFailure {
        ConversionFailure(message, type: type, cause: cause)
    }

    /// `value` as a string of this type: padded for CHAR(n), or why it does not fit.
    func fitString(_ value: String, limit: Int?, padding: Int?) throws(ConversionFailure) -> String {
        guard limit != nil || padding != nil else { return value }
        // UTF-8 never has fewer bytes than scalars: a short enough byte count needs no scalar count.
        if padding == nil, let limit, value.utf8.count <= limit { return value }
        let length = value.unicodeScalars.count
        if let limit, length > limit {
            throw failure("a string of \(length) characters does not fit \(type.typeName)")
        }
        if let padding, length < padding {
            return value + String(repeating: " ", count: padding - length)
        }
        return value
    }

    /// `bytes` as a binary value of this type: zero-padded for BINARY(n), or why it does not fit.
    func fitBytes(_ bytes: [UInt8], limit: Int?, padding: Int?) throws(ConversionFailure) -> [UInt8] {
        if let limit, bytes.count > limit {
            throw failure("\(bytes.count) bytes do not fit \(type.typeName)")
        }
        if let padding, bytes.count < padding {
            return bytes + [UInt8](repeating: 0, count: padding - bytes.count)
        }
        return bytes
    }

    /// `decimal` with exactly `scale` fraction digits and at most `precision` digits, or why not.
    func fitDecimal(_ decimal: SQLDecimal, precision: Int, scale: Int) throws(ConversionFailure) -> SQLDecimal {
        guard let fitted = decimal.rescaled(to: scale), fitted.digitCount <= precision else {
            throw failure("\(decimal) does not fit \(type.typeName)")
        }
        return fitted
    }

    /// Checks that `nanosecond` has no more fraction digits than `precision` allows and that Python
    /// (microseconds) can hold it; returns the microseconds.
    func microseconds(of nanosecond: Int, precision: Int) throws(ConversionFailure) -> Int {
        var unit = 1
        for _ in precision..<DataType.maxTimePrecision { unit *= 10 }
        guard nanosecond % unit == 0 else {
            throw failure(
                "the fraction .\(SQLTime.fraction(nanosecond, digits: 9).dropFirst()) has more digits than "
                    + "\(type.typeName) holds")
        }
        guard nanosecond % 1000 == 0 else {
            throw failure(
                "the fraction .\(SQLTime.fraction(nanosecond, digits: 9).dropFirst()) has nanoseconds, "
                    + "which Python's datetime (microseconds) cannot hold")
        }
        return nanosecond / 1000
    }
}
