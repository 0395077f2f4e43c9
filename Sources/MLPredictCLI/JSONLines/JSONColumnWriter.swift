import Foundation
import MLPredict

/// Writes a SQL ``Value`` of a ``DataType`` as JSON, the inverse of ``JSONColumnReader``: Flink's
/// `json` format with `'json.timestamp-format.standard' = 'SQL'`, DECIMAL with exactly its scale's
/// fraction digits and TIME, TIMESTAMP and TIMESTAMP_LTZ with exactly their precision's.
enum JSONColumnWriter {
    /// `value` as JSON, or why it cannot be written as `type` (a value of another type, a NULL
    /// object key, a DECIMAL that does not fit) and where inside it.
    static func json(_ value: Value, as type: DataType) throws(ColumnValueError) -> JSONValue {
        switch (type.kind, value) {
        case (_, .null): return .null
        case (.boolean, .boolean(let flag)): return .bool(flag)
        case (.tinyInt, .tinyInt(let integer)): return .number(integer)
        case (.smallInt, .smallInt(let integer)): return .number(integer)
        case (.int, .int(let integer)): return .number(integer)
        case (.bigInt, .bigInt(let integer)): return .number(integer)
        case (.float, .float(let number)): return .number(number)
        case (.double, .double(let number)): return .number(number)
        case (.decimal(let precision, let scale), .decimal(let decimal)):
            guard let fitted = decimal.rescaled(to: scale), fitted.digitCount <= precision else { break }
            return .number(fitted.description)
        case (.char, .string(let string)), (.varchar, .string(let string)): return .string(string)
        case (.binary, .binary(let bytes)), (.varbinary, .binary(let bytes)):
            return .string(Data(bytes).base64EncodedString())
        case (.date, .date(let date)): return .string(date.description)
        case (.time(let precision), .time(let time)): return .string(time.formatted(fractionDigits: precision))
        case (.timestamp(let precision), .timestamp(let timestamp)):
            return .string(timestamp.formatted(fractionDigits: precision))
        case (.timestampLTZ(let precision), .timestampLTZ(let instant)):
            return .string(instant.formatted(fractionDigits: precision) + "Z")
        case (.array(let element), .array(let values)):
            return .array(try elements(values, as: element))
        case (.map(let key, let valueType), .map(let entries)):
            return try map(entries, key: key, value: valueType)
        case (.multiset(let element), .multiset(let entries)):
            return try multiset(entries, of: element)
        case (.row(let fields), .row(let row)) where row.count == fields.count:
            return .object(try members(zip(fields.map { ($0.name, $0.type) }, row.values)))
        default:
            break
        }
        throw ColumnValueError("cannot write \(value.typeName) \(value) as \(type.typeName)")
    }

    private static func elements(_ values: [Value], as type: DataType) throws(ColumnValueError) -> [JSONValue] {
        var elements: [JSONValue] = []
        elements.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            do {
                elements.append(try json(value, as: type))
            } catch {
                throw error.at(.index(index))
            }
        }
        return elements
    }

    /// As ``JSONColumnReader/map(_:key:value:_:)`` reads it.
    private static func map(
        _ entries: [Value.MapEntry], key: DataType, value: DataType
    ) throws(ColumnValueError) -> JSONValue {
        if key.kind.isCharacterString {
            return .object(
                try keyedMembers(entries.map { ($0.key, $0.value) }, role: "key") { (item) throws(ColumnValueError) in
                    try json(item, as: value)
                })
        }
        let keys = DataType.mapEntryKeys
        return .array(
            try elements(entries) { (entry) throws(ColumnValueError) in
                try members([((keys[0], key), entry.key), ((keys[1], value), entry.value)])
            })
    }

    /// As ``JSONColumnReader/multiset(_:of:_:)`` reads it.
    private static func multiset(
        _ entries: [Value.MultisetEntry], of element: DataType
    ) throws(ColumnValueError) -> JSONValue {
        if element.kind.isCharacterString {
            return .object(try keyedMembers(entries.map { ($0.element, $0.count) }, role: "element") { .number($0) })
        }
        let keys = DataType.multisetEntryKeys
        return .array(
            try elements(entries) { (entry) throws(ColumnValueError) in
                try members([((keys[0], element), entry.element)]) + [JSONValue.Member(keys[1], .number(entry.count))]
            })
    }

    /// An object member per `(name, type)` and value.
    private static func members(
        _ items: some Sequence<((String, DataType), Value)>
    ) throws(ColumnValueError) -> [JSONValue.Member] {
        var members: [JSONValue.Member] = []
        for ((name, type), value) in items {
            do {
                members.append(JSONValue.Member(name, try json(value, as: type)))
            } catch {
                throw error.at(.field(name))
            }
        }
        return members
    }

    /// An object member per string key (a MAP's key or a MULTISET's element: the `role`), its value
    /// made by `write`.
    private static func keyedMembers<Item>(
        _ items: [(Value, Item)], role: String, _ write: (Item) throws(ColumnValueError) -> JSONValue
    ) throws(ColumnValueError) -> [JSONValue.Member] {
        var members: [JSONValue.Member] = []
        members.reserveCapacity(items.count)
        for (key, item) in items {
            guard case .string(let name) = key else {
                throw ColumnValueError(
                    key.isNull
                        ? "a NULL \(role) cannot be written as a JSON object key"
                        : "cannot write \(key.typeName) \(key) as a JSON object key")
            }
            do {
                members.append(JSONValue.Member(name, try write(item)))
            } catch {
                throw error.at(.key(name))
            }
        }
        return members
    }

    /// An array element per entry, made by `write`.
    private static func elements<Entry>(
        _ entries: [Entry], _ write: (Entry) throws(ColumnValueError) -> [JSONValue.Member]
    ) throws(ColumnValueError) -> [JSONValue] {
        var elements: [JSONValue] = []
        elements.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            do {
                elements.append(.object(try write(entry)))
            } catch {
                throw error.at(.index(index))
            }
        }
        return elements
    }
}
