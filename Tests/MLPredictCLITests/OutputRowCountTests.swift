import Testing

/// Each input row gives as many output lines as the model returns rows: several, one or none.
@Suite struct OutputRowCountTests {
    @Test func oneLinePerPredictedRow() throws {
        let outcome = try CommandLineTool.run(
            ["run", "--quiet", CommandLineTool.fixture("shapes.sql")],
            standardInput: """
                {"mode":"many"}
                {"mode":"none_list"}
                {"mode":"generator","extra":[1,{"a":null}]}
                {"mode":"positional"}

                """)
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        // `many` returns three rows, `none_list` none, `generator` two, `positional` one. Input
        // fields the model does not read (`extra`) are copied through unchanged.
        #expect(
            outcome.standardOutput == """
                {"mode":"many","label":"g","score":1.0}
                {"mode":"many","label":"h","score":2.0}
                {"mode":"many","label":"i","score":3.0}
                {"mode":"generator","extra":[1,{"a":null}],"label":"j","score":0.0}
                {"mode":"generator","extra":[1,{"a":null}],"label":"k","score":1.0}
                {"mode":"positional","label":"a","score":1.0}

                """)
    }
}
