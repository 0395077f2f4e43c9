import Foundation

/// Runs a helper program (`python -m venv`, pip, ...) to its end, its output appended to a file.
///
/// Foundation's `Process` rather than swift-subprocess: loading a model is synchronous (async
/// callers load on a Dispatch queue, never on Swift's cooperative pool), and `Process` waits
/// blocking, where swift-subprocess is async only and would need a blocking bridge here. `Process`
/// waits for its own child only (`waitpid(pid)`), so it never reaps a model's worker process, and
/// closes every other descriptor in the child, so a held ``FileLock`` is never inherited.
enum ChildProcess {
    /// How a run ended.
    struct Outcome {
        /// The exit status, or the signal's number when ``wasSignalled``.
        var status: Int32
        var wasSignalled: Bool

        var succeeded: Bool { !wasSignalled && status == 0 }

        /// `exit status 1`, `signal 9`.
        var description: String { wasSignalled ? "signal \(status)" : "exit status \(status)" }
    }

    /// Runs `executable arguments` in `directory` (default: this process's) with exactly
    /// `environment`, no input, and standard output and error appended to `log`; waits for its end.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        log: URL
    ) throws -> Outcome {
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        try output.seekToEnd()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, wasSignalled: process.terminationReason == .uncaughtSignal)
    }

    /// This process's environment without the variables that would make a Python child see other
    /// modules than its own environment's (`PYTHONPATH`, `PYTHONHOME`), plus `extra`.
    static func pythonEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = nil
        environment["PYTHONHOME"] = nil
        environment.merge(extra) { $1 }
        return environment
    }

    /// The last `count` non-blank lines of `log`, or a note that it is empty.
    static func tail(of log: URL, lines count: Int = 20) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        return lines.isEmpty ? "(no output)" : lines.suffix(count).joined(separator: "\n")
    }
}
