import CoreMetrics
import Synchronization

/// One model's swift-metrics, made once when it loads from the factory in effect then (the app's
/// `MetricsSystem.bootstrap`, or a task-local `withMetricsFactory`). Every metric has the dimension
/// `model`; README.md lists them.
final class ModelMetrics: Sendable {
    /// The methods a call can be: the `method` dimension of calls and latency.
    enum Method: Int, CaseIterable, Sendable {
        case predict, predictBatch, predictColumns

        var name: String { ["predict", "predict_batch", "predict_columns"][rawValue] }
    }

    private let model: String
    private let factory: any MetricsFactory
    private let calls: [Counter]
    private let latency: [CoreMetrics.Timer]
    private let rowsIn: Counter
    private let rowsOut: Counter
    private let inFlight: Meter
    let retries: Counter
    let ignoredRows: Counter
    /// Counters of failed attempts by error code (`kind`), made on a code's first failure.
    private let errors = Mutex<[MLPredictError.Code: Counter]>([:])

    /// The metrics of `model`, or nil when no metrics backend is in effect (so calls pay nothing).
    static func make(model: String) -> ModelMetrics? {
        let factory = MetricsSystem.factory
        return factory is NOOPMetricsHandler ? nil : ModelMetrics(model: model, factory: factory)
    }

    private init(model: String, factory: any MetricsFactory) {
        self.model = model
        self.factory = factory
        let dimensions = [("model", model)]
        calls = Method.allCases.map {
            Counter(label: "mlpredict_calls_total", dimensions: dimensions + [("method", $0.name)], factory: factory)
        }
        latency = Method.allCases.map {
            CoreMetrics.Timer(
                label: "mlpredict_call_duration_seconds", dimensions: dimensions + [("method", $0.name)], factory: factory)
        }
        rowsIn = Counter(label: "mlpredict_rows_in_total", dimensions: dimensions, factory: factory)
        rowsOut = Counter(label: "mlpredict_rows_out_total", dimensions: dimensions, factory: factory)
        inFlight = Meter(label: "mlpredict_calls_in_flight", dimensions: dimensions, factory: factory)
        retries = Counter(label: "mlpredict_retries_total", dimensions: dimensions, factory: factory)
        ignoredRows = Counter(label: "mlpredict_ignored_rows_total", dimensions: dimensions, factory: factory)
    }

    /// A call of `method` with `rows` input rows begins; it must end with ``finished(_:outputRows:since:)``.
    func started(_ method: Method, rows: Int) {
        calls[method.rawValue].increment()
        rowsIn.increment(by: Int64(rows))
        inFlight.increment()
    }

    /// The call begun at `start` returned `outputRows` rows (nil: it failed).
    func finished(_ method: Method, outputRows: Int?, since start: ContinuousClock.Instant) {
        inFlight.decrement()
        latency[method.rawValue].recordNanoseconds((ContinuousClock.now - start).nanoseconds)
        if let outputRows { rowsOut.increment(by: Int64(outputRows)) }
    }

    /// An attempt failed (or a call was refused) with `error`.
    func failed(_ error: MLPredictError) {
        let counter = errors.withLock { counters in
            if let counter = counters[error.code] { return counter }
            let counter = Counter(
                label: "mlpredict_errors_total", dimensions: [("model", model), ("kind", error.code.description)],
                factory: factory)
            counters[error.code] = counter
            return counter
        }
        counter.increment()
    }
}
