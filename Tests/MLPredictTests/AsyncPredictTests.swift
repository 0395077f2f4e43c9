import Foundation
import MLPredictPython
import Synchronization
import Testing

@testable import MLPredict

@Suite("async predict: Python work on dedicated threads, async def models on an asyncio loop")
struct AsyncPredictTests {
    static func model(_ pythonClass: String, seconds: Double = 0.05) throws -> Model {
        try Fixtures.model(
            name: "sleepy", input: "text STRING", output: "text STRING, calls BIGINT", directory: "sleepy",
            pythonClass: "sleepy.\(pythonClass)", properties: ["seconds": "\(seconds)"])
    }

    /// The texts and call numbers of `rows`' single output rows.
    static func texts(_ outputs: [[Row]]) -> [Value] { outputs.map { $0.first?[0] ?? .null } }

    /// Checks that the 200 × 50 ms predictions of `model` ran concurrently: at least 50 were asleep
    /// at once. (Not their wall-clock time: other suites hold the GIL for seconds on purpose, an
    /// endless loop until its timeout among them, so elapsed time depends on the machine's load.)
    static func expectOverlap(_ model: Model) async throws {
        let peak = try await model.predict(["peak"]).first?[1]
        guard case .bigInt(let sleepingAtOnce)? = peak else { throw MLPredictError(.invalidOutput, "no peak") }
        #expect(sleepingAtOnce >= 50)
    }

