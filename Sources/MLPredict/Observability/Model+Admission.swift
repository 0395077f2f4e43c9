import Tracing

extension Model {
    /// Runs `body` as an admitted call of `method` on `rows` input rows: counted in flight (so
    /// closing waits for it), refused once the model is closing, and observed (metrics, a span)
    /// when a backend was in effect when the model loaded.
    ///
    /// Inlined into each call site with `body` called in one place, so an unobserved call costs
    /// what admission alone did (BENCHMARKS.md, "Observability"); observing happens out of line.
    @inline(__always)
    func admitted<Success: PredictionResult>(
        _ method: ModelMetrics.Method, rows: Int, _ body: () throws(MLPredictError) -> Success
    ) throws(MLPredictError) -> Success {
        guard lifecycle.enter() else { throw refused() }
        defer { lifecycle.leave() }
        let call = counters.isObserved ? ObservedCall(self, method, rows: rows) : nil
        do {
            let result = try body()
            call?.succeeded(result)
            return result
        } catch {
            call?.failed(error)
            throw error
        }
    }

    /// ``admitted(_:rows:_:)`` for the async API.
    @inline(__always)
    func admitted<Success: PredictionResult>(
        _ method: ModelMetrics.Method, rows: Int, _ body: () async throws(MLPredictError) -> Success
    ) async throws(MLPredictError) -> Success {
        guard lifecycle.enter() else { throw refused() }
        defer { lifecycle.leave() }
        let call = counters.isObserved ? ObservedCall(self, method, rows: rows) : nil
        do {
            let result = try await body()
            call?.succeeded(result)
            return result
        } catch {
            call?.failed(error)
            throw error
        }
    }

    private func refused() -> MLPredictError {
        let error = closedError
        counters.failed(error)
        return error
    }
}

/// One observed call (a class: an unobserved call handles only a nil reference): its metrics from
/// start to end, and its span (`mlpredict.predict`,
/// `mlpredict.predict_batch`, `mlpredict.predict_columns`) with the model, the method, the rows in
/// and out, and a failure's error and kind.
private final class ObservedCall {
    let metrics: ModelMetrics?
    let span: (any Span)?
    let method: ModelMetrics.Method
    let start = ContinuousClock.now

    @inline(never)
    init(_ model: Model, _ method: ModelMetrics.Method, rows: Int) {
        self.method = method
        metrics = model.counters.metrics
        metrics?.started(method, rows: rows)
        span = model.counters.tracer?.startSpan("mlpredict.\(method.name)", ofKind: .internal)
        span?.updateAttributes { attributes in
            attributes["mlpredict.model"] = model.name
            attributes["mlpredict.method"] = method.name
            attributes["mlpredict.rows_in"] = rows
        }
    }

    @inline(never)
    func succeeded<Success: PredictionResult>(_ result: Success) {
        let rows = result.outputRowCount
        metrics?.finished(method, outputRows: rows, since: start)
        if let span {
            span.attributes["mlpredict.rows_out"] = rows
            span.end()
        }
    }

    @inline(never)
    func failed(_ error: MLPredictError) {
        metrics?.finished(method, outputRows: nil, since: start)
        if let span {
            span.attributes["mlpredict.error.kind"] = error.code.description
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error, message: error.message))
            span.end()
        }
    }
}

/// What a prediction call returns, counted in output rows by its metrics and span.
protocol PredictionResult {
    var outputRowCount: Int { get }
}

extension Row: PredictionResult {
    var outputRowCount: Int { 1 }
}

extension Array: PredictionResult where Element: PredictionResult {
    var outputRowCount: Int { reduce(0) { $0 + $1.outputRowCount } }
}

extension ColumnBatch: PredictionResult {
    var outputRowCount: Int { rowCount }
}
