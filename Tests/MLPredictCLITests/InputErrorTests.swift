import Testing

/// An input line that is not valid JSON, or lacks an INPUT column, ends the run with status 1
/// after the lines before it were written.
@Suite struct InputErrorTests {
    @Test func invalidJSONNamesTheFileAndLine() throws {
        let input = CommandLineTool.fixture("bad_json_on_line_3.jsonl")
        let outcome = try CommandLineTool.run(["run", "--quiet", CommandLineTool.fixture("echo.sql"), "--input", input])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardOutput == """
                {"text":"one","text0":"one"}
                {"text":"two","text0":"two"}

                """)
        #expect(outcome.standardError == "mlpredict: \(input):3: invalid JSON: column 10: expected a value but found 'x'\n")
    }

    @Test func missingInputColumnIsNamed() throws {
        let outcome = try CommandLineTool.run(
            ["run", "--quiet", CommandLineTool.fixture("echo.sql")],
            standardInput: """
                {"text":"kept"}
                {"txt":"typo"}
                {"text":"never read"}

                """)
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == #"{"text":"kept","text0":"kept"}"# + "\n")
        #expect(
            outcome.standardError
                == "mlpredict: <stdin>:2: missing INPUT column 'text' (STRING); write null for SQL NULL\n")
    }
}
