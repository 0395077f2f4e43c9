import MLPredict

/// Reads a CSV cell as a value of its column's type, through the JSON column reader: the cell's
/// text becomes the JSON value it stands for (a number, a string, `true`), so every type is read
/// and checked exactly as in JSON Lines. ARRAY, MAP, MULTISET and ROW cells hold their JSON text.
/// An empty cell is NULL for a nullable column.
enum CSVCellReader {
    /// The JSON value `cell` stands for as a value of `type`.
    static func json(_ cell: String, as type: DataType) throws(ColumnValueError) -> JSONValue {
        if cell.isEmpty {
            if type.isNullable { return .null }
            if type.kind.isCharacterString { return .string("") }
            throw ColumnValueError("expected a non-null \(type.typeName) but found an empty cell")
        }
        switch type.kind {
        case .boolean:
            switch cell.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw mismatch(cell, type)
            }
        case .tinyInt, .smallInt, .int, .bigInt, .decimal:
            guard JSONValue.isValidNumberText(cell) else { throw mismatch(cell, type) }
            return .number(cell)
        case .float, .double:
            if ["NaN", "Infinity", "-Infinity"].contains(cell) { return .string(cell) }
            guard JSONValue.isValidNumberText(cell) else { throw mismatch(cell, type) }
            return .number(cell)
        case .char, .varchar, .binary, .varbinary, .date, .time, .timestamp, .timestampLTZ:
            return .string(cell)
        case .array, .map, .multiset, .row:
            do {
                return try JSONValue.parse(cell)
            } catch {
                throw ColumnValueError("expected \(type.jsonForm) as JSON text but found invalid JSON: \(error)")
            }
        }
    }

    /// `json` (from ``json(_:as:)``) as a value of `type`; a scalar that does not fit is described
    /// as the cell it came from.
    static func value(_ json: JSONValue, cell: String, as type: DataType) throws(ColumnValueError) -> Value {
        do {
            return try JSONColumnReader.value(json, as: type)
        } catch where error.path.isEmpty && !type.kind.isContainer {
            throw mismatch(cell, type)
        }
    }

    private static func mismatch(_ cell: String, _ type: DataType) -> ColumnValueError {
        ColumnValueError("expected \(type.csvForm) but found \(JSONValue.string(cell).serialized)")
    }
}

/// Writes an output value (as the JSON column writer gives it) as a CSV cell.
enum CSVCellWriter {
    /// `null` is an empty cell, strings and numbers their text, containers their JSON text.
    static func text(_ json: JSONValue) -> String {
        switch json {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let text): text
        case .array, .object: json.serialized
        }
    }

    /// One CSV line (RFC 4180): a cell with a comma, a quote or a line break is quoted, its
    /// quotes doubled.
    static func line(_ cells: [String]) -> String {
        cells.map { cell in
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            return "\"" + cell.replacing("\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}

extension DataType {
    /// The CSV form of this type's values, for error messages: `an integer within INT's range`.
    var csvForm: String {
        switch kind {
        case .boolean: "true or false"
        case .tinyInt, .smallInt, .int, .bigInt: "an integer within \(typeName)'s range"
        case .float, .double: "a number (or NaN, Infinity, -Infinity)"
        case .decimal(let precision, let scale):
            "a number that fits \(typeName) (at most \(precision - scale) digits before the point and \(scale) after)"
        case .char, .varchar: "text"
        case .binary, .varbinary: "base64 text"
        default: jsonForm.replacing(" string ", with: " ")
        }
    }
}

extension DataType.Kind {
    /// ARRAY, MAP, MULTISET or ROW: a CSV cell holds such a value as JSON text.
    var isContainer: Bool {
        switch self {
        case .array, .map, .multiset, .row: true
        default: false
        }
    }
}
