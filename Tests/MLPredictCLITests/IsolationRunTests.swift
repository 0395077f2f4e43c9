import Foundation
import Testing

/// `mlpredict run` with a model that misbehaves on one row: every row predicted before it reaches
/// standard output, the exit status says what happened, and in process mode the run goes on.
@Suite("mlpredict run with a hostile model: nothing lost, honest exit statuses", .serialized)
struct IsolationRunTests {
    /// A model file for the hostile fixture with `options`, in a fresh directory.
    static func modelFile(_ options: [String: String] = [:], output: String = "n BIGINT") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let models = URL(fileURLWithPath: CommandLineTool.fixture("")).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("MLPredictTests/Fixtures/models/hostile").path
        let extra = options.sorted { $0.key < $1.key }.map { ",\n  '\($0.key)' = '\($0.value)'" }.joined()
        let file = directory.appendingPathComponent("hostile.sql").path
        try """
            CREATE MODEL hostile INPUT (text STRING) OUTPUT (echo STRING, \(output))
            WITH (
              'provider' = 'generic-python',
              'model-directory-path' = '\(models)',
              'python-predict-class' = 'hostile.HostilePredictFunction'\(extra)
            )
            """.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// JSON Lines of texts `r0`, `r1`, ... with `bad` at position `at`.
    static func input(count: Int, bad: String, at position: Int) -> String {
        (0..<count).map { "{\"text\": \"\($0 == position ? bad : "r\($0)")\"}\n" }.joined()
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func aSegfaultInProcessLosesNoRowPredictedBeforeIt() throws {
        let outcome = try CommandLineTool.run(
            ["run", try Self.modelFile(), "--batch-size", "1"],
            standardInput: Self.input(count: 3_000, bad: "segfault", at: 2_000), mayCrash: true)
        #expect(outcome.killedBySignal)
        #expect(Self.lines(outcome.standardOutput).count == 2_000)
    }

    /// In batches (of 64 by default, all of the input being ready), every batch before the one with
    /// the crashing row was written.
    @Test func aSegfaultInProcessLosesNoBatchPredictedBeforeIt() throws {
        let outcome = try CommandLineTool.run(
            ["run", try Self.modelFile()], standardInput: Self.input(count: 3_000, bad: "segfault", at: 2_000),
            mayCrash: true)
        #expect(outcome.killedBySignal)
        #expect(Self.lines(outcome.standardOutput).count == 2_000 / 64 * 64)
    }

    @Test func osExitInProcessFailsTheRowWithStatus1() throws {
        let outcome = try CommandLineTool.run(
            ["run", try Self.modelFile()], standardInput: Self.input(count: 5, bad: "exit", at: 2))
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("model 'hostile': predict raised mlpredict._host_guards.ProcessExitError"))
        #expect(Self.lines(outcome.standardOutput).count == 2)
    }

    @Test func aForkInProcessDuplicatesNoOutput() throws {
        let outcome = try CommandLineTool.run(
            ["run", try Self.modelFile()], standardInput: Self.input(count: 20, bad: "fork", at: 3))
        #expect(outcome.status == 0)
        #expect(Self.lines(outcome.standardOutput).count == 20)
    }

    @Test func processModeIgnoresACrashingRowAndDeliversTheRest() throws {
        let file = try Self.modelFile(["execution-mode": "process", "error-handling-strategy": "IGNORE"])
        let outcome = try CommandLineTool.run(
            ["run", file], standardInput: Self.input(count: 400, bad: "segfault", at: 200))
        #expect(outcome.status == 0)
        #expect(Self.lines(outcome.standardOutput).count == 399)
        #expect(!outcome.standardOutput.contains("segfault"))
        #expect(outcome.standardError.contains("was killed by signal SIGSEGV"))
        #expect(outcome.standardError.contains("1 row(s) failed and were ignored"))
    }

    @Test func processModeFailoverStopsWithStatus1AfterDeliveringEarlierRows() throws {
        let file = try Self.modelFile(["execution-mode": "process"])
        let outcome = try CommandLineTool.run(
            ["run", file], standardInput: Self.input(count: 10, bad: "exit", at: 4))
        #expect(outcome.status == 1)
        #expect(Self.lines(outcome.standardOutput).count == 4)
        #expect(outcome.standardError.contains("its worker process"))
        #expect(outcome.standardError.contains("exited with status 0"))
    }

    @Test func theErrorColumnRoutesFailuresInTheOutput() throws {
        let file = try Self.modelFile(
            ["execution-mode": "process", "error-handling-strategy": "IGNORE", "timeout": "2 s"],
            output: "n BIGINT, `error-string` STRING")
        let outcome = try CommandLineTool.run(
            ["run", file], standardInput: Self.input(count: 6, bad: "loop", at: 2))
        #expect(outcome.status == 0)
        let lines = Self.lines(outcome.standardOutput)
        #expect(lines.count == 6)
        #expect(lines[2].contains("\"echo\":null") && lines[2].contains("'timeout'"))
        #expect(lines[3].contains("\"error-string\":null"))
    }

    @Test func workersDieWithAHostKilledBySIGKILL() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("pids-\(UUID().uuidString)").path
        let file = try Self.modelFile(["execution-mode": "process", "workers": "2", "properties.pid-file": pidFile])
        let process = Process()
        process.executableURL = CommandLineTool.executable
        process.arguments = ["run", file]
        let input = Pipe()  // kept open: the run waits for rows
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { try? input.fileHandleForWriting.close() }
        var workers: [pid_t] = []
        for _ in 0..<600 where workers.count < 2 {
            Thread.sleep(forTimeInterval: 0.1)
            workers = ((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                pid_t($0)
            }
        }
        #expect(workers.count == 2, "both workers opened the model")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var alive = workers
        for _ in 0..<600 where !alive.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            alive = alive.filter { kill($0, 0) == 0 && !isZombie($0) }
        }
        #expect(alive.isEmpty, "no orphaned worker")
    }

    private func isZombie(_ pid: pid_t) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return status.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true
    }
}
