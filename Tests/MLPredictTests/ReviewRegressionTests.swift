import Foundation
import Synchronization
import Testing

@testable import MLPredict

/// Defects found in review, each as its smallest case.
@Suite("review regressions")
struct ReviewRegressionTests {
    private func expressionModel(_ type: String) throws -> Model {
        try Fixtures.model(
            name: "expression", input: "expr STRING", output: "v \(type)", directory: "expression",
            pythonClass: "expression.ExpressionPredictFunction")
    }

    private func outputError(_ type: String, _ expression: String) throws -> MLPredictError? {
        let model = try expressionModel(type)
        defer { try? model.close() }
        let error = Fixtures.error { _ = try model.predict([.string(expression)]) }
        #expect(try model.predict([.string("None")]) == [[nil]])
        return error
    }

    /// A tuple whose `_fields` names more fields than it has values was read past its end.
    @Test func fieldNamesThatDoNotMatchTheValuesAreAnError() throws {
        let error = try #require(
            try outputError("ROW<a INT, b INT>", "type('T', (tuple,), {'_fields': ('x', 'a', 'b')})((1, 2))"))
        #expect(
            error.message
                == "model 'expression': output column 'v' (ROW<`a` INT, `b` INT>) of row 0: the value has fields "
                + "(x, a, b) but the ROW fields are (a INT, b INT)")
    }

    /// Python code run while a list is read (here a tzinfo's utcoffset) may shrink it.
    @Test func aListThatShrinksWhileItIsReadIsAnError() throws {
        let shrinking = """
            (lambda items: (items.append(datetime.datetime(2024, 1, 1, tzinfo=type('Z', (datetime.tzinfo,), \
            {'utcoffset': lambda self, dt: (items.clear(), datetime.timedelta(0))[1]})())), \
            items.append(datetime.datetime(2024, 1, 2)), items)[-1])([])
            """
        let error = try #require(try outputError("ARRAY<TIMESTAMP_LTZ(6)>", shrinking))
        #expect(error.code == .invalidOutput)
        #expect(error.message.contains("index 1 is out of range of the list of 0 items"))
    }

    /// The precision of a TIMESTAMP_LTZ applies to the instant, after the UTC offset.
    @Test func instantPrecisionIsCheckedAfterTheOffset() throws {
        let error = try #require(
            try outputError(
                "TIMESTAMP_LTZ(0)",
                "datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(microseconds=500000)))"))
        #expect(error.message.hasSuffix("the fraction .500000 has more digits than TIMESTAMP_LTZ(0) holds"))
    }

    /// Integer options beyond Flink's range were accepted and overflowed the read-ahead bound.
    @Test func streamOptionsAreBounded() {
        #expect(throws: MLPredictError.self) {
            _ = try PredictionOptions(["max-concurrent-operations": "9223372036854775807", "batch-size": "2"])
        }
        let unchecked = PredictionOptions(maxConcurrentOperations: .max, batchSize: 0)
        #expect(unchecked.rowsPerBatch == 1)
        #expect(unchecked.readAhead == .max)
    }

    /// After a sub-interpreter exists, PyGILState_Check answers 1 on every thread; taking the GIL
    /// must not rely on it, or concurrent predictions run Python without the GIL and crash.
    @Test func concurrentPredictionsAfterASubinterpreterIsCreated() throws {
        let model = try Fixtures.model(
            name: "subinterpreter", input: "id BIGINT, text STRING", output: "id BIGINT, text STRING",
            directory: "subinterpreter", pythonClass: "subinterpreter.SubinterpreterPredictFunction")
        defer { try? model.close() }
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for call in 0..<500 {
                let row: Row = [.bigInt(Int64(thread * 1000 + call)), .string("t\(call)")]
                if (try? model.predict(row)) != [row] { wrong.withLock { $0 += 1 } }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
    }
}
