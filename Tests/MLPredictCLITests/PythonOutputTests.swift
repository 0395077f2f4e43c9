import Testing

/// Python's `print()` output, and anything else written to file descriptor 1, goes to standard
/// error, so standard output holds only JSON Lines.
@Suite struct PythonOutputTests {
    @Test func printGoesToStandardError() throws {
        let outcome = try CommandLineTool.run(
            ["run", "--quiet", CommandLineTool.fixture("chatty.sql")],
            standardInput: """
                {"text":"a"}
                {"text":"b"}

                """)
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput == """
                {"text":"a","upper":"A"}
                {"text":"b","upper":"B"}

                """)
        // The last print has no newline: it must still be written out before the tool exits.
        #expect(
            outcome.standardError
                == "chatty: open\nchatty: raw write\nchatty: predict a\nchatty: done achatty: predict b\nchatty: done b")
    }
}
