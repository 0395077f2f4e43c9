import Foundation
import Testing

/// Runs the built `mlpredict` executable, as swift-argument-parser's `AssertExecuteCommand` does.
enum CommandLineTool {
    /// What one run of `mlpredict` produced.
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// Whether a signal ended the run (then ``status`` is the signal's number).
        var killedBySignal = false
    }

    /// The package's root directory.
    static let packageDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // MLPredictCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A file under `Tests/MLPredictCLITests/Fixtures`.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    /// The `mlpredict` executable in the products directory next to the test bundle.
    static let executable: URL = {
        #if os(macOS)
        guard let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) else {
            fatalError("cannot find the .xctest bundle, so not the products directory either")
        }
        return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("mlpredict")
        #else
        return Bundle.main.bundleURL.appendingPathComponent("mlpredict")
        #endif
    }()

    /// Runs `mlpredict arguments` with `standardInput` (none when nil) in a scratch working
    /// directory, with this process's environment (so its `VIRTUAL_ENV`) plus `environment`, and
    /// waits for it.
    ///
    /// Output goes to files rather than pipes, so a chatty run can never block on a full pipe.
    static func run(
        _ arguments: [String], standardInput: String? = nil, mayCrash: Bool = false, environment: [String: String] = [:]
    ) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("mlpredict-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputFile = scratch.appendingPathComponent("stdin")
        let outputFile = scratch.appendingPathComponent("stdout")
        let errorFile = scratch.appendingPathComponent("stderr")
        try Data((standardInput ?? "").utf8).write(to: inputFile)
        for file in [outputFile, errorFile] { try Data().write(to: file) }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let input = try FileHandle(forReadingFrom: inputFile)
        let output = try FileHandle(forWritingTo: outputFile)
        let error = try FileHandle(forWritingTo: errorFile)
        defer { for handle in [input, output, error] { try? handle.close() } }
        process.standardInput = standardInput == nil ? FileHandle.nullDevice : input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        if !mayCrash {
            #expect(process.terminationReason == .exit, "mlpredict \(arguments) was killed by a signal")
        }
        return Outcome(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outputFile, encoding: .utf8),
            standardError: try String(contentsOf: errorFile, encoding: .utf8),
            killedBySignal: process.terminationReason == .uncaughtSignal)
    }
}
