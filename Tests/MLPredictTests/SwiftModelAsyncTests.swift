import Dispatch
import MLPredictPython
import Synchronization
import Testing

@testable import MLPredict

@Suite("async predict of models written in Swift: off the cooperative pool, without the GIL")
struct SwiftModelAsyncTests {
    /// Upper-cases its text in Python on another thread, which it waits for (15 s at most).
    struct PythonUpperFactory: ModelProviderFactory {
        let identifier = "python-upper"
        let requiredOptions: Set<String> = []
        let optionalOptions: Set<String> = []

        func createModelProvider(_ context: ModelProviderContext) throws(MLPredictError) -> any ModelProvider {
            Provider(context: context)
        }

        struct Provider: PredictRuntimeProvider {
            let context: ModelProviderContext
            func createPredictFunction() throws -> any PredictFunction { Function() }
        }

        struct Function: PredictFunction {
            func predict(_ row: Row) throws -> [Row] {
                guard case .string(let text) = row[0] else { return [] }
                let upper = Mutex<Result<String, PythonError>?>(nil)
                let done = DispatchSemaphore(value: 0)
                DispatchQueue.global().async {
                    let result = Result { () throws(PythonError) in
                        try Interpreter.withGIL { gil throws(PythonError) in
                            try PythonReference(string: text, gil).attribute("upper", gil).call(gil).string(gil)
                        }
                    }
                    upper.withLock { $0 = result }
                    done.signal()
                }
                guard done.wait(timeout: .now() + 15) == .success, let result = upper.withLock({ $0 }) else {
                    throw MLPredictError(.predictFailed, "the Python work did not get the GIL in 15 s")
                }
                return [[.string(try result.get())]]
            }

            func close() throws {}
        }
    }

    static func model() throws -> Model {
        try Interpreter.ensureStarted()  // so that PythonThreads take the GIL
        let registry = ModelRegistry()
        registry.register(PythonUpperFactory())
        return try registry.createModel(
            fromDDL: "CREATE MODEL up INPUT (t STRING) OUTPUT (u STRING) WITH ('provider' = 'python-upper')")
    }

    @Test func aSwiftModelMayWaitForPythonWorkOnAnotherThread() async throws {
        let model = try Self.model()
        defer { try? model.close() }
        #expect(try await model.predict(["hey"]) == [["HEY"]])
        #expect(try await model.predict(batch: [["a"], ["b"]]) == [[["A"]], [["B"]]])
    }

    @Test func aCallAdmittedBeforeCloseIsNotRejectedByTheClosing() async throws {
        let registry = ModelRegistry()
        registry.register(CustomProviderTests.UpperFactory())
        let model = try registry.createModel(
            fromDDL: "CREATE MODEL up INPUT (t STRING) OUTPUT (u STRING) WITH ('provider' = 'upper')")
        // A busy Python thread, which a Swift model must not need: it waits for `gate` (15 s at most)
        // in Python, without the GIL, so the other tests' Python calls go on.
        try Interpreter.ensureStarted()
        let gate = try Interpreter.withGIL { gil throws(PythonError) in
            PythonObject(try Interpreter.importModule("threading", gil).attribute("Event", gil).call(gil))
        }
        let threads = PythonThreads(count: 1)
        threads.submit {
            Interpreter.withGIL { gil in
                _ = try? gate.reference(gil).attribute("wait", gil).call(PythonReference(15.0, gil), gil)
            }
        }
        let finished = Atomic<Bool>(false)
        let prediction = Task {
            defer { finished.store(true, ordering: .releasing) }
            return try await model.predict(["late"], on: threads)
        }
        let deadline = ContinuousClock.now + .seconds(2)
        while !finished.load(ordering: .acquiring), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let closing = Task {
            await withCheckedContinuation { closed in
                DispatchQueue.global().async {
                    try? model.close()  // waits for the admitted call
                    closed.resume()
                }
            }
        }
        while Self.admits(model) { try await Task.sleep(for: .milliseconds(5)) }
        try Interpreter.withGIL { gil throws(PythonError) in _ = try gate.reference(gil).attribute("set", gil).call(gil) }
        #expect(try await prediction.value == [["LATE"]])
        await closing.value
    }

    /// Whether `model` still admits calls: not closing (the synchronous API, which no Python thread runs).
    static func admits(_ model: Model) -> Bool {
        (try? model.predict(batch: [])) != nil
    }
}
