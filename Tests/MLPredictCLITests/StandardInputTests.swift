import Testing

/// Without `--input`, `mlpredict run` reads its JSON Lines from standard input.
@Suite struct StandardInputTests {
    @Test func readsRowsFromStandardInput() throws {
        let outcome = try CommandLineTool.run(
            ["run", "--quiet", CommandLineTool.fixture("echo.sql")],
            standardInput: """
                {"text":"first"}

                {"text":null}\r
                {"text":"last"}
                """)
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        // The blank line is skipped, the CRLF ending is accepted, and the unterminated last line is read.
        #expect(
            outcome.standardOutput == """
                {"text":"first","text0":"first"}
                {"text":null,"text0":null}
                {"text":"last","text0":"last"}

                """)
    }

    @Test func emptyStandardInputGivesNoOutput() throws {
        let outcome = try CommandLineTool.run(["run", "--quiet", CommandLineTool.fixture("echo.sql")], standardInput: "")
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "")
    }
}
