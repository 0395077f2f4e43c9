import Foundation
import Synchronization
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
        _ arguments: [String], standardInput: String? = nil, environment: [String: String] = [:], mayCrash: Bool = false
    ) throws -> Outcome {
        let running = try start(arguments, standardInput: standardInput, environment: environment)
        let outcome = try running.finish()
        if !mayCrash {
            #expect(!outcome.killedBySignal, "mlpredict \(arguments) was killed by a signal")
        }
        return outcome
    }

    /// Starts `mlpredict arguments` as ``run(_:standardInput:environment:mayCrash:)`` does, without waiting.
    static func start(_ arguments: [String], standardInput: String? = nil, environment: [String: String] = [:]) throws
        -> Running
    {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("mlpredict-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let inputFile = scratch.appendingPathComponent("stdin")
        try Data((standardInput ?? "").utf8).write(to: inputFile)
        for file in ["stdout", "stderr"] { try Data().write(to: scratch.appendingPathComponent(file)) }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let input = try FileHandle(forReadingFrom: inputFile)
        let output = try FileHandle(forWritingTo: scratch.appendingPathComponent("stdout"))
        let error = try FileHandle(forWritingTo: scratch.appendingPathComponent("stderr"))
        defer { for handle in [input, output, error] { try? handle.close() } }
        process.standardInput = standardInput == nil ? FileHandle.nullDevice : input
        process.standardOutput = output
        process.standardError = error
        let exit = Exit()
        process.terminationHandler = { _ in exit.signal() }
        try process.run()
        return Running(process: process, scratch: scratch, exit: exit)
    }

    /// Runs `mlpredict` as ``run(_:standardInput:environment:mayCrash:)`` does, awaiting its end
    /// without holding a thread of Swift's cooperative pool (for tests that wait long).
    static func run(
        _ arguments: [String], standardInput: String? = nil, environment: [String: String] = [:]
    ) async throws -> Outcome {
        let outcome = try await start(arguments, standardInput: standardInput, environment: environment).finished()
        #expect(!outcome.killedBySignal, "mlpredict \(arguments) was killed by a signal")
        return outcome
    }

    /// Tells one waiter that a process ended, whether it waits before or after.
    final class Exit: Sendable {
        private let state = Mutex<(ended: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

        func signal() {
            state.withLock { state in
                state.ended = true
                state.waiter?.resume()
                state.waiter = nil
            }
        }

        func wait() async {
            await withCheckedContinuation { waiter in
                state.withLock { state in
                    if state.ended { waiter.resume() } else { state.waiter = waiter }
                }
            }
        }
    }

    /// A started run of `mlpredict`.
    struct Running {
        let process: Process
        let scratch: URL
        let exit: Exit

        /// Waits for the run's end and returns what it produced.
        func finish() throws -> Outcome {
            process.waitUntilExit()
            return try outcome()
        }

        /// Awaits the run's end, holding no thread, and returns what it produced.
        func finished() async throws -> Outcome {
            await exit.wait()
            return try outcome()
        }

        private func outcome() throws -> Outcome {
            defer { try? FileManager.default.removeItem(at: scratch) }
            return Outcome(
                status: process.terminationStatus,
                standardOutput: try String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8),
                standardError: try String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8),
                killedBySignal: process.terminationReason == .uncaughtSignal)
        }
    }
}
