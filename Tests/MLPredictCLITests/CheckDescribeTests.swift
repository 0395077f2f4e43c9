import Testing

/// `mlpredict check` loads the model and runs a sample row; `mlpredict describe` prints the model
/// as the registry sees it without loading Python.
@Suite struct CheckDescribeTests {
    @Test func describePrintsSchemasOptionsAndExecution() throws {
        let outcome = try CommandLineTool.run(["describe", CommandLineTool.fixture("echo.sql")])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(5)) == ["model: echo", "provider: generic-python", "INPUT (text STRING)", "OUTPUT (text STRING)", "options:"])
        #expect(lines.contains("  'python-predict-class' = 'echo.EchoPredictFunction'"))
        #expect(lines.contains("class: echo.EchoPredictFunction"))
        #expect(lines.contains("execution: in-process, 1 instance"))
        #expect(lines.contains("policy: timeout none, error-handling-strategy FAILOVER"))
    }

    @Test func checkPrintsTheConfigAndTheSampleOutput() throws {
        let outcome = try CommandLineTool.run(
            ["check", CommandLineTool.fixture("echo.sql"), "--sample", #"{"text":"hi"}"#])
        #expect(outcome.status == 0)
        let text = outcome.standardOutput
        #expect(text.contains("config JSON (set_model_config receives it):\n  {\"format_version\":1,"))
        #expect(text.contains("\"python_predict_class\":\"echo.EchoPredictFunction\""))
        #expect(text.contains("loaded and opened: yes\n"))
        #expect(text.hasSuffix("sample: 1 output row(s)\n  {\"text\":\"hi\"}\nno problems found\n"))
    }

    @Test func checkListsAFailingSample() throws {
        let outcome = try CommandLineTool.run(
            ["check", CommandLineTool.fixture("failing_predict.sql"), "--sample", #"{"text":"boom"}"#])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardOutput.contains(
                "problems:\n  1. predicting the sample row: model 'failing_predict': predict raised "
                    + "failing.ModelInputError: cannot score 'boom'"))
    }

    @Test func checkListsAClassThatCannotBeLoadedAndAMalformedSample() throws {
        let outcome = try CommandLineTool.run(
            ["check", CommandLineTool.fixture("missing_class.sql"), "--sample", #"{"txt":"x"}"#])
        #expect(outcome.status == 3)
        let text = outcome.standardOutput
        #expect(text.contains("problems:\n  1. loading and opening the class: model 'missing_class': module 'failing'"))
        #expect(text.contains("\n  2. the sample row: missing INPUT column 'text' (STRING); write null for SQL NULL"))
    }

    @Test func everyCommandsHelpHasAWorkedExample() throws {
        for command in ["run", "sql", "check", "describe"] {
            let outcome = try CommandLineTool.run(["help", command])
            #expect(outcome.status == 0)
            #expect(outcome.standardOutput.contains("Example"), "mlpredict help \(command)")
        }
    }
}
