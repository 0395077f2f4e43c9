import Testing

/// An OUTPUT column named like an input field gets the smallest free index suffix.
@Suite struct OutputNameClashTests {
    @Test func clashingOutputColumnGetsAnIndexSuffix() throws {
        let outcome = try CommandLineTool.run(
            ["run", "--quiet", CommandLineTool.fixture("echo.sql")],
            standardInput: """
                {"text":"a"}
                {"text0":"x","text":"b"}
                {"text":"c","text0":1,"text1":2}

                """)
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput == """
                {"text":"a","text0":"a"}
                {"text0":"x","text":"b","text1":"b"}
                {"text":"c","text0":1,"text1":2,"text2":"c"}

                """)
    }
}
