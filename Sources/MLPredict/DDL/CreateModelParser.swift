/// A recursive-descent parser for ``CreateModelStatement``, reading one token ahead.
struct CreateModelParser {
    /// The column types MLPredict supports, as error messages list them.
    private static let supportedTypes = "BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, STRING, VARCHAR(n), CHAR(n)"

    /// Flink SQL type names that MLPredict does not support yet.
    private static let unsupportedTypeNames: Set<String> = [
        "DECIMAL", "DEC", "NUMERIC", "BINARY", "VARBINARY", "BYTES", "DATE", "TIME", "TIMESTAMP",
        "TIMESTAMP_LTZ", "ARRAY", "MAP", "MULTISET", "ROW", "RAW", "INTERVAL",
    ]

    /// The brackets around an unsupported type's parameters (`DECIMAL(10, 2)`, `ARRAY<INT>`), opener to closer.
    private static let typeParameterBrackets: [Token.Kind: Token.Kind] = [
        .punctuation(.leftParenthesis): .punctuation(.rightParenthesis),
        .punctuation(.lessThan): .punctuation(.greaterThan),
    ]

    /// The tokens written without a space before them in a type's spelling.
    private static let unspacedTokens: Set<Token.Kind> = [
        .punctuation(.leftParenthesis), .punctuation(.rightParenthesis), .punctuation(.lessThan),
        .punctuation(.greaterThan), .punctuation(.comma),
    ]

    private var lexer: Lexer
    /// The next token, not yet consumed.
    private var token: Token
    /// The model's name, once parsed, for errors.
    private var modelName: String?

    /// Parses `sql` as one `CREATE MODEL` statement.
    static func parse(_ sql: String) throws(MLPredictError) -> CreateModelStatement {
        var parser = try CreateModelParser(sql)
        return try parser.parseStatement()
    }

    private init(_ sql: String) throws(MLPredictError) {
        lexer = Lexer(sql)
        token = try lexer.next()
    }

    // MARK: - Statement

    private mutating func parseStatement() throws(MLPredictError) -> CreateModelStatement {
        try expectKeyword("CREATE", "'CREATE'")
        let isTemporary = try acceptKeyword("TEMPORARY")
        try expectKeyword(
            "MODEL", isTemporary ? "'MODEL' after 'CREATE TEMPORARY'" : "'TEMPORARY' or 'MODEL' after 'CREATE'")
        let ifNotExists = try acceptKeyword("IF")
        if ifNotExists {
            try expectKeyword("NOT", "'NOT' after 'IF'")
            try expectKeyword("EXISTS", "'EXISTS' after 'IF NOT'")
        }
        let name = try parseModelName(after: ifNotExists ? "'IF NOT EXISTS'" : "'MODEL'")
        modelName = name
        try expectKeyword("INPUT", "'INPUT' after model name '\(name)'")
        let input = try parseColumns(of: "INPUT")
        try expectKeyword("OUTPUT", "'OUTPUT' after the INPUT columns")
        let output = try parseColumns(of: "OUTPUT")
        var comment: String?
        if try acceptKeyword("COMMENT") {
            comment = try expectString("a string literal after 'COMMENT'")
        }
        try expectKeyword(
            "WITH", comment == nil ? "'COMMENT' or 'WITH' after the OUTPUT columns" : "'WITH' after the model comment")
        let options = try parseOptions()
        let endsWithSemicolon = try accept(.semicolon)
        guard token.kind == .endOfInput else {
            throw unexpected(
                endsWithSemicolon ? "end of input after ';'" : "';' or end of input after the WITH options")
        }
        return CreateModelStatement(
            name: name, isTemporary: isTemporary, ifNotExists: ifNotExists, input: input, output: output,
            comment: comment, options: options)
    }

    /// The model name: any identifier, except the unquoted keyword `INPUT` (which means the name is missing).
    private mutating func parseModelName(after previous: String) throws(MLPredictError) -> String {
        guard let name = token.identifierName, !token.isKeyword("INPUT") else {
            throw unexpected("a model name after \(previous)")
        }
        try advance()
        return name
    }

