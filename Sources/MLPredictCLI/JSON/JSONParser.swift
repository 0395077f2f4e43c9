/// A JSON syntax error, with where it is.
///
/// `description` reads like `column 14: expected ',' or '}' in object but found 'x'` (with a
/// `line N, ` prefix when the error is past the text's first line).
struct JSONParseError: Error, CustomStringConvertible, Hashable, Sendable {
    /// What is wrong, without the position.
    var message: String
    /// The 0-based UTF-8 byte offset of the error in the parsed text.
    var offset: Int
    /// The 1-based line of the error (lines end at "\n").
    var line: Int
    /// The 1-based column of the error in its line, counted in characters (Unicode scalars), not
    /// bytes.
    var column: Int

    var description: String {
        line == 1 ? "column \(column): \(message)" : "line \(line), column \(column): \(message)"
    }
}

extension JSONValue {
    /// Parses `text` as exactly one JSON value (RFC 8259, strictly), with whitespace around it
    /// allowed and nothing else. See ``JSONParser``.
    static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(text)
    }
}

/// A strict RFC 8259 JSON parser that keeps numbers as their exact text and object members in
/// order (duplicates included).
///
/// - The text is exactly one value with optional whitespace (space, tab, LF, CR) around it;
///   anything after the value is an error.
/// - Strings accept every escape, including `\uXXXX` and UTF-16 surrogate pairs; a lone
///   surrogate and an unescaped control character (below U+0020) are errors.
/// - Arrays and objects nest at most ``maxDepth`` deep (512 by default); deeper input is an error,
///   never a stack overflow.
///
/// It works directly on the string's UTF-8 bytes: unescaped strings and numbers are built from
/// byte slices, and a scratch buffer is only used for strings with escapes.
struct JSONParser: Sendable {
    /// The default maximum nesting depth of arrays and objects.
    static let defaultMaxDepth = 512

    /// The maximum nesting depth of arrays and objects: `[]` is depth 1, `[[]]` depth 2.
    var maxDepth: Int

    init(maxDepth: Int = JSONParser.defaultMaxDepth) {
        precondition(maxDepth >= 0, "maxDepth must not be negative")
        self.maxDepth = maxDepth
    }

    /// Parses `text` as exactly one JSON value.
    func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let maxDepth = maxDepth
        // `withUTF8` is `rethrows`, which would widen the error to `any Error`; carry it out as a
        // `Result` instead.
        let result = text.withUTF8 { bytes in
            Result { () throws(JSONParseError) -> JSONValue in
                var reader = Reader(bytes: bytes, maxDepth: maxDepth)
                return try reader.parseDocument()
            }
        }
        return try result.get()
    }
}

// MARK: - Number grammar

extension JSONParser {
    /// The outcome of scanning a number: the end offset, or where and why it broke the grammar.
    enum NumberScan {
        case success(end: Int)
        case failure(offset: Int, reason: NumberError)
    }

    /// Why a number broke the grammar.
    enum NumberError: Equatable {
        /// Something else was expected (the text says what) at the failure offset.
        case expected(String)
        /// A digit follows a leading `0`.
        case leadingZero
    }

    /// Scans `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?` starting at `start`. It stops at the first
    /// byte that cannot continue the number (the caller decides whether that byte is allowed
    /// there), except that a digit right after a leading `0` is an error.
    static func scanNumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> NumberScan {
        let count = bytes.count
        var position = start
        if position < count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < count, isDigit(bytes[position]) else {
            return .failure(offset: position, reason: .expected(position > start ? "a digit after '-'" : "a number"))
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < count, isDigit(bytes[position]) {
                return .failure(offset: position, reason: .leadingZero)
            }
        } else {
            position += 1
            while position < count, isDigit(bytes[position]) { position += 1 }
        }
        if position < count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < count, isDigit(bytes[position]) else {
                return .failure(offset: position, reason: .expected("a digit after '.' in number"))
            }
            while position < count, isDigit(bytes[position]) { position += 1 }
        }
        if position < count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < count, isDigit(bytes[position]) else {
                return .failure(offset: position, reason: .expected("a digit in number exponent"))
            }
            while position < count, isDigit(bytes[position]) { position += 1 }
        }
        return .success(end: position)
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}

