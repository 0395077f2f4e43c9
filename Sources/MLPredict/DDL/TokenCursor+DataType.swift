/// Flink SQL data types: every type a model column can have, nested to any depth, each with an
/// optional `NULL` / `NOT NULL`.
extension TokenCursor {
    /// The types listed when a type name is not known.
    static let supportedTypes =
        "BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p, s), CHAR(n), VARCHAR(n), STRING, "
        + "BINARY(n), VARBINARY(n), BYTES, DATE, TIME(p), TIMESTAMP(p), TIMESTAMP_LTZ(p), ARRAY<T>, MULTISET<T>, "
        + "MAP<K, V>, ROW<name T, ...>"

    /// Flink SQL types MLPredict does not support.
    private static let unsupportedTypeNames: Set<String> = ["RAW", "INTERVAL", "VARIANT", "STRUCTURED", "DESCRIPTOR"]

    /// A data type and its optional `NULL` / `NOT NULL`; `owner` names what has the type in errors
    /// (`column 'x'`, `the element of column 'x'`).
    mutating func parseDataType(of owner: String) throws(MLPredictError) -> DataType {
        typeDepth += 1
        defer { typeDepth -= 1 }
        guard typeDepth <= 64 else { throw error(.syntaxError, "\(owner) nests types more than 64 deep") }
        var type = DataType(try parseKind(of: owner))
        try parseNullability(of: &type)
        // Postfix collections, as Flink writes them: `INT NOT NULL ARRAY` is `ARRAY<INT NOT NULL>`.
        while true {
            if try acceptKeyword("ARRAY") {
                type = DataType(.array(type))
            } else if try acceptKeyword("MULTISET") {
                type = DataType(.multiset(type))
            } else {
                return type
            }
            try parseNullability(of: &type)
        }
    }

    /// An optional `NULL` or `NOT NULL` after a type.
    private mutating func parseNullability(of type: inout DataType) throws(MLPredictError) {
        if try acceptKeyword("NOT") {
            try expectKeyword("NULL", "'NULL' after 'NOT'")
            type.isNullable = false
        } else {
            _ = try acceptKeyword("NULL")
        }
    }

    private mutating func parseKind(of owner: String) throws(MLPredictError) -> DataType.Kind {
        guard case .identifier(let spelling) = token.kind else {
            throw unexpected("a type for \(owner)")
        }
        let location = token.location
        let name = spelling.uppercased()
        switch name {
        case "BOOLEAN": try advance(); return .boolean
        case "TINYINT": try advance(); return .tinyInt
        case "SMALLINT": try advance(); return .smallInt
        case "INT", "INTEGER": try advance(); return .int
        case "BIGINT": try advance(); return .bigInt
        case "FLOAT": try advance(); return .float
        case "DOUBLE":
            try advance()
            _ = try acceptKeyword("PRECISION")
            return .double
        case "DECIMAL", "DEC", "NUMERIC":
            try advance()
            return try parseDecimal(name, of: owner)
        case "STRING": try advance(); return .varchar(length: DataType.maxLength)
        case "VARCHAR":
            try advance()
            return .varchar(length: try parseLength(of: name, owner: owner, default: DataType.maxLength))
        case "CHAR", "CHARACTER": try advance(); return .char(length: try parseLength(of: name, owner: owner))
        case "BYTES": try advance(); return .varbinary(length: DataType.maxLength)
        case "VARBINARY":
            try advance()
            return .varbinary(length: try parseLength(of: name, owner: owner, default: DataType.maxLength))
        case "BINARY": try advance(); return .binary(length: try parseLength(of: name, owner: owner))
        case "DATE": try advance(); return .date
        case "TIME":
            try advance()
            let precision = try parsePrecision(of: name, owner: owner, default: 0)
            if try acceptKeyword("WITHOUT") { try expectTimeZone() }
            return .time(precision: precision)
        case "TIMESTAMP":
            try advance()
            let precision = try parsePrecision(of: name, owner: owner, default: 6)
            if try acceptKeyword("WITHOUT") {
                try expectTimeZone()
            } else if try acceptKeyword("WITH") {
                if token.isKeyword("TIME") {
                    throw error(
                        .unsupportedType,
                        "\(owner) has type TIMESTAMP WITH TIME ZONE, which Flink SQL does not support; "
                            + "use TIMESTAMP_LTZ (TIMESTAMP WITH LOCAL TIME ZONE)", at: location)
                }
                try expectKeyword("LOCAL", "'LOCAL TIME ZONE' after 'WITH'")
                try expectTimeZone()
                return .timestampLTZ(precision: precision)
            }
            return .timestamp(precision: precision)
        case "TIMESTAMP_LTZ":
            try advance()
            return .timestampLTZ(precision: try parsePrecision(of: name, owner: owner, default: 6))
        case "ARRAY", "MULTISET":
            try advance()
            try expect(.lessThan, "'<' after '\(name)'")
            let element = try parseDataType(of: "the element of \(owner)")
            try expect(.greaterThan, "'>' after the \(name) element type")
            return name == "ARRAY" ? .array(element) : .multiset(element)
        case "MAP":
            try advance()
            try expect(.lessThan, "'<' after 'MAP'")
            let key = try parseDataType(of: "the key of \(owner)")
            try expect(.comma, "',' after the MAP key type")
            let value = try parseDataType(of: "the value of \(owner)")
            try expect(.greaterThan, "'>' after the MAP value type")
            return .map(key: key, value: value)
        case "ROW":
            try advance()
            return .row(try parseRowFields(of: owner))
        case _ where Self.unsupportedTypeNames.contains(name):
            throw error(
                .unsupportedType,
                "\(owner) has type \(name), which MLPredict does not support; supported types: \(Self.supportedTypes)")
        default:
            throw error(.syntaxError, "\(owner) has unknown type \(token); supported types: \(Self.supportedTypes)")
        }
    }