    // MARK: - Columns

    /// `( column, ... )` after `INPUT` or `OUTPUT` (`clause`), with at least one column and unique names.
    private mutating func parseColumns(of clause: String) throws(MLPredictError) -> Schema {
        try expect(.leftParenthesis, "'(' after '\(clause)'")
        guard !token.isPunctuation(.rightParenthesis) else {
            throw error(.invalidModel, "\(clause) declares no columns; a model needs at least one \(clause) column")
        }
        var columns: [Column] = []
        var firstDeclared: [String: MLPredictError.SourceLocation] = [:]
        repeat {
            let location = token.location
            let column = try parseColumn(in: clause)
            if let first = firstDeclared[column.name] {
                throw error(
                    .invalidModel, "column '\(column.name)' is declared twice in \(clause) (first on \(first))",
                    at: location)
            }
            firstDeclared[column.name] = location
            columns.append(column)
        } while try accept(.comma)
        try expect(.rightParenthesis, "',' or ')' after column '\(columns.last?.name ?? "")'")
        return Schema(columns)
    }

    /// `name TYPE [NULL | NOT NULL] [COMMENT '...']`.
    private mutating func parseColumn(in clause: String) throws(MLPredictError) -> Column {
        guard let name = token.identifierName else {
            throw unexpected("a column name in \(clause)")
        }
        try advance()
        var type = DataType(try parseType(ofColumn: name))
        if try acceptKeyword("NOT") {
            try expectKeyword("NULL", "'NULL' after 'NOT'")
            type.isNullable = false
        } else {
            _ = try acceptKeyword("NULL")
        }
        var comment: String?
        if try acceptKeyword("COMMENT") {
            comment = try expectString("a string literal after 'COMMENT'")
        }
        return Column(name, type, comment: comment)
    }

    // MARK: - Types

    private mutating func parseType(ofColumn column: String) throws(MLPredictError) -> DataType.Kind {
        guard case .identifier(let spelling) = token.kind else {
            throw unexpected("a column type")
        }
        let typeName = spelling.uppercased()
        switch typeName {
        case "BOOLEAN":
            try advance()
            return .boolean
        case "TINYINT":
            try advance()
            return .tinyInt
        case "SMALLINT":
            try advance()
            return .smallInt
        case "INT", "INTEGER":
            try advance()
            return .int
        case "BIGINT":
            try advance()
            return .bigInt
        case "FLOAT":
            try advance()
            return .float
        case "DOUBLE":
            try advance()
            _ = try acceptKeyword("PRECISION")
            return .double
        case "STRING":
            try advance()
            return .varchar(length: DataType.maxStringLength)
        case "VARCHAR":
            try advance()
            return .varchar(length: try parseLength(of: typeName, column: column))
        case "CHAR", "CHARACTER":
            try advance()
            return .char(length: try parseLength(of: typeName, column: column))
        case _ where Self.unsupportedTypeNames.contains(typeName):
            let location = token.location
            let written = skipUnsupportedType(named: typeName)
            throw error(
                .unsupportedType,
                "column '\(column)' has type \(written), which MLPredict does not support yet; "
                    + "supported types: \(Self.supportedTypes)",
                at: location)
        default:
            throw unexpected("a column type")
        }
    }

    /// The optional `(n)` after `VARCHAR` or `CHAR`: 1 when absent (as in Flink), else 1...2147483647.
    private mutating func parseLength(of typeName: String, column: String) throws(MLPredictError) -> Int {
        guard try accept(.leftParenthesis) else { return 1 }
        guard case .integer(let digits) = token.kind else {
            throw unexpected("an integer length after '\(typeName)('")
        }
        guard let length = Int(digits), (1...DataType.maxStringLength).contains(length) else {
            throw error(
                .syntaxError,
                "column '\(column)' has \(typeName) length \(digits); "
                    + "the length must be between 1 and \(DataType.maxStringLength)")
        }
        try advance()
        try expect(.rightParenthesis, "')' after the \(typeName) length")
        return length
    }

