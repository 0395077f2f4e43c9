import CoreMetrics
import Foundation
import MLPredict
import MetricsTestKit
import Testing

/// A model's swift-metrics, read from MetricsTestKit's backend bound (task-locally) while the
/// model loads: calls, rows, errors by kind, retries, ignored rows, calls in flight, latency.
@Suite("Model metrics through swift-metrics")
struct ModelMetricsTests {
    static func observed(_ name: String, _ metrics: TestMetrics, _ options: [String: String]) throws -> Model {
        let extra = options.sorted { $0.key < $1.key }.map { ", '\($0.key)' = '\($0.value)'" }.joined()
        return try withMetricsFactory(metrics) {
            try ModelRegistry.default.createModel(
                fromDDL: """
                    CREATE MODEL \(name) INPUT (text STRING) OUTPUT (text STRING)
                    WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("observed"))',
                          'python-predict-class' = 'observed.ObservedPredictFunction'\(extra))
                    """)
        }
    }

    static func total(_ metrics: TestMetrics, _ label: String, _ model: String, _ more: [(String, String)] = []) -> Int64 {
        metrics.counterTotal(label: label, dimensions: [("model", model)] + more)
    }

    @Test(arguments: [[:], ["execution-mode": "process"]])
    func aFailingModelUnderIgnore(options: [String: String]) throws {
        let metrics = TestMetrics()
        let model = try Self.observed("metered", metrics, options.merging(["error-handling-strategy": "IGNORE"]) { $1 })
        #expect(try model.predict(["a"]) == [["a"]])
        #expect(try model.predict(["raise"]) == [])
        #expect(try model.predict(["twice"]) == [["twice"], ["twice"]])
        #expect(try model.predict(batch: [["b"], ["raise"], ["c"]]) == [[["b"]], [], [["c"]]])
        _ = try model.predictColumns(ColumnBatch([.values([.string("x"), .string("y")])]))
        try model.close()
        #expect(throws: MLPredictError.self) { _ = try model.predict(["after close"]) }

        let calls = { (method: String) in Self.total(metrics, "mlpredict_calls_total", "metered", [("method", method)]) }
        #expect([calls("predict"), calls("predict_batch"), calls("predict_columns")] == [3, 1, 1])
        #expect(Self.total(metrics, "mlpredict_rows_in_total", "metered") == 3 + 3 + 2)
        #expect(Self.total(metrics, "mlpredict_rows_out_total", "metered") == 1 + 0 + 2 + 2 + 2)
        // The row, the batch, and the row again when the batch is predicted row by row; the refusal.
        #expect(Self.total(metrics, "mlpredict_errors_total", "metered", [("kind", "predictFailed")]) == 3)
        #expect(Self.total(metrics, "mlpredict_errors_total", "metered", [("kind", "modelClosed")]) == 1)
        #expect(Self.total(metrics, "mlpredict_ignored_rows_total", "metered") == 2)
        #expect(Self.total(metrics, "mlpredict_retries_total", "metered") == 0)
        #expect(model.statistics.ignoredRows == 2 && model.statistics.retries == 0)

        let inFlight = try metrics.expectMeter("mlpredict_calls_in_flight", [("model", "metered")])
        #expect(inFlight.values.max() == 1 && inFlight.lastValue == 0)
        let latency = try metrics.expectTimer("mlpredict_call_duration_seconds", [("model", "metered"), ("method", "predict")])
        #expect(latency.values.count == 3 && latency.values.allSatisfy { $0 > 0 })
    }

    @Test func aRetriedModel() async throws {
        let metrics = TestMetrics()
        let model = try Self.observed(
            "retried", metrics,
            ["error-handling-strategy": "RETRY", "retry-num": "3", "retry-backoff-base-interval": "10 ms"])
        defer { try? model.close() }
        #expect(try await model.predict(["flaky 2"]) == [["flaky 2"]])
        let error = await #expect(throws: MLPredictError.self) { _ = try await model.predict(["flaky 5"]) }
        #expect(error?.code == .predictFailed)
        #expect(Self.total(metrics, "mlpredict_calls_total", "retried", [("method", "predict")]) == 2)
        #expect(Self.total(metrics, "mlpredict_retries_total", "retried") == 2 + 2)
        #expect(Self.total(metrics, "mlpredict_errors_total", "retried", [("kind", "predictFailed")]) == 2 + 3)
        #expect(Self.total(metrics, "mlpredict_rows_out_total", "retried") == 1)
        #expect(model.statistics.retries == 4)
    }

    @Test func callsInFlightAreCounted() async throws {
        let metrics = TestMetrics()
        let model = try Self.observed("in_flight", metrics, ["execution-mode": "process", "workers": "2"])
        defer { try? model.close() }
        async let first = model.predict(["one"])
        async let second = model.predict(["two"])
        #expect(try await [first, second] == [[["one"]], [["two"]]])
        let inFlight = try metrics.expectMeter("mlpredict_calls_in_flight", [("model", "in_flight")])
        #expect(inFlight.values.count == 4 && inFlight.lastValue == 0)
    }

    @Test func noBackendNoMetrics() throws {
        let metrics = TestMetrics()
        let model = try Fixtures.model(
            name: "unmetered", input: "text STRING", output: "text STRING", directory: "observed",
            pythonClass: "observed.ObservedPredictFunction")
        defer { try? model.close() }
        try withMetricsFactory(metrics) { _ = try model.predict(["a"]) }
        #expect(metrics.counters.isEmpty && metrics.timers.isEmpty, "metrics are made when the model loads, not per call")
    }
}
