import Testing

@testable import MLPredict

@Suite("predict(batch:): one crossing for many rows, checked as per row")
struct BatchPredictTests {
    private static let perRow = Result { () throws -> Model in try model("PerRowPredictFunction") }

    private static func model(_ pythonClass: String, result: String = "list") throws -> Model {
        try Fixtures.model(
            name: "batch", input: "text STRING", output: "text STRING, score DOUBLE", directory: "batch",
            pythonClass: "batch.\(pythonClass)", properties: ["result": result])
    }

    @Test func defaultBatchEqualsPerRowPredictions() throws {
        let model = try Self.perRow.get()
        let rows: [Row] = [["abc"], ["none"], ["two"], [""]]
        let batch = try model.predict(batch: rows)
        #expect(batch == (try rows.map { try model.predict($0) }))
        #expect(batch == [[["abc", 3.0]], [], [["two", 1.0], ["two", 2.0]], [["", 0.0]]])
    }

    @Test func emptyBatchPredictsNothing() throws {
        #expect(try Self.perRow.get().predict(batch: []) == [])
    }

    @Test(arguments: ["list", "tuple"])
    func overriddenPredictBatchGetsTheWholeBatchInOneCall(result: String) throws {
        let model = try Self.model("VectorizedPredictFunction", result: result)
        defer { try? model.close() }
        let rows: [Row] = (0..<300).map { [.string("row \($0)")] }
        let batch = try model.predict(batch: rows)
        #expect(batch.count == 300)
        #expect(batch[299] == [["row 299", 300.0]])
    }

    @Test func inputErrorsNameTheRow() throws {
        let model = try Self.perRow.get()
        let wrongType = try #require(Fixtures.error { _ = try model.predict(batch: [["a"], [3]]) })
        #expect(wrongType.code == .invalidInput)
        #expect(wrongType.message.hasPrefix("model 'batch': input column 'text' (STRING) of input row 1: "))
        let wrongArity = try #require(Fixtures.error { _ = try model.predict(batch: [["a"], ["b"], []]) })
        #expect(wrongArity.code == .invalidInput)
        #expect(wrongArity.message == "model 'batch': input row 2 has 0 values but INPUT has 1 column (text STRING)")
        #expect(try model.predict(batch: [["ok"]]) == [[["ok", 2.0]]])
    }

    @Test(arguments: [
        ("bad_score", "output column 'score' (DOUBLE) of row 0 of predict_batch's result for input row 1: expected float or int but found str 'x'"),
        ("null_result", "predict_batch returned None for input row 1; it must return a list of rows (return [] for no result)"),
    ])
    func outputErrorsNameTheInputRow(text: String, message: String) throws {
        let model = try Self.perRow.get()
        let error = try #require(Fixtures.error { _ = try model.predict(batch: [["a"], [.string(text)]]) })
        #expect(error.code == .invalidOutput)
        #expect(error.message == "model 'batch': \(message)")
    }

    @Test func pythonExceptionsCarryTheTraceback() throws {
        let model = try Self.perRow.get()
        let error = try #require(Fixtures.error { _ = try model.predict(batch: [["a"], ["raise"]]) })
        #expect(error.code == .predictFailed)
        #expect(
            error.message
                == "model 'batch': predict_batch raised ValueError: cannot predict 'raise' "
                + "(in predict for input row 1 of the batch)")
        #expect(error.pythonError?.traceback.contains("in predict_batch") == true)
        #expect(try model.predict(batch: [["b"]]) == [[["b", 1.0]]])
    }

    @Test(arguments: [
        ("short", "predict_batch returned 1 results for 2 input rows; it must return a list with one list of rows per input row"),
        ("string", "predict_batch returned str 'oops' for 2 input rows; it must return a list with one list of rows per input row"),
        ("generator", "predict_batch returned generator"),
    ])
    func malformedBatchResultsAreRejected(result: String, message: String) throws {
        let model = try Self.model("VectorizedPredictFunction", result: result)
        defer { try? model.close() }
        let error = try #require(Fixtures.error { _ = try model.predict(batch: [["a"], ["b"]]) })
        #expect(error.code == .invalidOutput)
        #expect(error.message.hasPrefix("model 'batch': \(message)"))
    }

    @Test func closedModelRejectsBatches() throws {
        let model = try Self.model("PerRowPredictFunction")
        try model.close()
        #expect(Fixtures.error { _ = try model.predict(batch: [["a"]]) }?.code == .modelClosed)
    }

    @Test func batchesFromManyTasksAtOnce() async throws {
        let model = try Self.perRow.get()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let rows: [Row] = (0..<100).map { [.string(String(repeating: "x", count: ($0 + task) % 7))] }
                    let batch = try await model.predict(batch: rows)
                    #expect(batch.map { $0.first?[1] } == rows.map { row -> Value? in
                        guard case .string(let text) = row[0] else { return nil }
                        return .double(Double(text.count))
                    })
                }
            }
            try await group.waitForAll()
        }
    }
}
