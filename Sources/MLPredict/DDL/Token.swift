/// One lexical unit of SQL text, with where it starts.
struct Token: Sendable, Hashable, CustomStringConvertible {
    /// What the token is; payloads hold the token's value (quotes removed, escapes resolved).
    enum Kind: Sendable, Hashable {
        /// An unquoted identifier or keyword, spelled as written.
        case identifier(String)
        /// A back-ticked identifier; never a keyword.
        case quotedIdentifier(String)
        /// A single-quoted string literal.
        case string(String)
        /// A `U&'...'` or `E'...'` string literal, escapes resolved; Flink takes these (and adjacent
        /// literals) only as option keys and values.
        case prefixedString(String)
        /// An operator character SQL expressions use (`+`, `-`, `/`, ...), skipped in WATERMARK expressions.
        case symbol(Character)
        /// An integer literal such as `42`, as written.
        case integer(String)
        /// A decimal literal such as `0.05` or `.5`, as written.
        case decimal(String)
        case punctuation(Punctuation)
        case endOfInput
    }

    /// The punctuation SQL statements use.
    enum Punctuation: String, Sendable, Hashable {
        case leftParenthesis = "("
        case rightParenthesis = ")"
        case comma = ","
        case semicolon = ";"
        case equals = "="
        case dot = "."
        case lessThan = "<"
        case greaterThan = ">"
        case star = "*"
        case leftBracket = "["
        case rightBracket = "]"
        case arrow = "=>"
    }

    var kind: Kind
    /// The token exactly as the source spells it (`""` at end of input).
    var text: String
    /// Where the token starts; at end of input, just after the last token.
    var location: MLPredictError.SourceLocation

    /// Whether this is the unquoted keyword `keyword` (given in upper case), in any letter case.
    func isKeyword(_ keyword: String) -> Bool {
        guard case .identifier(let spelling) = kind else { return false }
        return spelling.uppercased() == keyword
    }

    /// Whether this is the punctuation `punctuation`.
    func isPunctuation(_ punctuation: Punctuation) -> Bool {
        kind == .punctuation(punctuation)
    }

    /// The name an identifier token denotes, quoted or not; `nil` for other tokens and for an
    /// unquoted word Flink reserves (``isReservedWord``).
    var identifierName: String? {
        switch kind {
        case .identifier(let name): isReservedWord ? nil : name
        case .quotedIdentifier(let name): name
        default: nil
        }
    }

    /// Whether this is an unquoted word Flink's parser reserves, such as `select` or `comment`.
    var isReservedWord: Bool {
        guard case .identifier(let name) = kind else { return false }
        return flinkReservedWords.contains(name.uppercased())
    }

    /// The token as error messages show it: `'WITH'`, `` `my col` ``, `string 'abc'`, `end of input`.
    var description: String {
        let firstLine = text.prefix { !$0.isNewline }
        let shown = firstLine.count > 40 || firstLine.count < text.count ? firstLine.prefix(37) + "..." : firstLine
        switch kind {
        case .endOfInput: return "end of input"
        case .quotedIdentifier: return String(shown)
        case .string, .prefixedString: return "string \(shown)"
        default: return "'\(shown)'"
        }
    }
}
