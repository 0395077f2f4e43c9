import Foundation
import MLPredict

/// Reads a JSON value as the SQL ``Value`` of a ``DataType``, as Flink's `json` format does with
/// `'json.timestamp-format.standard' = 'SQL'` (README.md, "Command line", lists each type's form).
///
/// Every value gets the ``Value`` case of its type (`.tinyInt` for TINYINT) and must fit it: an
/// integer out of the type's range, a DECIMAL with too many digits, a fraction finer than a
/// TIME's precision or a NULL for a `NOT NULL` type, at any depth, is an error. Lengths of CHAR,
/// VARCHAR, BINARY and VARBINARY are left to the model layer.
enum JSONColumnReader {
    /// `json` as a value of `type`, or why it does not fit and where inside it.
    static func value(_ json: JSONValue, as type: DataType) throws(ColumnValueError) -> Value {
        if case .null = json {
            guard type.isNullable else { throw ColumnValueError("expected a non-null \(type.typeName) but found null") }
            return .null
        }
        switch type.kind {
        case .boolean:
            guard case .bool(let flag) = json else { throw mismatch(json, type) }
            return .boolean(flag)
        case .tinyInt: return .tinyInt(try integer(json, type))
        case .smallInt: return .smallInt(try integer(json, type))
        case .int: return .int(try integer(json, type))
        case .bigInt: return .bigInt(try integer(json, type))
        case .float: return .float(try floatingPoint(json, type))
        case .double: return .double(try floatingPoint(json, type))
        case .decimal(let precision, let scale):
            guard case .number(let text) = json, let decimal = SQLDecimal(text)?.rescaled(to: scale),
                decimal.digitCount <= precision
            else { throw mismatch(json, type) }
            return .decimal(decimal)
        case .char, .varchar:
            guard case .string(let string) = json else { throw mismatch(json, type) }
            return .string(string)
        case .binary, .varbinary: return .binary(try bytes(json, type))
        case .date: return .date(try date(json, type))
        case .time(let precision): return .time(try time(json, precision: precision, type))
        case .timestamp(let precision): return .timestamp(try timestamp(json, precision: precision, type))
        case .timestampLTZ(let precision): return .timestampLTZ(try instant(json, precision: precision, type))
        case .array(let element): return .array(try array(json, of: element, type))
        case .map(let key, let value): return .map(try map(json, key: key, value: value, type))
        case .multiset(let element): return .multiset(try multiset(json, of: element, type))
        case .row(let fields): return .row(try row(json, fields: fields, type))
        }
    }

    /// `expected <the type's JSON form> but found <json>`.
    static func mismatch(_ json: JSONValue, _ type: DataType) -> ColumnValueError {
        ColumnValueError("expected \(type.jsonForm) but found \(json.shortDescription)")
    }

    /// A JSON integer (no fraction, no exponent) within `Integer`'s range.
    private static func integer<Integer: FixedWidthInteger>(
        _ json: JSONValue, _ type: DataType
    ) throws(ColumnValueError) -> Integer {
        guard case .number(let text) = json, let integer = Integer(text) else { throw mismatch(json, type) }
        return integer
    }

    /// A JSON number, or one of the strings Flink writes for NaN and the infinities; a finite
    /// number too large for the type is an error, not an infinity.
    private static func floatingPoint<Number: BinaryFloatingPoint & LosslessStringConvertible>(
        _ json: JSONValue, _ type: DataType
    ) throws(ColumnValueError) -> Number {
        switch json {
        case .number(let text):
            guard let number = Number(text), number.isFinite else {
                throw ColumnValueError(
                    "expected a JSON number within \(type.typeName)'s range but found \(json.shortDescription)")
            }
            return number
        case .string("NaN"): return .nan
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        default: throw mismatch(json, type)
        }
    }

    /// Base64 text, standard alphabet and padding, in the canonical form Flink writes: Foundation's
    /// decoder alone accepts some invalid text (`====`), which re-encoding does not reproduce.
    private static func bytes(_ json: JSONValue, _ type: DataType) throws(ColumnValueError) -> [UInt8] {
        guard case .string(let text) = json, let data = Data(base64Encoded: text), data.base64EncodedString() == text
        else { throw mismatch(json, type) }
        return Array(data)
    }
}
