import Foundation
import MLPredict
@testable import MLPredictCLI
import Testing

/// `mlpredict run` with a column of every type, through Python and back: the identity model's
/// output repeats each input value exactly, in its canonical JSON form.
@Suite struct TypedValuesThroughPythonTests {
    @Test func everyTypeCrossesToPythonAndBackUnchanged() throws {
        let schema = try JSONRowRoundTripTests.schema()
        let echo = CommandLineTool.packageDirectory.appendingPathComponent("Tests/MLPredictTests/Fixtures/models/echo").path
        let sql = """
            CREATE MODEL typed_echo
            INPUT (\(schema.columns.map { "`\($0.name)` \($0.type)" }.joined(separator: ", ")))
            OUTPUT (\(schema.columns.map { "`out_\($0.name)` \($0.type)" }.joined(separator: ", ")))
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(echo)',
                  'python-predict-class' = 'echo.EchoPredictFunction')
            """
        let modelFile = FileManager.default.temporaryDirectory.appendingPathComponent("typed-echo-\(UUID()).sql")
        try sql.write(to: modelFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: modelFile) }

        let outcome = try CommandLineTool.run(
            ["run", "--quiet", modelFile.path], standardInput: JSONRowRoundTripTests.canonicalLine + "\n")
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        guard case .object(let members) = try JSONValue.parse(JSONRowRoundTripTests.canonicalLine) else {
            Issue.record("the canonical line is not an object")
            return
        }
        let echoed = members + members.map { JSONValue.Member("out_\($0.key)", $0.value) }
        #expect(outcome.standardOutput == JSONValue.object(echoed).serialized + "\n")
    }
}
