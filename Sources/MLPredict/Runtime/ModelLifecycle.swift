import Dispatch
import Synchronization

/// Counts a model's predictions in flight so that closing waits for them, and admits none after.
final class ModelLifecycle: Sendable {
    /// Twice the number of calls in flight, plus 1 once closing has begun.
    private let state = Atomic<Int>(0)
    private let drained = DispatchSemaphore(value: 0)
    /// Whether the closing call has finished (the model's `close()` ran), and who waits for it.
    private let closed = Mutex<(done: Bool, waiters: [DispatchSemaphore])>((false, []))

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

    /// Counts one more call in flight within an admitted call (one attempt of it), which
    /// ``leave()`` ends separately: the attempt may outlive the admitted call that gave it up.
    func enterUnconditionally() {
        state.add(2, ordering: .acquiring)
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

    /// The closing call has finished: wakes every other closer.
    func markClosed() {
        let waiters = closed.withLock { state in
            state.done = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.signal() }
    }

    /// Waits until the closing call has finished (``markClosed()``).
    func waitUntilClosed() {
        let semaphore = DispatchSemaphore(value: 0)
        let done = closed.withLock { state in
            if !state.done { state.waiters.append(semaphore) }
            return state.done
        }
        if !done { semaphore.wait() }
    }
}
