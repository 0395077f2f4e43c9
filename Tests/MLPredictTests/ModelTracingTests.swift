import InMemoryTracing
import MLPredict
import Testing
import Tracing

/// A span per call, recorded by swift-distributed-tracing's in-memory tracer bound (task-locally)
/// while the model loads: the model, the method, the rows in and out, a failure's error.
@Suite("Model spans through swift-distributed-tracing", .serialized)
struct ModelTracingTests {
    /// Loads the observed fixture with `tracer` bound while it loads (off the cooperative pool).
    static func traced(_ name: String, _ tracer: InMemoryTracer) async throws -> Model {
        try await offPool {
            try withTracer(tracer) {
                try ModelRegistry.default.createModel(
                    fromDDL: """
                        CREATE MODEL \(name) INPUT (text STRING) OUTPUT (text STRING)
                        WITH ('provider' = 'generic-python', 'model-directory-path' = '\(Fixtures.directory("observed"))',
                              'python-predict-class' = 'observed.ObservedPredictFunction')
                        """)
            }
        }
    }

    @Test func aSpanPerCallWithItsOutcome() async throws {
        let tracer = InMemoryTracer()
        let model = try await Self.traced("traced", tracer)
        try await offPool {
            _ = try model.predict(["twice"])
            _ = try model.predict(batch: [["a"], ["b"]])
            #expect(throws: MLPredictError.self) { _ = try model.predict(["raise"]) }
            try model.close()
        }

        let spans = tracer.finishedSpans
        #expect(spans.map(\.operationName) == ["mlpredict.predict", "mlpredict.predict_batch", "mlpredict.predict"])
        let (row, batch, failed) = (spans[0], spans[1], spans[2])
        #expect(row.attributes.get("mlpredict.model") == "traced")
        #expect(row.attributes.get("mlpredict.method") == "predict")
        #expect(row.attributes.get("mlpredict.rows_in") == 1 && row.attributes.get("mlpredict.rows_out") == 2)
        #expect(batch.attributes.get("mlpredict.rows_in") == 2 && batch.attributes.get("mlpredict.rows_out") == 2)
        #expect(row.status == nil && row.errors.isEmpty)
        #expect(failed.status?.code == .error)
        #expect(failed.attributes.get("mlpredict.error.kind") == "predictFailed")
        #expect((failed.errors.first?.error as? MLPredictError)?.code == .predictFailed)
        #expect(failed.attributes.get("mlpredict.rows_out") == nil)
    }

    @Test func aCallsSpanIsAChildOfTheCallersSpan() async throws {
        let tracer = InMemoryTracer()
        let model = try await Self.traced("traced_child", tracer)
        try await withTracer(tracer) {
            try await tracer.withSpan("request") { _ in
                _ = try await model.predict(["a"])
            }
        }
        let spans = tracer.finishedSpans
        let request = try #require(spans.first { $0.operationName == "request" })
        let call = try #require(spans.first { $0.operationName == "mlpredict.predict" })
        #expect(call.parentSpanID == request.spanID && call.traceID == request.traceID)
        try await offPool { try model.close() }
    }
}
