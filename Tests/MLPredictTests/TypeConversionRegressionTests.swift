import MLPredict
import Testing

/// Bugs the type round-trip property tests found, each as its smallest case.
@Suite("regressions found by the type round-trip property tests")
struct TypeConversionRegressionTests {
    /// The scalars of `text`, so that a failure shows them and canonically equivalent strings differ.
    private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    /// A quote followed by a combining mark, a joiner or a variation selector (or preceded by a
    /// prepended concatenation mark) forms one `Character` with it, so a lexer that reads
    /// `Character`s does not see the quote (seeds 1, 6 and 10 of `randomRowsRoundTrip`, 16 and 43
    /// of `randomTypesParseBackFromTheirDescription`).
    @Test(arguments: [
        ("ROW<`\u{301}a` INT>", "\u{301}a", nil),
        ("ROW<`\u{200D}` INT>", "\u{200D}", nil),
        ("ROW<`a\u{600}` INT>", "a\u{600}", nil),
        ("ROW<`x``\u{301}` INT>", "x`\u{301}", nil),
        ("ROW<`a` INT '\u{FE0F}'>", "a", "\u{FE0F}"),
    ] as [(String, String, String?)])
    func quotesNextToCombiningScalarsAreLexed(text: String, name: String, comment: String?) throws {
        let parsed = try DataType.parse(text)
        guard case .row(let fields) = parsed.kind, fields.count == 1 else {
            Issue.record("\(text.debugDescription) parsed as \(parsed)")
            return
        }
        #expect(scalars(fields[0].name) == scalars(name))
        #expect(fields[0].comment.map(scalars) == comment.map(scalars))
    }

    /// `replacingOccurrences(of:with:)` matches whole characters, so the description left a quote
    /// that a combining scalar follows undoubled (seed 143 of `randomRowsRoundTrip` and 2358 of
    /// `randomTypesParseBackFromTheirDescription`, once quotes are lexed by scalar).
    @Test func fieldDescriptionDoublesEveryQuote() {
        let field = DataType.Field("x`\u{301}", .int, comment: "'\u{FE0F}")
        #expect(scalars(field.description) == scalars("`x``\u{301}` INT '''\u{FE0F}'"))
    }

    @Test func stringValueDescriptionDoublesEveryQuote() {
        #expect(scalars(Value.string("'\u{301}").description) == scalars("'''\u{301}'"))
    }

    /// Flink and the Python model config reject ROW field names of only whitespace (Python's
    /// `str.isspace`, which includes U+001C to U+001F); the Swift parser accepted them, so the
    /// model failed only when Python read its config.
    @Test(arguments: [" ", "\t", "\u{1C}", "\u{3000}"])
    func blankRowFieldNamesAreRejected(name: String) {
        #expect(throws: MLPredictError.self) { try DataType.parse("ROW<`\(name)` INT>") }
    }

    /// Python's model config reads types nested at most 64 deep; the Swift parser had no limit,
    /// so deeper types failed late, in Python, and about 700 levels overflowed the stack.
    @Test func typesNestDeeperThanPythonReadsAreRejected() throws {
        func nestedArrays(_ depth: Int) -> String {
            String(repeating: "ARRAY<", count: depth) + "INT" + String(repeating: ">", count: depth)
        }
        _ = try DataType.parse(nestedArrays(63))
        #expect(throws: MLPredictError.self) { try DataType.parse(nestedArrays(64)) }
    }
}
