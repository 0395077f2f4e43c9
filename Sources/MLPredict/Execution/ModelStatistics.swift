import Synchronization

/// Counts of what a model's error strategy did, since it was loaded.
public struct ModelStatistics: Sendable, Hashable {
    /// Attempts made again under `RETRY`.
    public var retries: Int
    /// Rows that yielded no output (or only an error row) under `IGNORE`.
    public var ignoredRows: Int
}

/// The live counters behind ``ModelStatistics``.
final class ModelCounters: Sendable {
    private let retries = Atomic<Int>(0)
    private let ignoredRows = Atomic<Int>(0)

    func retried() { retries.add(1, ordering: .relaxed) }
    func ignored() { ignoredRows.add(1, ordering: .relaxed) }

    var snapshot: ModelStatistics {
        ModelStatistics(retries: retries.load(ordering: .relaxed), ignoredRows: ignoredRows.load(ordering: .relaxed))
    }
}
