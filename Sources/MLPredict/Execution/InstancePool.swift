import Dispatch
import Synchronization

/// Hands out a model's instances one caller at a time: FLIP-552's contract, like Flink's operator,
/// calls one `PredictFunction` instance from one thread at a time. Each call takes a free instance
/// and gives it back; with none free, the caller waits its turn (first come, first served).
///
/// Waiting never holds the GIL or a lock that a GIL holder could want: a blocking caller waits
/// before it takes the GIL, and an async caller is called back (``acquire(_:)``) only once an
/// instance is its own, so no thread ever holds an instance while waiting for one.
final class InstancePool: Sendable {
    private struct State {
        var free: [Int]
        var waiters: [@Sendable (Int) -> Void] = []
        var firstWaiter = 0
    }

    /// The number of instances.
    let count: Int
    private let state: Mutex<State>

    init(count: Int) {
        self.count = count
        state = Mutex(State(free: Array((0..<count).reversed())))
    }

    /// Calls `ready` with a free instance: at once on this thread if one is free, else on the
    /// thread that releases one. `ready` must end with ``release(_:)``, at once or later.
    func acquire(_ ready: @escaping @Sendable (Int) -> Void) {
        let index = state.withLock { state -> Int? in
            if let index = state.free.popLast() { return index }
            state.waiters.append(ready)
            return nil
        }
        if let index { ready(index) }
    }

    /// Waits on this thread for a free instance until `deadline` (nil: as long as it takes).
    /// Nil if the deadline passed first. Must not be called holding the GIL.
    func acquire(until deadline: ContinuousClock.Instant?) -> Int? {
        if let index = state.withLock({ $0.free.popLast() }) { return index }
        let handoff = Handoff()
        acquire { index in
            if !handoff.deliver(index) { self.release(index) }  // the waiter gave up: pass it on
        }
        return handoff.wait(until: deadline)
    }

    /// Gives an instance back: to the longest waiting caller, or to the free list.
    func release(_ index: Int) {
        let next = state.withLock { state -> (@Sendable (Int) -> Void)? in
            guard state.firstWaiter < state.waiters.count else {
                state.free.append(index)
                return nil
            }
            let waiter = state.waiters[state.firstWaiter]
            state.firstWaiter += 1
            if state.firstWaiter == state.waiters.count {
                state.waiters.removeAll(keepingCapacity: true)
                state.firstWaiter = 0
            }
            return waiter
        }
        next?(index)
    }
}

/// One instance passed from a releasing thread to a blocked waiter, unless the waiter gave up.
private final class Handoff: Sendable {
    private let index = Mutex<Int?>(nil)
    private let gaveUp = Mutex(false)
    private let delivered = DispatchSemaphore(value: 0)

    /// `false` if the waiter already gave up (the caller must release `instance` itself).
    func deliver(_ instance: Int) -> Bool {
        gaveUp.withLock { gaveUp in
            guard !gaveUp else { return false }
            index.withLock { $0 = instance }
            delivered.signal()
            return true
        }
    }

    func wait(until deadline: ContinuousClock.Instant?) -> Int? {
        guard let deadline else {
            delivered.wait()
            return index.withLock { $0 }
        }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let nanoseconds = max(0, remaining.components.seconds) * 1_000_000_000 + max(0, remaining.components.attoseconds / 1_000_000_000)
        if delivered.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .success {
            return index.withLock { $0 }
        }
        return gaveUp.withLock { gaveUp in
            // Delivered between the timeout and now: keep it.
            if let index = index.withLock({ $0 }) { return index }
            gaveUp = true
            return nil
        }
    }
}
