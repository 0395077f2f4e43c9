import Testing

/// An exception raised by the model's `predict` ends the run with status 1 and its traceback.
@Suite struct PredictErrorTests {
    @Test func pythonExceptionPrintsItsTraceback() throws {
        let outcome = try CommandLineTool.run(
            ["run", CommandLineTool.fixture("failing_predict.sql")],
            standardInput: """
                {"text":"fine"}
                {"text":"boom"}
                {"text":"never read"}

                """)
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == #"{"text":"fine","upper":"FINE"}"# + "\n")
        let error = outcome.standardError
        #expect(
            error.hasPrefix(
                "mlpredict: <stdin>:2: model 'failing_predict': predict raised failing.ModelInputError: cannot score 'boom'\n"))
        #expect(error.contains("Traceback (most recent call last):\n"))
        #expect(error.contains("failing_predict/failing.py\", line 12, in check\n"))
        #expect(error.contains("\nfailing.ModelInputError: cannot score 'boom'\n"))
    }
}