    /// Consumes an unsupported type's name and its balanced `(...)` or `<...>` parameters, returning
    /// the type as written (`DECIMAL(10, 2)`, `ARRAY<INT>`), or just its name if they do not balance.
    private mutating func skipUnsupportedType(named typeName: String) -> String {
        let closers = Self.typeParameterBrackets
        do {
            try advance()
            guard closers[token.kind] != nil else { return typeName }
            var written = typeName
            var expectedClosers: [Token.Kind] = []
            repeat {
                if let closer = closers[token.kind] {
                    expectedClosers.append(closer)
                } else if token.kind == expectedClosers.last {
                    expectedClosers.removeLast()
                } else if token.kind == .endOfInput || closers.values.contains(token.kind) {
                    return typeName
                }
                written += Self.separator(between: written.last, and: token) + token.text
                try advance()
            } while !expectedClosers.isEmpty
            return written
        } catch {
            return typeName
        }
    }

    /// The space, if any, that writing `token` after the character `previous` takes: `DECIMAL(10, 2)`.
    private static func separator(between previous: Character?, and token: Token) -> String {
        unspacedTokens.contains(token.kind) || previous == "(" || previous == "<" ? "" : " "
    }

    // MARK: - Options

    /// `( 'key' = 'value', ... )` after `WITH`; may be empty, keys must be unique.
    private mutating func parseOptions() throws(MLPredictError) -> [String: String] {
        try expect(.leftParenthesis, "'(' after 'WITH'")
        var options: [String: String] = [:]
        var firstGiven: [String: MLPredictError.SourceLocation] = [:]
        if try accept(.rightParenthesis) { return options }
        var key = ""
        repeat {
            let location = token.location
            key = try expectString("an option key (a string literal such as 'provider')")
            if let first = firstGiven[key] {
                throw error(.invalidModel, "option '\(key)' is given twice (first on \(first))", at: location)
            }
            firstGiven[key] = location
            try expect(.equals, "'=' after option key '\(key)'")
            options[key] = try expectString("a string literal value for option '\(key)'")
        } while try accept(.comma)
        try expect(.rightParenthesis, "',' or ')' after option '\(key)'")
        return options
    }

    // MARK: - Tokens

    /// Consumes the current token and reads the next.
    private mutating func advance() throws(MLPredictError) {
        token = try lexer.next()
    }

    /// Consumes the unquoted keyword `keyword` if it is next.
    private mutating func acceptKeyword(_ keyword: String) throws(MLPredictError) -> Bool {
        guard token.isKeyword(keyword) else { return false }
        try advance()
        return true
    }

    /// Consumes the unquoted keyword `keyword`, or fails with "expected <expected> but found ...".
    private mutating func expectKeyword(_ keyword: String, _ expected: String) throws(MLPredictError) {
        guard try acceptKeyword(keyword) else { throw unexpected(expected) }
    }

    /// Consumes `punctuation` if it is next.
    private mutating func accept(_ punctuation: Token.Punctuation) throws(MLPredictError) -> Bool {
        guard token.isPunctuation(punctuation) else { return false }
        try advance()
        return true
    }

    /// Consumes `punctuation`, or fails with "expected <expected> but found ...".
    private mutating func expect(_ punctuation: Token.Punctuation, _ expected: String) throws(MLPredictError) {
        guard try accept(punctuation) else { throw unexpected(expected) }
    }

    /// Consumes a string literal and returns its value, or fails with "expected <expected> but found ...".
    private mutating func expectString(_ expected: String) throws(MLPredictError) -> String {
        guard case .string(let value) = token.kind else { throw unexpected(expected) }
        try advance()
        return value
    }

    /// A syntax error at the current token: "expected <expected> but found <token>".
    private func unexpected(_ expected: String) -> MLPredictError {
        error(.syntaxError, "expected \(expected) but found \(token)")
    }

    /// An error at `location` (by default the current token's), naming the model once it is known.
    private func error(
        _ code: MLPredictError.Code, _ message: String, at location: MLPredictError.SourceLocation? = nil
    ) -> MLPredictError {
        lexer.source.error(code, message, at: location ?? token.location, model: modelName)
    }
}