    @Test func awaitingManyPredictionsDoesNotStarveOtherTasks() async throws {
        // Each prediction waits (60 s at most) for a gate that only a task can open: they all
        // succeed only if tasks still ran while 64 predictions were awaited. No clock is compared,
        // so a loaded machine cannot fail it.
        let gate = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-gate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: gate) }
        let model = try Fixtures.model(
            name: "sleepy", input: "text STRING", output: "text STRING, calls BIGINT", directory: "sleepy",
            pythonClass: "sleepy.SleepingPredictFunction", properties: ["gate": gate.path])
        defer { try? model.close() }
        let threads = PythonThreads(count: 1)  // its own, so other tests do not queue behind the gate
        let predictionsDone = Atomic<Bool>(false)
        let ticker = Task {
            for _ in 0..<100 { try await Task.sleep(for: .milliseconds(1)) }
            #expect(FileManager.default.createFile(atPath: gate.path, contents: nil))
            return predictionsDone.load(ordering: .acquiring)
        }
        let outputs = try await withThrowingTaskGroup(of: (Int, [Row]).self) { group in
            for index in 0..<64 {
                group.addTask { (index, try await model.predict([.string("row \(index)")], on: threads)) }
            }
            var outputs = [[Row]](repeating: [], count: 64)
            for try await (index, rows) in group { outputs[index] = rows }
            return outputs
        }
        predictionsDone.store(true, ordering: .releasing)
        #expect(try await ticker.value == false, "the ticker opened the gate while Python waited")
        #expect(Self.texts(outputs) == (0..<64).map { .string("row \($0)") })
        #expect(Set(outputs.map { $0.first?[1] }) == Set((1...64).map { Value.bigInt(Int64($0)) }))
    }

    @Test func asyncBatchEqualsSyncBatch() async throws {
        let model = try Self.model("SleepingPredictFunction", seconds: 0)
        defer { try? model.close() }
        let rows: [Row] = [["a"], ["b"], ["c"]]
        let outputs = try await model.predict(batch: rows)
        #expect(Self.texts(outputs) == ["a", "b", "c"])
        #expect(try await model.predict(batch: []) == [])
    }

    @Test(arguments: ["SleepingPredictFunction", "AsyncSleepingPredictFunction"])
    func errorsCarryTheTracebackAndLeaveTheModelUsable(pythonClass: String) async throws {
        let model = try Self.model(pythonClass, seconds: 0)
        defer { try? model.close() }
        do {
            _ = try await model.predict(["raise"])
            Issue.record("predict should have failed")
        } catch {
            #expect(error.code == .predictFailed)
            #expect(error.message == "model 'sleepy': predict raised ValueError: cannot predict 'raise'")
            #expect(error.pythonError?.traceback.contains("in predict") == true)
        }
        do {
            _ = try await model.predict([3])
            Issue.record("predict should have failed")
        } catch {
            #expect(error.code == .invalidInput)
        }
        #expect(try await model.predict(["ok"]).first?[0] == "ok")
    }

    @Test func asyncDefPredictionsOverlap() async throws {
        let model = try Self.model("AsyncSleepingPredictFunction")
        defer { try? model.close() }
        let outputs = try await withThrowingTaskGroup(of: (Int, [Row]).self) { group in
            for index in 0..<200 {
                group.addTask { (index, try await model.predict([.string("row \(index)")])) }
            }
            var outputs = [[Row]](repeating: [], count: 200)
            for try await (index, rows) in group { outputs[index] = rows }
            return outputs
        }
        #expect(Self.texts(outputs) == (0..<200).map { .string("row \($0)") })
        try await Self.expectOverlap(model)
    }

    @Test func syncPredictWaitsForAsyncDefModels() throws {
        let model = try Self.model("AsyncSleepingPredictFunction", seconds: 0.01)
        defer { try? model.close() }
        #expect(try model.predict(["a"]) == [["a", 1]])
        #expect(Self.texts(try model.predict(batch: [["b"], ["c"]])) == ["b", "c"])
    }

    @Test func asyncDefPredictBatch() async throws {
        let model = try Self.model("AsyncBatchPredictFunction")
        defer { try? model.close() }
        #expect(try await model.predict(batch: [["a"], ["b"]]) == [[["a", 2]], [["b", 2]]])
    }

    @Test func syncPredictBatchWaitsForAsyncDefPredictBatch() throws {
        let model = try Self.model("AsyncBatchPredictFunction")
        defer { try? model.close() }
        #expect(try model.predict(batch: [["c"]]) == [[["c", 1]]])
    }

    @Test(arguments: ["AsyncSleepingPredictFunction", "AsyncBatchPredictFunction"])
    func predictColumnsWaitsForAsyncDefModels(pythonClass: String) throws {
        let model = try Self.model(pythonClass, seconds: 0)
        defer { try? model.close() }
        let output = try model.predictColumns(ColumnBatch([.values(["a", "b"])]))
        #expect(output.columns.first == .values(["a", "b"]))
    }

    @Test(.timeLimit(.minutes(1)))
    func systemExitAndKeyboardInterruptFailOnlyTheirCall() async throws {
        let exiting = try Self.model("ExitingPredictFunction", seconds: 0)
        let other = try Self.model("AsyncSleepingPredictFunction", seconds: 0)
        for (text, raised) in [("exit", "SystemExit('bye')"), ("interrupt", "KeyboardInterrupt()")] {
            do {
                _ = try await exiting.predict([.string(text)])
                Issue.record("predict should have failed")
            } catch {
                #expect(error.code == .predictFailed)
                #expect(error.message == "model 'sleepy': predict raised RuntimeError: async def model raised \(raised)")
                #expect(error.pythonError?.traceback.contains("in predict") == true)
            }
            let (same, next) = (try await exiting.predict(["ok"]), try await other.predict(["next"]))
            #expect(same == [["ok", 0]])
            #expect(next.first?[0] == "next")
        }
        // Not deferred: after a call that never completes (the time limit cancels it), close would wait forever.
        try exiting.close()
        try other.close()
    }

    @Test func cancelledAwaitGivesUpAndTheModelStaysUsable() async throws {
        let model = try Self.model("SleepingPredictFunction", seconds: 0.3)
        defer { try? model.close() }
        let threads = PythonThreads(count: 1)
        let waiting = Task { try await model.predict(["slow"], on: threads) }
        let queued = Task { try await model.predict(["queued"], on: threads) }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        queued.cancel()
        for task in [waiting, queued] {
            do {
                _ = try await task.value
                Issue.record("a cancelled prediction should fail")
            } catch let error as MLPredictError {
                #expect(error.code == .cancelled)
                #expect(error.message == "model 'sleepy': predict was cancelled")
            }
        }
        // The queued call never reached Python: this is call 2 (1 if "slow" was cancelled before it began).
        let after = try await model.predict(["after"], on: threads)
        #expect(after == [["after", 2]] || after == [["after", 1]])
    }

    @Test func closedModelRejectsAsyncCalls() async throws {
        let model = try Self.model("SleepingPredictFunction", seconds: 0)
        try model.close()
        await #expect(throws: MLPredictError.self) { try await model.predict(["a"]) }
    }
}
