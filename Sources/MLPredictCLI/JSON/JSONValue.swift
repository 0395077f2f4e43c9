/// A JSON value that keeps everything the `mlpredict` JSON Lines I/O needs to stay exact.
///
/// - Numbers keep their exact source text (`1.10`, `-0`, `1E+400` and
///   `12345678901234567890123` are never rounded through `Double`), so DECIMAL columns
///   survive a read/write round trip unchanged. The text always matches the JSON number
///   grammar `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?` when it comes from the parser or from the
///   `number(_:)` factories; see ``isValidNumberText(_:)`` for text built elsewhere.
/// - Object members keep their source order, and duplicate keys are all kept (the caller
///   decides what a duplicate means).
///
/// Equality is structural and textual: `.number("1.0") != .number("1")`, and objects with the
/// same members in a different order are different values.
enum JSONValue: Hashable, Sendable {
    /// One member of a JSON object: a key and its value. Objects are arrays of members, so order
    /// and duplicates are preserved.
    struct Member: Hashable, Sendable {
        var key: String
        var value: JSONValue

        init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }

        init(_ key: String, _ value: JSONValue) {
            self.init(key: key, value: value)
        }
    }

    case null
    case bool(Bool)
    /// A number as its exact JSON source text.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An object's members, in order, duplicates included.
    case object([Member])

    /// The value of the first member named `key` if this is an object; `nil` if there is no such
    /// member or this is not an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    /// The JSON type's name for error messages: "null", "boolean", "number", "string", "array"
    /// or "object".
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text, the same as ``serialized``.
    var description: String { serialized }
}

// MARK: - Numbers

extension JSONValue {
    /// The shortest text that reads back as exactly `value`, as a JSON number.
    ///
    /// JSON has no NaN or infinities; like Flink's `json` format (Jackson), they become the strings
    /// `"NaN"`, `"Infinity"` and `"-Infinity"`. Whole numbers keep Swift's `.0` (`1.0`), which is
    /// valid JSON and says the value was floating point.
    static func number(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        // Swift's `description` is the shortest round-tripping form, and for finite values it is
        // always valid JSON: `1.0`, `-0.0`, `0.1`, `1e-05`, `1e+300`, `5e-324`.
        let text = value.description
        assert(isValidNumberText(text), "Double.description produced non-JSON text \(text)")
        return .number(text)
    }

    /// The shortest text that reads back as exactly `value` as a `Float` (`Float(0.84)` is `0.84`,
    /// not `0.8399999737739563`); NaN and infinities as for `Double`.
    static func number(_ value: Float) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        let text = value.description
        assert(isValidNumberText(text), "Float.description produced non-JSON text \(text)")
        return .number(text)
    }

    /// An integer in decimal, exactly (any width, including arbitrary-precision integer types).
    static func number(_ value: some BinaryInteger) -> JSONValue {
        .number(String(value))
    }

    /// Whether `text` is exactly one JSON number: `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`, nothing
    /// around it. Use it for number text that does not come from the parser or the factories.
    static func isValidNumberText(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard case .success(let end) = JSONParser.scanNumber(bytes, from: 0) else { return false }
            return end == bytes.count
        }
    }
}
