import Testing

/// A model that cannot be created ends the run with status 1 before any input is read.
@Suite struct ModelDefinitionErrorTests {
    @Test func missingModelFile() throws {
        let path = CommandLineTool.fixture("no_such_model.sql")
        let outcome = try CommandLineTool.run(["run", path], standardInput: #"{"text":"a"}"#)
        #expect(outcome.status == 3)
        #expect(outcome.standardOutput == "")
        #expect(outcome.standardError.hasPrefix("mlpredict: cannot read model file \(path): "))
    }

    @Test func syntaxErrorGivesLineAndColumn() throws {
        let path = CommandLineTool.fixture("syntax_error.sql")
        let outcome = try CommandLineTool.run(["run", path], standardInput: #"{"text":"a"}"#)
        #expect(outcome.status == 3)
        #expect(outcome.standardOutput == "")
        #expect(
            outcome.standardError.hasPrefix(
                "mlpredict: \(path): line 3, column 1: expected ',' or ')' after column 'text' but found 'OUTPUT'\n"))
    }

    @Test func missingPredictClassIsNamed() throws {
        let path = CommandLineTool.fixture("missing_class.sql")
        let outcome = try CommandLineTool.run(["run", path], standardInput: #"{"text":"a"}"#)
        #expect(outcome.status == 3)
        #expect(outcome.standardOutput == "")
        let error = outcome.standardError
        #expect(error.hasPrefix("mlpredict: \(path): model 'missing_class': module 'failing' "))
        #expect(error.contains("has no class 'NoSuchPredictFunction'"))
        #expect(error.contains("PredictFunction subclasses it defines: FailingPredictFunction"))
    }
}
