import Foundation
import Testing

/// `mlpredict.testing.load_model("MODEL.sql")` in plain Python hands the model the config JSON that
/// `mlpredict check MODEL.sql` prints (the JSON `set_model_config` receives from the host), byte
/// for byte: the model directory resolved against the `.sql` file's directory alike, from another
/// working directory and a relative path.
@Suite struct PythonTestingConfigTests {
    static let models = [
        "Tests/MLPredictCLITests/Fixtures/echo.sql", "Tests/MLPredictCLITests/Fixtures/typed_echo.sql",
        "examples/sentiment/model.sql", "examples/iris-sklearn/model.sql",
    ]

    @Test(arguments: models)
    func loadModelGivesTheConfigThatCheckPrints(model: String) async throws {
        let root = CommandLineTool.packageDirectory
        let (check, python) = try await IrisExampleTests.offThePool {
            (
                try CommandLineTool.run(["check", root.appendingPathComponent(model).path]),
                try Self.pythonConfig(relativePath: "../" + model, workingDirectory: root.appendingPathComponent("Tests"))
            )
        }
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        let lines = check.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex(of: "config JSON (set_model_config receives it):"))
        let printed = String(lines[header + 1].dropFirst(2))
        #expect(printed.hasPrefix(#"{"format_version":1,"#))
        #expect(python == printed)
    }

    /// `load_model(relativePath).config_json`, run by the virtual environment's Python in `workingDirectory`.
    static func pythonConfig(relativePath: String, workingDirectory: URL) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: environment["VIRTUAL_ENV"].map { "\($0)/bin/python" } ?? "/usr/bin/python3")
        process.arguments = [
            "-c",
            "import sys\nfrom mlpredict.testing import load_model\n"
                + "with load_model(sys.argv[1]) as model:\n    sys.stdout.write(model.config_json)",
            relativePath,
        ]
        process.currentDirectoryURL = workingDirectory
        process.environment = environment.merging(
            ["PYTHONPATH": CommandLineTool.packageDirectory.appendingPathComponent("python/src").path]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "load_model(\(relativePath)) failed")
        return String(decoding: data, as: UTF8.self)
    }
}
