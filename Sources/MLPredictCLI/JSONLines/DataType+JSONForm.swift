import MLPredict

extension DataType {
    /// The JSON form of this type's values, for error messages: `a JSON integer within INT's range`.
    var jsonForm: String {
        switch kind {
        case .boolean: "a JSON boolean"
        case .tinyInt, .smallInt, .int, .bigInt: "a JSON integer within \(typeName)'s range"
        case .float, .double: #"a JSON number (or "NaN", "Infinity", "-Infinity")"#
        case .decimal(let precision, let scale):
            "a JSON number that fits \(typeName) (at most \(precision - scale) digits before the point and "
                + "\(scale) after)"
        case .char, .varchar: "a JSON string"
        case .binary, .varbinary: "a base64 JSON string"
        case .date: #"a DATE string "YYYY-MM-DD""#
        case .time(let precision): #"a \#(typeName) string "HH:MM:SS\#(Self.fractionPattern(precision))""#
        case .timestamp(let precision):
            #"a \#(typeName) string "YYYY-MM-DD HH:MM:SS\#(Self.fractionPattern(precision))""#
        case .timestampLTZ(let precision):
            #"a \#(typeName) string "YYYY-MM-DD HH:MM:SS\#(Self.fractionPattern(precision))Z""#
        case .array: "a JSON array"
        case .map(let key, _):
            key.kind.isCharacterString ? "a JSON object" : Self.entryArrayForm(DataType.mapEntryKeys)
        case .multiset(let element):
            element.kind.isCharacterString
                ? "a JSON object of element counts" : Self.entryArrayForm(DataType.multisetEntryKeys)
        case .row: "a JSON object of the ROW's fields"
        }
    }

    /// The keys of a MAP entry object, for key types other than strings: `{"key": …, "value": …}`.
    static let mapEntryKeys = ["key", "value"]
    /// The keys of a MULTISET entry object, for element types other than strings:
    /// `{"element": …, "count": n}`.
    static let multisetEntryKeys = ["element", "count"]

    /// `{"key": …, "value": …}`: an entry object with `keys`.
    static func entryObjectForm(_ keys: [String]) -> String {
        "{" + keys.map { "\"\($0)\": …" }.joined(separator: ", ") + "}"
    }

    private static func entryArrayForm(_ keys: [String]) -> String {
        "a JSON array of \(entryObjectForm(keys)) objects"
    }

    /// `[.fff]` for precision 3, nothing for 0.
    private static func fractionPattern(_ precision: Int) -> String {
        precision == 0 ? "" : "[." + String(repeating: "f", count: precision) + "]"
    }
}

extension DataType.Kind {
    /// Whether this is CHAR, VARCHAR or STRING: a MAP with such keys, or a MULTISET with such
    /// elements, is a JSON object keyed by them (as Flink's `json` format writes a MAP).
    var isCharacterString: Bool {
        switch self {
        case .char, .varchar: true
        default: false
        }
    }
}