    /// `WITHOUT`/`WITH LOCAL` was read; `TIME ZONE` must follow.
    private mutating func expectTimeZone() throws(MLPredictError) {
        try expectKeyword("TIME", "'TIME ZONE'")
        try expectKeyword("ZONE", "'ZONE' after 'TIME'")
    }

    /// `ROW<name T ['comment'], ...>` or `ROW(name T [COMMENT 'comment'], ...)`, after `ROW`.
    private mutating func parseRowFields(of owner: String) throws(MLPredictError) -> [DataType.Field] {
        let closer: Token.Punctuation
        if try accept(.lessThan) {
            closer = .greaterThan
        } else {
            try expect(.leftParenthesis, "'<' or '(' after 'ROW'")
            closer = .rightParenthesis
        }
        var fields: [DataType.Field] = []
        if try accept(closer) { return fields }
        repeat {
            guard let name = token.identifierName else { throw unexpected("a field name in the ROW of \(owner)") }
            if name.unicodeScalars.allSatisfy(\.isPythonWhitespace) {
                throw error(.invalidModel, "a field name in the ROW of \(owner) is only whitespace")
            }
            if fields.contains(where: { $0.name == name }) {
                throw error(.invalidModel, "field '\(name)' is declared twice in the ROW of \(owner)")
            }
            try advance()
            let type = try parseDataType(of: "field '\(name)' of \(owner)")
            var comment: String?
            if case .string(let text) = token.kind {
                comment = text
                try advance()
            } else if try acceptKeyword("COMMENT") {
                comment = try expectString("a string literal after 'COMMENT'")
            }
            fields.append(DataType.Field(name, type, comment: comment))
        } while try accept(.comma)
        try expect(closer, "',' or '\(closer.rawValue)' after ROW field '\(fields.last?.name ?? "")'")
        return fields
    }

    /// `DECIMAL [(p [, s])]` after the name: (10, 0) when absent, as in Flink.
    private mutating func parseDecimal(_ name: String, of owner: String) throws(MLPredictError) -> DataType.Kind {
        guard try accept(.leftParenthesis) else { return .decimal(precision: 10, scale: 0) }
        let precision = try parseInteger(
            "precision", of: name, owner: owner, in: 1...DataType.maxDecimalPrecision)
        var scale = 0
        if try accept(.comma) {
            scale = try parseInteger("scale", of: name, owner: owner, in: 0...precision)
        }
        try expect(.rightParenthesis, "')' after the \(name) precision and scale")
        return .decimal(precision: precision, scale: scale)
    }

    /// The optional `(n)` after a string or binary type name; when absent, as in Flink, 1 for
    /// `CHAR` and `BINARY` and the longest for `VARCHAR` and `VARBINARY` (so `STRING` and `BYTES`).
    private mutating func parseLength(of name: String, owner: String, default: Int = 1) throws(MLPredictError) -> Int {
        guard try accept(.leftParenthesis) else { return `default` }
        let length = try parseInteger("length", of: name, owner: owner, in: 1...DataType.maxLength)
        try expect(.rightParenthesis, "')' after the \(name) length")
        return length
    }

    /// The optional `(p)` after a time type name, `default` when absent.
    private mutating func parsePrecision(of name: String, owner: String, default: Int) throws(MLPredictError) -> Int {
        guard try accept(.leftParenthesis) else { return `default` }
        let precision = try parseInteger("precision", of: name, owner: owner, in: 0...DataType.maxTimePrecision)
        try expect(.rightParenthesis, "')' after the \(name) precision")
        return precision
    }

    /// An integer literal within `range`, the `what` (length, precision...) of type `name`.
    private mutating func parseInteger(
        _ what: String, of name: String, owner: String, in range: ClosedRange<Int>
    ) throws(MLPredictError) -> Int {
        guard case .integer(let digits) = token.kind else {
            throw unexpected("an integer \(what) after '\(name)('")
        }
        guard let value = Int(digits), range.contains(value) else {
            throw error(
                .syntaxError,
                "\(owner) has \(name) \(what) \(digits); the \(what) must be between "
                    + "\(range.lowerBound) and \(range.upperBound)")
        }
        try advance()
        return value
    }
}

extension Unicode.Scalar {
    /// Python's `str.isspace()`: Unicode White_Space and U+001C to U+001F.
    fileprivate var isPythonWhitespace: Bool { properties.isWhitespace || (0x1C...0x1F).contains(value) }
}
