import Synchronization

/// A prediction handed to another thread: the awaiting task gets its result, or gives up early
/// (cancellation), while the work itself always runs to its end, which is reported once.
///
/// The two ends are separate so that a model counts a call in flight until Python is done with
/// it, even when nobody waits for its result any more.
final class PendingPrediction<Success: Sendable>: Sendable {
    typealias Outcome = Result<Success, MLPredictError>

    private struct State {
        var continuation: CheckedContinuation<Outcome, Never>?
        /// The outcome for a waiter that has not suspended yet.
        var early: Outcome?
        /// The waiter was resumed (or will be, with `early`).
        var isSettled = false
        var isFinished = false
    }

    private let state = Mutex(State())
    private let onFinish: @Sendable () -> Void

    /// `onFinish` runs once, when the work finishes (``finish(_:)``), whether or not anyone waits.
    init(onFinish: @escaping @Sendable () -> Void) {
        self.onFinish = onFinish
    }

    /// Whether the waiter gave up: work not yet begun should be skipped (and still finished).
    var isAbandoned: Bool { state.withLock { $0.isSettled } }

    /// Waits for ``finish(_:)`` or ``abandon(_:)``, whichever comes first.
    func wait() async -> Outcome {
        await withCheckedContinuation { continuation in
            let early = state.withLock { state -> Outcome? in
                if let early = state.early { return early }
                state.continuation = continuation
                return nil
            }
            if let early { continuation.resume(returning: early) }
        }
    }

    /// The work is done: the waiter gets `outcome` unless it gave up. Only the first call counts.
    func finish(_ outcome: Outcome) {
        let continuation = state.withLock { state -> CheckedContinuation<Outcome, Never>?? in
            guard !state.isFinished else { return nil }
            state.isFinished = true
            return settle(&state, outcome)
        }
        guard let continuation else { return }
        onFinish()
        continuation?.resume(returning: outcome)
    }

    /// The waiter stops waiting and gets `error`; the work's outcome, when it comes, is discarded.
    func abandon(_ error: MLPredictError) {
        state.withLock { settle(&$0, .failure(error)) }?.resume(returning: .failure(error))
    }

    /// Marks the waiter settled; its continuation if it already suspended, else keeps `outcome` for it.
    private func settle(_ state: inout State, _ outcome: Outcome) -> CheckedContinuation<Outcome, Never>? {
        guard !state.isSettled else { return nil }
        state.isSettled = true
        guard let continuation = state.continuation else {
            state.early = outcome
            return nil
        }
        state.continuation = nil
        return continuation
    }
}