// MARK: - Reader

private enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let newline = UInt8(ascii: "\n")
}

/// One parse: a cursor over the UTF-8 bytes plus the nesting depth.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var depth = 0
    /// Decoded bytes of a string with escapes; allocated on first use, reused after that.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input", at: position) }
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else { throw expected("end of input after JSON value") }
        return value
    }

    // MARK: Values

    /// Parses the value at `position` (whitespace already skipped).
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw expected("a value") }
        switch bytes[position] {
        case ASCII.openBrace: return try parseObject()
        case ASCII.openBracket: return try parseArray()
        case ASCII.quote: return .string(try parseString())
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw expected("a value")
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // {
        skipWhitespace()
        var members: [JSONValue.Member] = []
        if position < bytes.count, bytes[position] == ASCII.closeBrace {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            guard position < bytes.count, bytes[position] == ASCII.quote else {
                throw expected(members.isEmpty ? "a string key or '}' in object" : "a string key after ',' in object")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == ASCII.colon else {
                throw expected("':' after object key")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONValue.Member(key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw expected("',' or '}' in object") }
            switch bytes[position] {
            case ASCII.comma:
                position += 1
                skipWhitespace()
            case ASCII.closeBrace:
                position += 1
                depth -= 1
                return .object(members)
            default:
                throw expected("',' or '}' in object")
            }
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // [
        skipWhitespace()
        var elements: [JSONValue] = []
        if position < bytes.count, bytes[position] == ASCII.closeBracket {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw expected("',' or ']' in array") }
            switch bytes[position] {
            case ASCII.comma:
                position += 1
                skipWhitespace()
            case ASCII.closeBracket:
                position += 1
                depth -= 1
                return .array(elements)
            default:
                throw expected("',' or ']' in array")
            }
        }
    }

    /// Counts one more level of nesting for the `[` or `{` at `position`.
    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth {
            throw error("nesting of arrays and objects is deeper than the limit of \(maxDepth)", at: position)
        }
    }

    /// Parses `true`, `false` or `null` at `position`; a mismatch is reported at its start.
    mutating func parseLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        let length = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected -> Bool in
            guard bytes.count - start >= length else { return false }
            for index in 0..<length where bytes[start + index] != expected[index] {
                return false
            }
            return true
        }
        guard matches else { throw error("invalid literal, expected '\(literal)'", at: start) }
        position += length
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = position
        switch JSONParser.scanNumber(bytes, from: start) {
        case .success(let end):
            position = end
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        case .failure(let offset, .leadingZero):
            throw error("leading zeros are not allowed in numbers", at: offset)
        case .failure(let offset, .expected(let what)):
            position = offset
            throw expected(what)
        }
    }

    // MARK: Strings

    /// Parses the string whose opening quote is at `position`.
    mutating func parseString() throws(JSONParseError) -> String {
        let quote = position
        let start = position + 1
        var index = start
        // Fast path: no escapes, so the string is the bytes between the quotes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                position = index + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == ASCII.backslash || byte < 0x20 { break }
            index += 1
        }
        guard index < bytes.count else { throw unterminatedString(at: quote) }

        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            // Copy the run of ordinary bytes up to the next quote, backslash or control character.
            var runEnd = index
            while runEnd < bytes.count {
                let byte = bytes[runEnd]
                if byte == ASCII.quote || byte == ASCII.backslash || byte < 0x20 { break }
                runEnd += 1
            }
            if runEnd > index {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
                index = runEnd
            }
            guard index < bytes.count else { throw unterminatedString(at: quote) }
            let byte = bytes[index]
            if byte == ASCII.quote {
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte < 0x20 {
                position = index
                throw error("control character \(describe(at: index)) must be escaped in a string", at: index)
            }
            index = try parseEscape(at: index, quote: quote)
        }
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`; returns the offset after it.
    mutating func parseEscape(at index: Int, quote: Int) throws(JSONParseError) -> Int {
        guard index + 1 < bytes.count else { throw unterminatedString(at: quote) }
        let decoded: UInt8
        switch bytes[index + 1] {
        case ASCII.quote: decoded = ASCII.quote
        case ASCII.backslash: decoded = ASCII.backslash
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            return try parseUnicodeEscape(at: index)
        default:
            throw error("invalid escape: \(describe(at: index + 1)) after '\\' in string", at: index)
        }
        scratch.append(decoded)
        return index + 2
    }

    /// Decodes `\uXXXX` (or a `\uXXXX\uXXXX` surrogate pair) at `index` into `scratch`.
    mutating func parseUnicodeEscape(at index: Int) throws(JSONParseError) -> Int {
        let first = try hex4(at: index)
        let scalarValue: UInt32
        var end = index + 6
        switch first {
        case 0xD800...0xDBFF:
            guard end + 1 < bytes.count, bytes[end] == ASCII.backslash, bytes[end + 1] == UInt8(ascii: "u") else {
                throw loneSurrogate(first, at: index)
            }
            let second = try hex4(at: end)
            guard (0xDC00...0xDFFF).contains(second) else { throw loneSurrogate(first, at: index) }
            scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw loneSurrogate(first, at: index)
        default:
            scalarValue = first
        }
        // Not a surrogate, so always a valid scalar.
        UTF8.encode(Unicode.Scalar(scalarValue).unsafelyUnwrapped) { scratch.append($0) }
        return end
    }

    /// The value of the four hex digits after the `\u` at `index`.
    func hex4(at index: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        var offset = index + 2
        while offset < index + 6 {
            guard offset < bytes.count else { throw invalidUnicodeEscape(at: index) }
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw invalidUnicodeEscape(at: index)
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    // MARK: Whitespace

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                position += 1
            default:
                return
            }
        }
    }

    // MARK: Errors

    /// "expected X but found Y" at `position`, or "unexpected end of input, expected X" there.
    func expected(_ what: String) -> JSONParseError {
        if position >= bytes.count {
            return error("unexpected end of input, expected \(what)", at: position)
        }
        return error("expected \(what) but found \(describe(at: position))", at: position)
    }

    func unterminatedString(at quote: Int) -> JSONParseError {
        error("unterminated string (no closing '\"' before the end of input)", at: quote)
    }

    func invalidUnicodeEscape(at index: Int) -> JSONParseError {
        error("invalid \\u escape in string: expected 4 hexadecimal digits after '\\u'", at: index)
    }

    func loneSurrogate(_ value: UInt32, at index: Int) -> JSONParseError {
        let hex = hexDigits(value)
        if value >= 0xDC00 {
            return error("lone surrogate \\u\(hex) in string: a low surrogate must follow a high surrogate", at: index)
        }
        return error("lone surrogate \\u\(hex) in string: a high surrogate must be followed by a \\u low surrogate", at: index)
    }

    /// The character at `offset` for a message: `'x'`, or `U+000A` for control and other
    /// invisible characters, `'é' (U+00E9)` for other non-ASCII ones.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return "U+\(hexDigits(UInt32(byte)))" }
        var length = 1
        while offset + length < bytes.count, length < 4, bytes[offset + length] & 0xC0 == 0x80 { length += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "U+FFFD" }
        let code = "U+\(hexDigits(scalar.value))"
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator,
             .nonspacingMark, .enclosingMark, .spacingMark, .unassigned, .privateUse, .surrogate:
            return code
        default:
            return "'\(text)' (\(code))"
        }
    }

    func error(_ message: String, at offset: Int) -> JSONParseError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == ASCII.newline {
            line += 1
            lineStart = index + 1
        }
        // Columns count Unicode scalars: every byte that is not a UTF-8 continuation byte.
        var column = 1
        for index in lineStart..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        return JSONParseError(message: message, offset: offset, line: line, column: column)
    }
}

/// `value` in uppercase hexadecimal, at least four digits.
private func hexDigits(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
}
