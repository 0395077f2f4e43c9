import MLPredictPython
import Synchronization
import Testing

@testable import MLPredict

/// An endless input of rows `row 0`, `row 1`, ..., counting how many were read.
struct EndlessRows: AsyncSequence, Sendable {
    let produced = Counter()

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let produced: Counter
        mutating func next() async -> Row? {
            let index = produced.value.add(1, ordering: .relaxed).oldValue
            return [.string("row \(index)")]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(produced: produced) }
}

@Suite("predictions(with:options:): micro-batches, bounded in flight, ordered or not, cancellable")
struct PredictionStreamTests {
    static func rows(_ count: Int) -> AsyncStream<Row> {
        AsyncStream { continuation in
            for index in 0..<count { continuation.yield([.string("row \(index)")]) }
            continuation.finish()
        }
    }

    @Test func orderedStreamKeepsInputOrderAcrossConcurrentBatches() async throws {
        let model = try AsyncPredictTests.model("AsyncSleepingPredictFunction", seconds: 0.01)
        defer { try? model.close() }
        let options = try PredictionOptions(["batch-size": "8", "max-concurrent-operations": "4"])
        var predictions: [Prediction] = []
        for try await prediction in Self.rows(100).predictions(with: model, options: options) {
            predictions.append(prediction)
        }
        #expect(predictions.map(\.input) == (0..<100).map { [.string("row \($0)")] })
        #expect(predictions.allSatisfy { $0.outputs.count == 1 && $0.outputs[0][0] == $0.input[0] })
        #expect(predictions[3].joinedRows == [Row([predictions[3].input[0]] + predictions[3].outputs[0].values)])
    }

    @Test func asyncDefModelStreamsManyRowsAtOnce() async throws {
        let model = try AsyncPredictTests.model("AsyncSleepingPredictFunction")
        defer { try? model.close() }
        let options = try PredictionOptions(["max-concurrent-operations": "64", "output-mode": "ALLOW_UNORDERED"])
        var inputs: Set<Row> = []
        for try await prediction in Self.rows(200).predictions(with: model, options: options) {
            #expect(prediction.outputs.first?[0] == prediction.input[0])
            inputs.insert(prediction.input)
        }
        #expect(inputs == Set((0..<200).map { [.string("row \($0)")] }))
        try await AsyncPredictTests.expectOverlap(model)
    }

    @Test func aTrickleFlowsWithoutFillingTheBatch() async throws {
        let model = try AsyncPredictTests.model("SleepingPredictFunction", seconds: 0)
        defer { try? model.close() }
        let (input, feed) = AsyncStream.makeStream(of: Row.self)
        let options = try PredictionOptions(["batch-size": "100", "batch-max-wait": "20 ms"])
        var predictions = input.predictions(with: model, options: options).makeAsyncIterator()
        for index in 0..<3 {
            feed.yield([.string("row \(index)")])  // one row, then wait for its prediction
            #expect(try await predictions.next()?.input == [.string("row \(index)")])
        }
        feed.finish()
        #expect(try await predictions.next() == nil)
    }

    @Test func anEndlessInputIsReadOnlyAsFarAsTheBound() async throws {
        let model = try AsyncPredictTests.model("SleepingPredictFunction", seconds: 0)
        defer { try? model.close() }
        let input = EndlessRows()
        let options = try PredictionOptions(["batch-size": "4", "max-concurrent-operations": "3"])
        var consumed = 0
        for try await prediction in input.predictions(with: model, options: options) {
            #expect(prediction.input == [.string("row \(consumed)")])
            consumed += 1
            #expect(input.produced.value.load(ordering: .relaxed) <= consumed + 12)
            if consumed == 200 { break }
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(input.produced.value.load(ordering: .relaxed) <= 200 + 12)
    }

    @Test func aSlowBatchTimesOutTheStreamAndTheModelStaysUsable() async throws {
        let model = try AsyncPredictTests.model("SleepingPredictFunction", seconds: 1)
        defer { try? model.close() }
        let threads = PythonThreads(count: 1)
        let options = try PredictionOptions(["timeout": "100 ms"])
        do {
            for try await _ in Self.rows(5).predictions(with: model, options: options, threads: threads) {}
            Issue.record("the stream should time out")
        } catch let error as MLPredictError {
            #expect(error.code == .timedOut)
            // time.sleep is native code: the call is given up at 1.5 x the timeout, or, on a loaded
            // machine, interrupted when the sleep ends first.
            #expect(error.message.hasPrefix("model 'sleepy': predict_batch"))
            #expect(error.message.contains("'timeout'"))
        }
        #expect(try await model.predict(["after"], on: threads).first?[0] == "after")
    }

    @Test func aFailedBatchFailsTheStream() async throws {
        let model = try AsyncPredictTests.model("SleepingPredictFunction", seconds: 0)
        defer { try? model.close() }
        let input = AsyncStream<Row> { continuation in
            for text in ["a", "b", "raise", "c"] { continuation.yield([.string(text)]) }
            continuation.finish()
        }
        var seen: [Row] = []
        do {
            for try await prediction in input.predictions(with: model) { seen.append(prediction.input) }
            Issue.record("the stream should fail")
        } catch let error as MLPredictError {
            #expect(error.code == .predictFailed)
            #expect(error.message.hasPrefix("model 'sleepy': predict_batch raised ValueError: cannot predict 'raise' (in predict for input row"))
        }
        #expect([[], [["a"]], [["a"], ["b"]]].contains(seen), "the stream fails at once, dropping what was not consumed")
    }

    @Test func cancellingTheConsumerStopsFeedingPython() async throws {
        let model = try AsyncPredictTests.model("SleepingPredictFunction", seconds: 0.01)
        defer { try? model.close() }
        let threads = PythonThreads(count: 1)
        let options = try PredictionOptions(["batch-size": "2", "max-concurrent-operations": "4"])
        let consumer = Task {
            var consumed = 0
            for try await _ in EndlessRows().predictions(with: model, options: options, threads: threads) {
                consumed += 1
                if consumed == 20 { withUnsafeCurrentTask { $0?.cancel() } }
            }
            return consumed
        }
        do {
            _ = try await consumer.value
            Issue.record("the cancelled stream should throw")
        } catch let error as MLPredictError {
            #expect(error.code == .cancelled)
        }
        // Jobs run in order on `threads`: once this probe runs, every batch started before it has run.
        let first = try await model.predict(["probe"], on: threads)
        try await Task.sleep(for: .milliseconds(300))
        let second = try await model.predict(["probe"], on: threads)
        guard case .bigInt(let calls)? = first.first?[1] else { throw MLPredictError(.invalidOutput, "no call count") }
        #expect(second == [["probe", .bigInt(calls + 1)]], "Python saw no calls between the two probes")
    }
}
