import Dispatch
import Foundation
import MLPredict
import MLPredictPython
import Synchronization
import Testing

/// A model that misbehaves, in-process and in worker processes: the host lives, the rows before
/// and after the bad one are delivered, and the errors say what happened. Serialized: many of these
/// tests block their (cooperative) thread for seconds, and other suites need the pool.
@Suite("Isolation: one call per instance, timeouts, error strategies, worker processes", .serialized)
struct IsolationTests {
    static func hostile(_ options: [String: String] = [:], output: String = "text STRING, n BIGINT") throws -> Model {
        let extra = options.sorted { $0.key < $1.key }.map { ", '\($0.key)' = '\($0.value)'" }.joined()
        return try ModelRegistry.default.createModel(
            fromDDL: """
                CREATE MODEL hostile INPUT (text STRING) OUTPUT (\(output))
                WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("hostile"))',
                      'python-predict-class' = 'hostile.HostilePredictFunction'\(extra))
                """)
    }

    static let process = ["execution-mode": "process"]

    @Test func oneCallAtATimePerInstance() throws {
        let model = try Self.hostile()
        defer { try? model.close() }
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<25 { _ = try? model.predict(["count"]) }
        }
        #expect(try model.predict(["count"]) == [["count", 201]])
    }

    @Test func anEndlessLoopIsInterruptedInProcess() throws {
        let model = try Self.hostile(["timeout": "1 s"])
        defer { try? model.close() }
        let started = ContinuousClock.now
        let error = try #require(Fixtures.error { _ = try model.predict(["loop"]) })
        #expect(error.code == .timedOut)
        #expect(error.message.contains("predict timed out running; it was interrupted"))
        #expect(ContinuousClock.now - started < .seconds(30), "interrupted, not run to an end")
        #expect(try model.predict(["after"]) == [["after", 1]])
    }

    /// Models left with a call stuck in native code: in-process, nothing can stop it, so the model
    /// can never finish closing; they are kept alive instead of being closed at the end of a test.
    static let stuck = Mutex<[Model]>([])

    @Test func aDeadlockIsGivenUpByAsyncCallersInProcess() async throws {
        let model = try Self.hostile(["timeout": "1 s", "instances": "2"])
        Self.stuck.withLock { $0.append(model) }
        let threads = PythonThreads(count: 2)
        let error = await #expect(throws: MLPredictError.self) { _ = try await model.predict(["deadlock"], on: threads) }
        #expect(error?.code == .timedOut)
        #expect(error?.message.contains("could not be interrupted (native code)") == true)
        #expect(try await model.predict(["after"], on: threads) == [["after", 1]], "the other instance still serves")
    }

    @Test func tracebackFormattingThatFailsDoesNotRecurse() throws {
        let model = try Self.hostile()
        defer { try? model.close() }
        let error = try #require(Fixtures.error { _ = try model.predict(["hijack"]) })
        _ = try? model.predict(["restore"])
        #expect(error.code == .predictFailed)
        #expect(error.message.contains("ValueError: hijacked"))
        #expect(try model.predict(["after"]) == [["after", 1]])
    }

    @Test func osExitInProcessIsAnErrorNamingTheModel() throws {
        let model = try Self.hostile()
        defer { try? model.close() }
        let error = try #require(Fixtures.error { _ = try model.predict(["exit"]) })
        #expect(error.code == .predictFailed)
        #expect(error.message.hasPrefix("model 'hostile': predict raised mlpredict._host_guards.ProcessExitError: os._exit(0)"))
        #expect(try model.predict(["after"]) == [["after", 1]])
    }

    @Test func aForkedChildNeverReturnsIntoTheHost() throws {
        let model = try Self.hostile()
        defer { try? model.close() }
        let rows = try model.predict(["fork"])
        #expect(rows.count == 1, "only the parent returns")
        guard case .bigInt(let child) = rows[0].values[1] else { throw MLPredictError(.invalidOutput, "no pid") }
        var status: Int32 = 0
        #expect(waitpid(pid_t(child), &status, 0) == pid_t(child))
        #expect(status & 0x7f == 0 && (status >> 8) & 0xff == 0, "the child ended itself at the GIL release")
    }

    @Test func concurrentClosesAllWaitForPythonsClose() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("closed-\(UUID().uuidString)").path
        let model = try Self.hostile(["properties.closed-file": marker])
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            try? model.close()
            #expect(FileManager.default.fileExists(atPath: marker), "close returned before Python's close() ran")
        }
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "closed\n", "close() ran once")
    }

    @Test func ignoreDropsOnlyTheFailingRowsOfABatch() throws {
        let model = try Self.hostile(["error-handling-strategy": "IGNORE"])
        defer { try? model.close() }
        let outputs = try model.predict(batch: [["a"], ["b"], ["raise"], ["c"], ["d"]])
        #expect(outputs == [[["a", 1]], [["b", 1]], [], [["c", 1]], [["d", 1]]])
        #expect(model.statistics.ignoredRows == 1)
    }

    @Test func theErrorColumnReceivesTheMessage() throws {
        let model = try Self.hostile(
            ["error-handling-strategy": "IGNORE"], output: "text STRING, n BIGINT, `error-string` STRING")
        defer { try? model.close() }
        #expect(try model.predict(["a"]) == [["a", 1, nil]])
        let failed = try model.predict(["raise"])
        #expect(failed.count == 1)
        #expect(failed[0].values[0] == .null && failed[0].values[1] == .null)
        guard case .string(let message) = failed[0].values[2] else { throw MLPredictError(.invalidOutput, "no message") }
        #expect(message.contains("ValueError: cannot predict 'raise'"))
    }

    @Test func retryTriesAgainUntilItSucceeds() throws {
        let model = try Self.hostile(
            ["error-handling-strategy": "RETRY", "retry-num": "5", "retry-backoff-base-interval": "10 ms"])
        defer { try? model.close() }
        #expect(try model.predict(["flaky"]) == [["flaky", 3]])
        #expect(model.statistics.retries == 2)
        let error = try #require(Fixtures.error { _ = try model.predict(["nonretryable"]) })
        #expect(error.message.contains("attempt 1 is final"), "a NonRetryableError is not retried")
    }

    @Test func aWorkerInheritsNoDescriptorButItsOwn() throws {
        // A descriptor another thread holds without O_CLOEXEC while a worker starts (as Foundation's
        // Process does with the socket by which it sees its child end) must not live on in it.
        let leaked = open("/dev/null", O_RDONLY)
        #expect(leaked > 4)
        defer { close(leaked) }
        let model = try Self.hostile(Self.process)
        defer { try? model.close() }
        let rows = try model.predict(["fds"])
        guard case .string(let listing) = rows.first?.values.first else {
            Issue.record("no listing: \(rows)")
            return
        }
        let descriptors = listing.split(separator: " ").compactMap { Int32($0) }
        #expect(descriptors.contains(4), "the worker's own descriptors are there: \(listing)")
        #expect(!descriptors.contains(leaked), "descriptor \(leaked) was inherited: \(listing)")
    }

    @Test func aWorkerThatSegfaultsFailsItsCallAndIsReplaced() throws {
        let model = try Self.hostile(Self.process)
        defer { try? model.close() }
        #expect(try model.predict(["before"]) == [["before", 1]])
        let error = try #require(Fixtures.error { _ = try model.predict(["segfault"]) })
        #expect(error.code == .workerFailed)
        #expect(error.message.contains("was killed by signal SIGSEGV"))
        #expect(try model.predict(["after"]) == [["after", 1]])
    }

    @Test(arguments: [("exit", "exited with status 0"), ("abort", "was killed by signal SIGABRT")])
    func aWorkerThatExitsOrAbortsIsReported(input: String, expected: String) throws {
        let model = try Self.hostile(Self.process)
        defer { try? model.close() }
        let error = try #require(Fixtures.error { _ = try model.predict([.string(input)]) })
        #expect(error.code == .workerFailed)
        #expect(error.message.contains(expected))
        #expect(try model.predict(["after"]) == [["after", 1]])
    }

    @Test(arguments: ["loop", "deadlock"])
    func aHungWorkerIsKilledAtTheTimeout(input: String) throws {
        let model = try Self.hostile(Self.process.merging(["timeout": "1 s"]) { $1 })
        defer { try? model.close() }
        let started = ContinuousClock.now
        let error = try #require(Fixtures.error { _ = try model.predict([.string(input)]) })
        #expect(error.code == .timedOut)
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(try model.predict(["after"]) == [["after", 1]])
    }

    @Test func ignoreInProcessModeDeliversEveryOtherRowOfACrashingBatch() throws {
        let model = try Self.hostile(Self.process.merging(["error-handling-strategy": "IGNORE"]) { $1 })
        defer { try? model.close() }
        let rows: [Row] = (0..<10).map { $0 == 5 ? ["segfault"] : [.string("r\($0)")] }
        let outputs = try model.predict(batch: rows)
        #expect(outputs[5] == [])
        #expect(outputs.enumerated().filter { $0.offset != 5 }.allSatisfy { $0.element.count == 1 })
        #expect(model.statistics.ignoredRows == 1)
    }

    @Test func processModeMatchesInProcessResultsAndErrors() throws {
        let inProcess = try Self.hostile()
        let worker = try Self.hostile(Self.process.merging(["workers": "2"]) { $1 })
        defer {
            try? inProcess.close()
            try? worker.close()
        }
        #expect(try worker.predict(batch: [["a"], ["b"]]) == inProcess.predict(batch: [["a"], ["b"]]))
        let local = try #require(Fixtures.error { _ = try inProcess.predict(["raise"]) })
        let remote = try #require(Fixtures.error { _ = try worker.predict(["raise"]) })
        #expect(local.message == remote.message)
        #expect(remote.code == .predictFailed)
        #expect(worker.isIsolated && !inProcess.isIsolated)
    }

    @Test func processModeServesTheAsyncAPI() async throws {
        let worker = try Self.hostile(Self.process)
        #expect(try await worker.predict(["x"]) == [["x", 1]])
        #expect(try await worker.predict(batch: [["y"], ["z"]]) == [[["y", 1]], [["z", 1]]])
        let error = await #expect(throws: MLPredictError.self) { _ = try await worker.predict(["segfault"]) }
        #expect(error?.code == .workerFailed)
        #expect(try await worker.predict(["after"]) == [["after", 1]])
    }

    @Test func mlPredictConfigAppliesTheErrorStrategyAndTimeout() throws {
        let session = Session()
        try session.execute(
            """
            CREATE MODEL hostile INPUT (text STRING) OUTPUT (text STRING, n BIGINT)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("hostile"))',
                  'python-predict-class' = 'hostile.HostilePredictFunction')
            """)
        session.registerTable(
            "texts", Table(schema: Schema([Column("t", .string)]), rows: [["a"], ["raise"], ["loop"], ["b"]]))
        let result = try session.execute(
            """
            SELECT * FROM ML_PREDICT(TABLE texts, MODEL hostile, DESCRIPTOR(t),
              MAP['error-handling-strategy', 'IGNORE', 'timeout', '1 s'])
            """)
        #expect(result.rows == [["a", "a", 1], ["b", "b", 1]])
        let failing = Fixtures.error {
            _ = try session.execute("SELECT * FROM ML_PREDICT(TABLE texts, MODEL hostile, DESCRIPTOR(t))")
        }
        #expect(failing?.code == .predictFailed, "without CONFIG the model's FAILOVER applies")
    }

    @Test func streamsTakeTheErrorStrategyFromTheirOptions() async throws {
        let model = try Self.hostile()
        defer { try? model.close() }
        let rows = AsyncStream<Row> { continuation in
            for text in ["a", "raise", "b"] { continuation.yield([.string(text)]) }
            continuation.finish()
        }
        let options = try PredictionOptions(["error-handling-strategy": "IGNORE", "batch-size": "3"])
        var outputs: [[Row]] = []
        for try await prediction in rows.predictions(with: model, options: options) { outputs.append(prediction.outputs) }
        #expect(outputs == [[["a", 1]], [], [["b", 1]]])
    }

    @Test func aWorkerOverItsMemoryLimitFailsTheRowAndTheHostLives() throws {
        let model = try Self.hostile(Self.process.merging(["worker-memory-limit": "512 mb"]) { $1 })
        defer { try? model.close() }
        let error = try #require(Fixtures.error { _ = try model.predict(["allocate"]) })
        #expect([.predictFailed, .workerFailed].contains(error.code))
        #expect(error.message.contains("MemoryError") || error.message.contains("SIGKILL"))
        #expect(try model.predict(["after"]) == [["after", 1]])
    }

    @Test func aModelWhoseOpenFailsInNewWorkersFailsClearlyInsteadOfLooping() throws {
        let once = FileManager.default.temporaryDirectory.appendingPathComponent("once-\(UUID().uuidString)").path
        let model = try Self.hostile(Self.process.merging(["properties.open-once-file": once]) { $1 })
        defer { try? model.close() }
        #expect(try model.predict(["first"]) == [["first", 1]])
        _ = Fixtures.error { _ = try model.predict(["exit"]) }
        var error: MLPredictError?
        for _ in 0..<600 {
            error = Fixtures.error { _ = try model.predict(["again"]) }
            if error?.message.contains("not restarted again") == true { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(error?.code == .openFailed)
        #expect(error?.message.contains("open refuses: this model opens in one process only") == true)
        #expect(error?.message.contains("in 3 new worker processes in a row") == true)
    }

    /// A worker may run another Python than the embedded one: the pyenv interpreters of this machine
    /// kind, when present (a fresh machine without them skips).
    @Test(arguments: ["3.12", "3.13"])
    func workersRunUnderAnotherPythonVersion(version: String) throws {
        let versions = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pyenv/versions").path
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: versions)) ?? []
        guard let match = installed.sorted().last(where: { $0.hasPrefix(version + ".") }) else { return }
        let python = "\(versions)/\(match)/bin/python3"
        let model = try Self.hostile(Self.process.merging(["python.executable": python]) { $1 })
        defer { try? model.close() }
        #expect(try model.predict(["version"]) == [[.string(version), 0]])
        #expect(try model.predict(batch: [["a"]]) == [[["a", 1]]])
    }

    @Test(arguments: ["numpy", "lists", "memoryviews", "default"])
    func processModePredictsColumnsAsInProcess(mode: String) throws {
        let ddl = """
            CREATE MODEL columns INPUT (x DOUBLE, n BIGINT, flag BOOLEAN, label STRING)
            OUTPUT (y DOUBLE, n BIGINT, flag BOOLEAN, label STRING)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("columns"))',
                  'python-predict-class' = 'columns.ColumnsPredictFunction', 'properties.mode' = '\(mode)'
            """
        let local = try ModelRegistry.default.createModel(fromDDL: ddl + ")")
        let remote = try ModelRegistry.default.createModel(fromDDL: ddl + ", 'execution-mode' = 'process')")
        defer {
            try? local.close()
            try? remote.close()
        }
        let input = ColumnBatch([
            .double([0.5, 1.5, -2]), .bigInt([1, 2, 3]), .boolean([true, false, true]), .values(["a", nil, "c"]),
        ])
        #expect(try remote.predictColumns(input) == local.predictColumns(input))
    }

    @Test func processModeKeepsOneCallAtATimeAndNamesTheBatchRow() throws {
        let model = try Self.hostile(Self.process)
        defer { try? model.close() }
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<25 { _ = try? model.predict(["count"]) }
        }
        #expect(try model.predict(["count"]) == [["count", 101]])
        let error = try #require(Fixtures.error { _ = try model.predict(batch: [["a"], ["b"], ["raise"]]) })
        #expect(error.message.hasSuffix("ValueError: cannot predict 'raise' (in predict for input row 2 of the batch)"))
    }

    @Test func processModeSurvivesForksAndHostileTracebacks() throws {
        let model = try Self.hostile(Self.process)
        defer { try? model.close() }
        let forked = try model.predict(["fork"])
        #expect(forked.count == 1 && forked[0].values[0] == "forked", "the worker's answer arrives once")
        #expect(try model.predict(["after"]) == [["after", 1]])
        let error = try #require(Fixtures.error { _ = try model.predict(["hijack"]) })
        #expect(error.message.contains("ValueError: hijacked"))
        _ = try? model.predict(["restore"])
        #expect(try model.predict(["after"]) == [["after", 1]])
    }

    @Test func processModeServesMLPredict() throws {
        let session = Session()
        try session.execute(
            """
            CREATE MODEL hostile INPUT (text STRING) OUTPUT (text STRING, n BIGINT)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("hostile"))',
                  'python-predict-class' = 'hostile.HostilePredictFunction', 'execution-mode' = 'process',
                  'error-handling-strategy' = 'IGNORE')
            """)
        session.registerTable(
            "texts", Table(schema: Schema([Column("t", .string)]), rows: [["a"], ["segfault"], ["b"]]))
        let result = try session.execute("SELECT * FROM ML_PREDICT(TABLE texts, MODEL hostile, DESCRIPTOR(t))")
        #expect(result.rows == [["a", "a", 1], ["b", "b", 1]])
    }
}
