/// The token stream of SQL text, read one token ahead, with the accept/expect steps every parser
/// here is made of. Its errors say where, and name the model once it is known.
struct TokenCursor {
    private var lexer: Lexer
    /// The next token, not yet consumed.
    private(set) var token: Token
    /// The token after ``token``, once ``peek()`` read it.
    private var lookahead: Token?
    /// The model the text defines, once parsed, for errors.
    var modelName: String?
    /// How deeply the type being parsed is nested.
    var typeDepth = 0

    init(_ sql: String) throws(MLPredictError) {
        lexer = Lexer(sql)
        token = try lexer.next()
    }

    /// Consumes the current token and reads the next.
    mutating func advance() throws(MLPredictError) {
        if let next = lookahead {
            token = next
            lookahead = nil
        } else {
            token = try lexer.next()
        }
    }

    /// The token after ``token``, without consuming either.
    mutating func peek() throws(MLPredictError) -> Token {
        if let lookahead { return lookahead }
        let next = try lexer.next()
        lookahead = next
        return next
    }

    /// Consumes the unquoted keyword `keyword` if it is next.
    mutating func acceptKeyword(_ keyword: String) throws(MLPredictError) -> Bool {
        guard token.isKeyword(keyword) else { return false }
        try advance()
        return true
    }

    /// Consumes the unquoted keyword `keyword`, or fails with "expected <expected> but found ...".
    mutating func expectKeyword(_ keyword: String, _ expected: String) throws(MLPredictError) {
        guard try acceptKeyword(keyword) else { throw unexpected(expected) }
    }

    /// Consumes `punctuation` if it is next.
    mutating func accept(_ punctuation: Token.Punctuation) throws(MLPredictError) -> Bool {
        guard token.isPunctuation(punctuation) else { return false }
        try advance()
        return true
    }

    /// Consumes `punctuation`, or fails with "expected <expected> but found ...".
    mutating func expect(_ punctuation: Token.Punctuation, _ expected: String) throws(MLPredictError) {
        guard try accept(punctuation) else { throw unexpected(expected) }
    }

    /// Consumes a string literal and returns its value, or fails with "expected <expected> but found ...".
    mutating func expectString(_ expected: String) throws(MLPredictError) -> String {
        guard case .string(let value) = token.kind else { throw unexpected(expected) }
        try advance()
        return value
    }

    /// An option key or value: a string literal, which may be `U&'...'` or `E'...'`, and adjacent
    /// literals joined into one, as Flink reads them.
    mutating func expectOptionString(_ expected: String) throws(MLPredictError) -> String {
        var value = ""
        var count = 0
        while true {
            switch token.kind {
            case .string(let text), .prefixedString(let text): value += text
            default:
                guard count > 0 else { throw unexpected(expected) }
                return value
            }
            count += 1
            try advance()
        }
    }

    /// A syntax error at the current token: "expected <expected> but found <token>".
    func unexpected(_ expected: String) -> MLPredictError {
        let hint = token.isReservedWord && expected.hasPrefix("a ") && expected.contains(" name")
            ? " (a reserved word; quote it as `\(token.text)` to use it as a name)" : ""
        return error(.syntaxError, "expected \(expected) but found \(token)\(hint)")
    }

    /// An error at `location` (by default the current token's), naming the model once it is known.
    func error(
        _ code: MLPredictError.Code, _ message: String, at location: MLPredictError.SourceLocation? = nil
    ) -> MLPredictError {
        lexer.source.error(code, message, at: location ?? token.location, model: modelName)
    }
}
