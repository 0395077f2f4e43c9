@testable import MLPredictCLI
import Testing

/// Shorthand for an object value in expectations.
private func object(_ members: (String, JSONValue)...) -> JSONValue {
    .object(members.map { JSONValue.Member(key: $0.0, value: $0.1) })
}

/// Parses `text`, recording the error as a test failure.
private func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    do {
        return try JSONValue.parse(text)
    } catch {
        Issue.record("parse failed: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The error parsing `text` throws, or `nil` (recorded as a failure) if it parses.
private func parseError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONParseError? {
    do {
        let value = try JSONValue.parse(text)
        Issue.record("expected a parse error, parsed \(value.serialized)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite("JSONValue parsing and serialization")
struct JSONValueTests {
    // MARK: Round trips

    @Test("compact text round-trips unchanged", arguments: [
        #"{"a":1,"b":[true,null]}"#,
        #"{"id":42,"features":{"x":[1.5,-2,3e10],"label":"cat","tags":[]},"ok":false,"none":null,"e":{}}"#,
        #"[[[[]]],[{}],[{"":""}]]"#,
        #""just a string""#,
        "null", "true", "false", "0", "-0", "[]", "{}",
    ])
    func compactRoundTrip(text: String) throws {
        let value = try parse(text)
        #expect(value.serialized == text)
        #expect(try parse(value.serialized) == value)
    }

    @Test func nestedValueRoundTrips() throws {
        let value = object(
            ("name", .string("model \"A\"\n")),
            ("scores", .array([.number("0.5"), .number("1E+400"), .null, .bool(true)])),
            ("nested", object(("deeper", .array([object(("k", .string("v")))])))),
            ("empty", .object([])),
        )
        #expect(value.serialized == #"{"name":"model \"A\"\n","scores":[0.5,1E+400,null,true],"nested":{"deeper":[{"k":"v"}]},"empty":{}}"#)
        #expect(try parse(value.serialized) == value)
    }

    @Test func whitespaceAroundAndInsideIsAccepted() throws {
        let value = try parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] , \"b\" : { } }\r\n ")
        #expect(value == object(("a", .array([.number("1"), .number("2")])), ("b", .object([]))))
        #expect(value.serialized == #"{"a":[1,2],"b":{}}"#)
    }

    // MARK: Numbers

    @Test("number text is kept exactly", arguments: [
        "1.10", "-0", "0", "-0.0", "1E+400", "1e-400", "12345678901234567890123", "-12345678901234567890123.000100",
        "2.5E-3", "1e5", "0.1", "9007199254740993", "1E0", "0e+00",
    ])
    func exactNumberText(text: String) throws {
        #expect(try parse(text) == .number(text))
        #expect(try parse("[\(text)]") == .array([.number(text)]))
        #expect(JSONValue.number(text).serialized == text)
        #expect(JSONValue.isValidNumberText(text))
    }

    @Test func numberEqualityIsTextual() {
        #expect(JSONValue.number("1.0") != JSONValue.number("1"))
    }

    @Test("invalid number text", arguments: ["", "-", "01", ".5", "1.", "1e", "1e+", "+1", "1 ", " 1", "0x10", "NaN", "--1", "1.5.2"])
    func invalidNumberText(text: String) {
        #expect(!JSONValue.isValidNumberText(text))
    }

    @Test func doubleFormatting() {
        #expect(JSONValue.number(0.1) == .number("0.1"))
        #expect(JSONValue.number(1e300) == .number("1e+300"))
        #expect(JSONValue.number(Double.leastNonzeroMagnitude) == .number("5e-324"))
        #expect(JSONValue.number(1.0) == .number("1.0"))
        #expect(JSONValue.number(-0.0) == .number("-0.0"))
        #expect(JSONValue.number(0.00001) == .number("1e-05"))
        #expect(JSONValue.number(Double.greatestFiniteMagnitude) == .number("1.7976931348623157e+308"))
        #expect(JSONValue.number(Double.nan) == .string("NaN"))
        #expect(JSONValue.number(-Double.nan) == .string("NaN"))
        #expect(JSONValue.number(Double.infinity) == .string("Infinity"))
        #expect(JSONValue.number(-Double.infinity) == .string("-Infinity"))
    }

    @Test func floatFormatting() {
        #expect(JSONValue.number(Float(0.84)) == .number("0.84"))
        #expect(JSONValue.number(Float(0.1)) == .number("0.1"))
        #expect(JSONValue.number(Float(1)) == .number("1.0"))
        #expect(JSONValue.number(Float(1e10)) == .number("1e+10"))
        #expect(JSONValue.number(Float.leastNonzeroMagnitude) == .number("1e-45"))
        #expect(JSONValue.number(Float.greatestFiniteMagnitude) == .number("3.4028235e+38"))
        #expect(JSONValue.number(Float.nan) == .string("NaN"))
        #expect(JSONValue.number(Float.infinity) == .string("Infinity"))
        #expect(JSONValue.number(-Float.infinity) == .string("-Infinity"))
    }

    @Test func integerFormatting() {
        #expect(JSONValue.number(42) == .number("42"))
        #expect(JSONValue.number(Int.min) == .number("-9223372036854775808"))
        #expect(JSONValue.number(UInt64.max) == .number("18446744073709551615"))
        #expect(JSONValue.number(Int8(-7)) == .number("-7"))
    }

    @Test func finiteDoublesAndFloatsGiveValidJSONThatRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        var doubles: [Double] = [.ulpOfOne, .leastNormalMagnitude, 1e16, 1e-7, 123456789012345680, 0.3, -2.5e-8]
        var floats: [Float] = [.ulpOfOne, .leastNormalMagnitude, 16_777_216, 1e-7, 0.3]
        for _ in 0..<2000 {
            doubles.append(Double(bitPattern: generator.next()))
            floats.append(Float(bitPattern: UInt32.random(in: .min ... .max, using: &generator)))
        }
        for double in doubles where double.isFinite {
            guard case .number(let text) = JSONValue.number(double) else {
                Issue.record("\(double) did not give a number")
                continue
            }
            #expect(JSONValue.isValidNumberText(text), "\(text)")
            #expect(Double(text) == double, "\(text)")
            #expect(try parse(text) == .number(text))
        }
        for float in floats where float.isFinite {
            guard case .number(let text) = JSONValue.number(float) else {
                Issue.record("\(float) did not give a number")
                continue
            }
            #expect(JSONValue.isValidNumberText(text), "\(text)")
            #expect(Float(text) == float, "\(text)")
        }
    }

    // MARK: Strings

    @Test func everyEscapeDecodes() throws {
        let value = try parse(#""q\"b\\s\/b\bf\fn\nr\rt\tu\u0041\u00e9\u00E9\u20AC""#)
        #expect(value == .string("q\"b\\s/b\u{8}f\u{C}n\nr\rt\tuA\u{E9}\u{E9}\u{20AC}"))
    }

    @Test func escapingIsMinimal() {
        let text = "q\"b\\s/b\u{8}f\u{C}n\nr\rt\t\u{0}\u{1}\u{1F}\u{7F}é€\u{2028}😀"
        #expect(JSONValue.string(text).serialized == "\"q\\\"b\\\\s/b\\bf\\fn\\nr\\rt\\t\\u0000\\u0001\\u001F\u{7F}é€\u{2028}😀\"")
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let serialized = JSONValue.string(text).serialized
        #expect(!serialized.utf8.contains { $0 < 0x20 })
        #expect(try parse(serialized) == .string(text))
    }

    @Test func surrogatePairs() throws {
        #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parse(#""\ud83d\ude00 \uD834\uDD1E""#) == .string("😀 𝄞"))
        #expect(try parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try parse(#""\uD800\uDC00""#) == .string("\u{10000}"))
        // Emoji written raw come back raw.
        #expect(try parse(#""\uD83D\uDE00""#).serialized == "\"😀\"")
    }

    @Test("raw text round-trips byte-exact", arguments: [
        "e\u{301}",                     // e + combining acute
        "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",  // family emoji (ZWJ sequence)
        "🇨🇭 flag, 👍🏽 skin tone",
        "a\u{0}b",                        // embedded NUL
        "\u{2028}\u{2029}\u{FEFF}\u{FFFF}",
        "日本語テキスト",
        "",
    ])
    func rawTextRoundTrip(text: String) throws {
        let json = JSONValue.string(text).serialized
        let parsed = try parse(json)
        guard case .string(let back) = parsed else {
            Issue.record("not a string: \(parsed)")
            return
        }
        #expect(Array(back.utf8) == Array(text.utf8))
        #expect(Array(parsed.serialized.utf8) == Array(json.utf8))
        // Also as a key, and without escapes in the source.
        let member = try parse("{\(json):\(json)}")
        #expect(member == object((text, .string(text))))
    }

    @Test func escapedNULRoundTrips() throws {
        let value = try parse(#"{"k\u0000":"\u0000x"}"#)
        #expect(value == object(("k\u{0}", .string("\u{0}x"))))
        #expect(value.serialized == #"{"k\u0000":"\u0000x"}"#)
        #expect(Array(value["k\u{0}"].map { $0.serialized }?.utf8 ?? "".utf8) == Array(#""\u0000x""#.utf8))
    }

    // MARK: Objects

    @Test func keyOrderAndDuplicatesArePreserved() throws {
        let value = try parse(#"{"z":1,"a":2,"m":3,"a":4}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["z", "a", "m", "a"])
        #expect(value["a"] == .number("2"))
        #expect(value["missing"] == nil)
        #expect(value.serialized == #"{"z":1,"a":2,"m":3,"a":4}"#)
        #expect(try parse(#"{"a":1,"b":2}"#) != parse(#"{"b":2,"a":1}"#))
    }

    @Test func subscriptOnNonObjectsIsNil() {
        #expect(JSONValue.array([.null])["a"] == nil)
        #expect(JSONValue.string("a")["a"] == nil)
    }

    @Test func typeNames() {
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.bool(true).typeName == "boolean")
        #expect(JSONValue.number("1").typeName == "number")
        #expect(JSONValue.string("").typeName == "string")
        #expect(JSONValue.array([]).typeName == "array")
        #expect(JSONValue.object([]).typeName == "object")
    }

    // MARK: Errors

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var input: String
        var column: Int
        var message: String
        var testDescription: String { "\(input.debugDescription) → column \(column)" }
    }

    @Test("errors say where", arguments: [
        ErrorCase(input: "", column: 1, message: "unexpected end of input"),
        ErrorCase(input: "   ", column: 4, message: "unexpected end of input"),
        ErrorCase(input: #"{"a":1,}"#, column: 8, message: "expected a string key after ',' in object but found '}'"),
        ErrorCase(input: "[1,]", column: 4, message: "expected a value but found ']'"),
        ErrorCase(input: "[1,2,,3]", column: 6, message: "expected a value but found ','"),
        ErrorCase(input: #"{"a" 1}"#, column: 6, message: "expected ':' after object key but found '1'"),
        ErrorCase(input: #"{"a"}"#, column: 5, message: "expected ':' after object key but found '}'"),
        ErrorCase(input: #"{"key":"valu"x}"#, column: 14, message: "expected ',' or '}' in object but found 'x'"),
        ErrorCase(input: #"{"a":1 "b":2}"#, column: 8, message: #"expected ',' or '}' in object but found '"'"#),
        ErrorCase(input: "[1 2]", column: 4, message: "expected ',' or ']' in array but found '2'"),
        ErrorCase(input: "{a:1}", column: 2, message: "expected a string key or '}' in object but found 'a'"),
        ErrorCase(input: "{'a':1}", column: 2, message: "expected a string key or '}' in object but found '''"),
        ErrorCase(input: "01", column: 2, message: "leading zeros are not allowed in numbers"),
        ErrorCase(input: "[-012]", column: 4, message: "leading zeros are not allowed in numbers"),
        ErrorCase(input: "-", column: 2, message: "unexpected end of input, expected a digit after '-'"),
        ErrorCase(input: "[-]", column: 3, message: "expected a digit after '-' but found ']'"),
        ErrorCase(input: "-Infinity", column: 2, message: "expected a digit after '-' but found 'I'"),
        ErrorCase(input: ".5", column: 1, message: "expected a value but found '.'"),
        ErrorCase(input: "+1", column: 1, message: "expected a value but found '+'"),
        ErrorCase(input: "1.", column: 3, message: "unexpected end of input, expected a digit after '.' in number"),
        ErrorCase(input: "1.e5", column: 3, message: "expected a digit after '.' in number but found 'e'"),
        ErrorCase(input: "1e+", column: 4, message: "unexpected end of input, expected a digit in number exponent"),
        ErrorCase(input: "NaN", column: 1, message: "expected a value but found 'N'"),
        ErrorCase(input: "tru", column: 1, message: "invalid literal, expected 'true'"),
        ErrorCase(input: "[nul]", column: 2, message: "invalid literal, expected 'null'"),
        ErrorCase(input: "True", column: 1, message: "expected a value but found 'T'"),
        ErrorCase(input: #""abc"#, column: 1, message: #"unterminated string (no closing '"' before the end of input)"#),
        ErrorCase(input: #"{"a":"b"#, column: 6, message: "unterminated string"),
        ErrorCase(input: #"["a\"#, column: 2, message: "unterminated string"),
        ErrorCase(input: "\"a\tb\"", column: 3, message: "control character U+0009 must be escaped in a string"),
        ErrorCase(input: "[\"a\\n\nb\"]", column: 6, message: "control character U+000A must be escaped in a string"),
        ErrorCase(input: "\"\u{0}\"", column: 2, message: "control character U+0000 must be escaped in a string"),
        ErrorCase(input: #""\uD800""#, column: 2, message: #"lone surrogate \uD800 in string: a high surrogate must be followed by a \u low surrogate"#),
        ErrorCase(input: #""ab\uD83Dx""#, column: 4, message: #"lone surrogate \uD83D"#),
        ErrorCase(input: #""\uD800\u0041""#, column: 2, message: #"lone surrogate \uD800"#),
        ErrorCase(input: #""\uD800\uD800""#, column: 2, message: #"lone surrogate \uD800"#),
        ErrorCase(input: #""\uDC00""#, column: 2, message: #"lone surrogate \uDC00 in string: a low surrogate must follow a high surrogate"#),
        ErrorCase(input: #""\u12G4""#, column: 2, message: #"invalid \u escape in string: expected 4 hexadecimal digits after '\u'"#),
        ErrorCase(input: #""\uD800\u12""#, column: 8, message: #"invalid \u escape"#),
        ErrorCase(input: #""\x""#, column: 2, message: #"invalid escape: 'x' after '\' in string"#),
        ErrorCase(input: #""\'""#, column: 2, message: #"invalid escape: ''' after '\' in string"#),
        ErrorCase(input: "{} x", column: 4, message: "expected end of input after JSON value but found 'x'"),
        ErrorCase(input: "1 2", column: 3, message: "expected end of input after JSON value but found '2'"),
        ErrorCase(input: "[1]]", column: 4, message: "expected end of input after JSON value but found ']'"),
        ErrorCase(input: "nullx", column: 5, message: "expected end of input after JSON value but found 'x'"),
        ErrorCase(input: "1.5x", column: 4, message: "expected end of input after JSON value but found 'x'"),
        ErrorCase(input: "[", column: 2, message: "unexpected end of input, expected a value"),
        ErrorCase(input: #"{"a":1"#, column: 7, message: "unexpected end of input, expected ',' or '}' in object"),
        ErrorCase(input: "[1", column: 3, message: "unexpected end of input, expected ',' or ']' in array"),
        ErrorCase(input: #"{"a":"#, column: 6, message: "unexpected end of input, expected a value"),
        // Columns count characters, not bytes.
        ErrorCase(input: #"["é", x]"#, column: 7, message: "expected a value but found 'x'"),
        ErrorCase(input: #"{"😀":1,}"#, column: 8, message: "found '}'"),
        ErrorCase(input: "[é]", column: 2, message: "expected a value but found 'é' (U+00E9)"),
        ErrorCase(input: "\u{FEFF}{}", column: 1, message: "expected a value but found U+FEFF"),
        ErrorCase(input: "{}\u{2028}", column: 3, message: "expected end of input after JSON value but found U+2028"),
    ])
    func errorsSayWhere(errorCase: ErrorCase) {
        guard let error = parseError(errorCase.input) else { return }
        #expect(error.column == errorCase.column, "\(error)")
        #expect(error.line == 1)
        #expect(error.message.contains(errorCase.message), "\(error)")
        #expect(error.description == "column \(error.column): \(error.message)")
    }

    @Test func errorDescriptionFormat() {
        #expect(parseError(#"{"key":"valu"x}"#)?.description == "column 14: expected ',' or '}' in object but found 'x'")
        #expect(parseError("")?.description == "column 1: unexpected end of input")
        #expect(parseError("")?.offset == 0)
        // The offset is in UTF-8 bytes, the column in characters.
        let error = parseError(#"{"😀":1,}"#)
        #expect(error?.offset == 10)
        #expect(error?.column == 8)
    }

    @Test func errorsOnLaterLinesGiveTheLine() {
        let error = parseError("{\n  \"a\": 1,\n  x\n}")
        #expect(error?.line == 3)
        #expect(error?.column == 3)
        #expect(error?.description == "line 3, column 3: expected a string key after ',' in object but found 'x'")
    }

    // MARK: Depth

    @Test func depthLimitIs512() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try parse(deepest).serialized == deepest)

        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = parseError(tooDeep)
        #expect(error?.column == 513)
        #expect(error?.message == "nesting of arrays and objects is deeper than the limit of 512")

        let objects = String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(parseError(objects)?.column == 512 * 5 + 1)
        let mixed = String(repeating: #"[{"a":"#, count: 256) + "1" + String(repeating: "}]", count: 256)
        #expect(try parse(mixed).serialized == mixed)
    }

    @Test func veryDeepInputFailsWithoutOverflowingTheStack() {
        let error = parseError(String(repeating: "[", count: 1_000_000))
        #expect(error?.column == 513)
        #expect(parseError(String(repeating: #"{"":"#, count: 200_000))?.message.contains("limit of 512") == true)
    }

    @Test func customDepthLimit() throws {
        #expect(try JSONParser(maxDepth: 2).parse("[[1]]") == .array([.array([.number("1")])]))
        #expect(throws: JSONParseError.self) { try JSONParser(maxDepth: 2).parse("[[[1]]]") }
        #expect(try JSONParser(maxDepth: 0).parse("1") == .number("1"))
    }
}
