import Dispatch
import Synchronization

/// Counts a model's predictions in flight so that closing waits for them, and admits none after.
final class ModelLifecycle: Sendable {
    /// Twice the number of calls in flight, plus 1 once closing has begun.
    private let state = Atomic<Int>(0)
    private let drained = DispatchSemaphore(value: 0)

    /// Admits a call; `false` once the model is closing or closed.
    func enter() -> Bool {
        var current = state.load(ordering: .relaxed)
        while current & 1 == 0 {
            let (exchanged, original) = state.compareExchange(
                expected: current, desired: current + 2, ordering: .acquiring)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Ends an admitted call; the last call to end after closing began wakes the closer.
    func leave() {
        if state.subtract(2, ordering: .acquiringAndReleasing).newValue == 1 { drained.signal() }
    }

    /// Begins closing and waits until no call is in flight. `true` for the one call that closed.
    func closeAndWait() -> Bool {
        let previous = state.bitwiseOr(1, ordering: .acquiringAndReleasing).oldValue
        if previous & 1 != 0 { return false }
        if previous != 0 { drained.wait() }
        return true
    }
}
