import Synchronization
import Tracing

/// Counts of what a model's error strategy did, since it was loaded.
public struct ModelStatistics: Sendable, Hashable {
    /// Attempts made again under `RETRY`.
    public var retries: Int
    /// Rows that yielded no output (or only an error row) under `IGNORE`.
    public var ignoredRows: Int
}

/// The live counters behind ``ModelStatistics``, and the model's swift-metrics and tracer, each
/// nil when no backend was in effect when the model loaded. A value stored in the model, so a call
/// reads ``isObserved`` without retaining anything.
struct ModelCounters: Sendable {
    private final class Totals: Sendable {
        let retries = Atomic<Int>(0)
        let ignoredRows = Atomic<Int>(0)
    }

    private let totals = Totals()
    let metrics: ModelMetrics?
    let tracer: (any Tracer)?
    /// Whether calls are observed at all: read once per call, so unobserved calls pay one branch.
    let isObserved: Bool

    init(model: String) {
        metrics = ModelMetrics.make(model: model)
        let tracer = InstrumentationSystem.tracer
        self.tracer = tracer is NoOpTracer ? nil : tracer
        isObserved = metrics != nil || self.tracer != nil
    }

    func retried() {
        totals.retries.add(1, ordering: .relaxed)
        metrics?.retries.increment()
    }

    func ignored() {
        totals.ignoredRows.add(1, ordering: .relaxed)
        metrics?.ignoredRows.increment()
    }

    /// An attempt failed, or a call was refused, with `error`.
    func failed(_ error: MLPredictError) {
        metrics?.failed(error)
    }

    var snapshot: ModelStatistics {
        ModelStatistics(
            retries: totals.retries.load(ordering: .relaxed), ignoredRows: totals.ignoredRows.load(ordering: .relaxed))
    }
}
