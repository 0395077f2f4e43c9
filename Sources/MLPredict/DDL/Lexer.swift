/// Splits SQL text into ``Token``s, one at a time, skipping whitespace and comments.
///
/// Unquoted identifiers (a letter or `_`, then letters, digits, `_` and `$`) keep their spelling;
/// the parser recognises keywords case-insensitively. Identifiers may also be quoted with
/// back-ticks and string literals with single quotes; inside them the quote character is escaped
/// by doubling it. `U&'caf\00e9'` (Unicode escapes) and `E'a\tb'` (C-style escapes) are
/// ``Token/Kind/prefixedString``s. Double quotes quote nothing, as in Flink. Comments are `-- to end of line` and `/* ... */`.
/// An unterminated comment, string or quoted identifier is a syntax error at its start.
struct Lexer {
    /// The text being split, for error messages.
    let source: SourceText
    private var index = 0
    private var line = 1
    private var column = 1
    private var endOfLastToken = MLPredictError.SourceLocation(line: 1, column: 1)

    init(_ sql: String) {
        source = SourceText(sql)
    }

    /// The next token; after the last one, ``Token/Kind/endOfInput`` (again on every call).
    mutating func next() throws(MLPredictError) -> Token {
        try skipWhitespaceAndComments()
        guard let first = peek() else {
            return Token(kind: .endOfInput, text: "", location: endOfLastToken)
        }
        let start = location
        let startIndex = index
        let kind: Token.Kind
        if (first == "U" || first == "u"), peek(1) == "&", peek(2) == "'" {
            advance()
            advance()
            let text = try readQuoted(by: "'", what: "string literal", start: start)
            kind = .prefixedString(try unicodeEscaped(text, start: start))
        } else if (first == "E" || first == "e"), peek(1) == "'" {
            advance()
            kind = .prefixedString(cStyleEscaped(try readQuoted(by: "'", what: "string literal", start: start)))
        } else if first.isLetter || first == "_" {
            kind = .identifier(readWhile { $0.isLetter || $0.isCombiningMark || $0.isASCIIDigit || $0 == "_" || $0 == "$" })
        } else if first.isASCIIDigit || (first == "." && peek(1)?.isASCIIDigit == true) {
            kind = readNumber()
        } else if first == "\"" {
            throw source.error(
                .syntaxError, "unexpected character '\"'; Flink SQL quotes names with back-ticks (`name`)", at: start)
        } else if first == "`" {
            let name = try readQuoted(by: first, what: "quoted identifier", start: start)
            guard !name.isEmpty else { throw source.error(.syntaxError, "empty quoted identifier", at: start) }
            kind = .quotedIdentifier(name)
        } else if first == "'" {
            kind = .string(try readQuoted(by: first, what: "string literal", start: start))
        } else if let punctuation = Token.Punctuation(rawValue: String(first)) {
            advance()
            if punctuation == .equals, peek() == ">" {
                advance()
                kind = .punctuation(.arrow)
            } else {
                kind = .punctuation(punctuation)
            }
        } else if "+-/%!?:|&^~@#{}".contains(first) {
            advance()
            kind = .symbol(first)
        } else {
            throw source.error(.syntaxError, "unexpected character '\(first)'", at: start)
        }
        endOfLastToken = location
        return Token(kind: kind, text: String(source.characters[startIndex..<index]), location: start)
    }

    private var location: MLPredictError.SourceLocation {
        MLPredictError.SourceLocation(line: line, column: column)
    }

    private func peek(_ offset: Int = 0) -> Character? {
        source.characters.indices.contains(index + offset) ? source.characters[index + offset] : nil
    }

    private mutating func advance() {
        guard let character = peek() else { return }
        index += 1
        if character.isNewline {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private mutating func readWhile(_ predicate: (Character) -> Bool) -> String {
        var text = ""
        while let character = peek(), predicate(character) {
            text.append(character)
            advance()
        }
        return text
    }

    /// Digits with an optional fraction (`42`, `4.2`, `4.`), or a fraction alone (`.5`).
    private mutating func readNumber() -> Token.Kind {
        let whole = readWhile(\.isASCIIDigit)
        guard peek() == "." else { return .integer(whole) }
        advance()
        return .decimal(whole + "." + readWhile(\.isASCIIDigit))
    }

    /// The content between `quote` and the matching unescaped `quote`, with doubled quotes undoubled.
    private mutating func readQuoted(
        by quote: Character, what: String, start: MLPredictError.SourceLocation
    ) throws(MLPredictError) -> String {
        advance()
        var content = ""
        while let character = peek() {
            advance()
            if character != quote {
                content.append(character)
            } else if peek() == quote {
                content.append(quote)
                advance()
            } else {
                return content
            }
        }
        throw source.error(.syntaxError, "unterminated \(what) (missing closing \(quote))", at: start)
    }

    /// `U&'...'`'s content with `\XXXX` and `\+XXXXXX` replaced by the code points they name and
    /// `\\` by a backslash.
    private func unicodeEscaped(_ text: String, start: MLPredictError.SourceLocation) throws(MLPredictError) -> String {
        var result = ""
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            guard character == "\\" else {
                result.append(character)
                continue
            }
            if characters.first == "\\" {
                characters.removeFirst()
                result.append("\\")
                continue
            }
            let digits = characters.first == "+" ? 6 : 4
            if digits == 6 { characters.removeFirst() }
            let hex = String(characters.prefix(digits))
            guard hex.count == digits, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw source.error(
                    .syntaxError,
                    "expected \(digits) hexadecimal digits naming a character after '\\' in a U& string literal "
                        + "but found '\(hex)'", at: start)
            }
            characters.removeFirst(digits)
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// `E'...'`'s content with C-style escapes (`\t`, `\n`, `\\`, `\'`, ...) resolved.
    private func cStyleEscaped(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                let escapes: [Character: Character] = ["t": "\t", "n": "\n", "r": "\r", "b": "\u{8}", "f": "\u{C}"]
                result.append(escapes[character] ?? character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    private mutating func skipWhitespaceAndComments() throws(MLPredictError) {
        while let character = peek() {
            if character.isWhitespace {
                advance()
            } else if character == "-", peek(1) == "-" {
                while let next = peek(), !next.isNewline { advance() }
            } else if character == "/", peek(1) == "*" {
                let start = location
                advance()
                advance()
                while peek() != nil, !(peek() == "*" && peek(1) == "/") { advance() }
                guard peek() != nil else {
                    throw source.error(.syntaxError, "unterminated comment (missing closing */)", at: start)
                }
                advance()
                advance()
            } else {
                return
            }
        }
    }
}

extension Character {
    /// Whether this is a combining mark, which continues an unquoted identifier.
    fileprivate var isCombiningMark: Bool {
        switch unicodeScalars.first!.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
