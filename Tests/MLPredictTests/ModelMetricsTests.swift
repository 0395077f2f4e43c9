import CoreMetrics
import Foundation
import MLPredict
import MLPredictPython
import MetricsTestKit
import Testing

/// A model's swift-metrics, read from MetricsTestKit's backend bound (task-locally) while the
/// model loads: calls, rows, errors by kind, retries, ignored rows, calls in flight, latency.
@Suite("Model metrics through swift-metrics", .serialized)
struct ModelMetricsTests {
    /// Loads the observed fixture with `metrics` bound while it loads (off the cooperative pool).
    static func observed(_ name: String, _ metrics: TestMetrics, _ options: [String: String]) async throws -> Model {
        let extra = options.sorted { $0.key < $1.key }.map { ", '\($0.key)' = '\($0.value)'" }.joined()
        return try await offPool {
            try withMetricsFactory(metrics) {
                try ModelRegistry.default.createModel(
                    fromDDL: """
                        CREATE MODEL \(name) INPUT (text STRING) OUTPUT (text STRING)
                        WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("observed"))',
                              'python-predict-class' = 'observed.ObservedPredictFunction'\(extra))
                        """)
            }
        }
    }

    static func total(_ metrics: TestMetrics, _ label: String, _ model: String, _ more: [(String, String)] = []) -> Int64 {
        metrics.counterTotal(label: label, dimensions: [("model", model)] + more)
    }

    /// In-process: the counting is the policy layer's, the same for workers.
    @Test func aFailingModelUnderIgnore() async throws {
        let metrics = TestMetrics()
        let model = try await Self.observed("metered", metrics, ["error-handling-strategy": "IGNORE"])
        try await offPool {
            #expect(try model.predict(["a"]) == [["a"]])
            #expect(try model.predict(["raise"]) == [])
            #expect(try model.predict(["twice"]) == [["twice"], ["twice"]])
            #expect(try model.predict(batch: [["b"], ["raise"], ["c"]]) == [[["b"]], [], [["c"]]])
            _ = try model.predictColumns(ColumnBatch([.values([.string("x"), .string("y")])]))
            try model.close()
            #expect(throws: MLPredictError.self) { _ = try model.predict(["after close"]) }
        }

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
        let model = try await Self.observed(
            "retried", metrics,
            ["error-handling-strategy": "RETRY", "retry-num": "3", "retry-backoff-base-interval": "10 ms"])
        #expect(try await model.predict(["flaky 2"]) == [["flaky 2"]])
        let error = await #expect(throws: MLPredictError.self) { _ = try await model.predict(["flaky 5"]) }
        #expect(error?.code == .predictFailed)
        #expect(Self.total(metrics, "mlpredict_calls_total", "retried", [("method", "predict")]) == 2)
        #expect(Self.total(metrics, "mlpredict_retries_total", "retried") == 2 + 2)
        #expect(Self.total(metrics, "mlpredict_errors_total", "retried", [("kind", "predictFailed")]) == 2 + 3)
        #expect(Self.total(metrics, "mlpredict_rows_out_total", "retried") == 1)
        #expect(model.statistics.retries == 4)
        try await offPool { try model.close() }
    }

    @Test func callsInFlightAreCounted() async throws {
        let metrics = TestMetrics()
        let meeting = FileManager.default.temporaryDirectory.appendingPathComponent("meeting-\(UUID())")
        try FileManager.default.createDirectory(at: meeting, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: meeting) }
        let model = try await Self.observed("in_flight", metrics, ["instances": "2", "properties.meeting": meeting.path])
        let threads = PythonThreads(count: 2)
        // Each call waits in Python until the other is there too: both are in flight at once.
        async let first = model.predict(["meet"], on: threads)
        async let second = model.predict(["meet"], on: threads)
        #expect(try await [first, second] == [[["meet"]], [["meet"]]])
        let inFlight = try metrics.expectMeter("mlpredict_calls_in_flight", [("model", "in_flight")])
        #expect(inFlight.values == [1, 2, 1, 0])
        try await offPool { try model.close() }
    }

    @Test func noBackendNoMetrics() async throws {
        let metrics = TestMetrics()
        try await offPool {
            let model = try Fixtures.model(
                name: "unmetered", input: "text STRING", output: "text STRING", directory: "observed",
                pythonClass: "observed.ObservedPredictFunction")
            defer { try? model.close() }
            try withMetricsFactory(metrics) { _ = try model.predict(["a"]) }
        }
        #expect(metrics.counters.isEmpty && metrics.timers.isEmpty, "metrics are made when the model loads, not per call")
    }
}
