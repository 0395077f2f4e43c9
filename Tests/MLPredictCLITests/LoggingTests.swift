import Dispatch
import Testing

/// `mlpredict` logs to standard error through swift-log, models' Python `logging` records
/// included (with the model's name), from the level `MLPREDICT_LOG_LEVEL` names.
@Suite struct LoggingTests {
    static let input = """
        {"text":"ab"}
        {"text":"abc"}

        """

    /// `mlpredict run logging.sql` on the input, on a Dispatch thread (it blocks until the command
    /// exits), with `environment` added to this process's.
    static func run(_ environment: [String: String] = [:]) async throws -> CommandLineTool.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try CommandLineTool.run(
                        ["run", "--quiet", CommandLineTool.fixture("logging.sql")], standardInput: input,
                        environment: environment)
                })
            }
        }
    }

    @Test func pythonRecordsAreSwiftLogLinesOnStandardError() async throws {
        let outcome = try await Self.run()
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "{\"text\":\"ab\",\"length\":2}\n{\"text\":\"abc\",\"length\":3}\n")
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        let records = lines.filter { $0.contains(" mlpredict.model: ") }
        #expect(records.count == 3, "opened, and one warning per row: \(lines)")
        #expect(records.first?.contains(" info mlpredict.model: ") == true)
        #expect(records.first?.hasSuffix(" [python] opened") == true)
        for (record, text) in zip(records.dropFirst(), ["ab", "abc"]) {
            #expect(record.contains(" warning mlpredict.model: "))
            #expect(record.contains("model=logged") && record.contains("python.logger=logging_model"))
            #expect(record.hasSuffix(" [python] scoring \(text)"))
        }
        #expect(!outcome.standardError.contains("a debug detail"), "below the default level, info")
        #expect(lines.contains("printed ab") && lines.contains("printed abc"), "print stays plain standard error")
    }

    @Test func theLevelComesFromTheEnvironment() async throws {
        let debug = try await Self.run(["MLPREDICT_LOG_LEVEL": "debug"])
        #expect(debug.status == 0)
        #expect(debug.standardError.components(separatedBy: " [python] a debug detail").count == 3)

        let error = try await Self.run(["MLPREDICT_LOG_LEVEL": "error"])
        #expect(error.status == 0)
        #expect(!error.standardError.contains("mlpredict.model"))

        let wrong = try await Self.run(["MLPREDICT_LOG_LEVEL": "loud"])
        #expect(wrong.status == 0)
        #expect(wrong.standardError.contains(
            "MLPREDICT_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical; found 'loud', using 'info'"))
    }
}
