import Foundation
internal import CPythonShim

/// Interrupts Python code that runs past a deadline: a `TimeoutError` is raised inside it, in its
/// thread, at its next bytecode (`PyThreadState_SetAsyncExc`), so an endless pure-Python loop stops
/// and the thread and the model stay usable.
///
/// Native code cannot be interrupted this way: a C loop, a blocking call in an extension, a
/// `threading.Lock` acquired twice or `time.sleep` run on until they return to Python. Only a
/// separate process can be stopped whatever it runs.
///
/// One thread (`mlpredict-watchdog`, started on first use) sleeps until the earliest deadline.
/// Firing and ``unwatch(_:_:)`` both hold the GIL, so an exception is never raised into a thread
/// that has already stopped being watched.
public final class PythonWatchdog: Sendable {
    /// The process's watchdog.
    public static let shared = PythonWatchdog()

    /// A watched call, from ``watch(until:_:)``.
    public struct Token: Sendable {
        fileprivate let id: UInt64
    }

    private struct Entry {
        let thread: UInt
        let deadline: ContinuousClock.Instant
        var fired = false
    }

    private final class State: @unchecked Sendable {  // guarded by `condition`
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
        var isRunning = false
    }

    private let condition = NSCondition()
    private let state = State()

    private init() {}

    /// Starts watching the calling thread: past `deadline`, Python code it runs is interrupted.
    public func watch(until deadline: ContinuousClock.Instant, _ gil: borrowing GIL) -> Token {
        let thread = CPythonShim_ThreadIdent()
        condition.lock()
        defer { condition.unlock() }
        state.nextID += 1
        let id = state.nextID
        state.entries[id] = Entry(thread: thread, deadline: deadline)
        if !state.isRunning {
            state.isRunning = true
            let watcher = Thread { [self] in run() }
            watcher.name = "mlpredict-watchdog"
            watcher.start()
        }
        condition.signal()
        return Token(id: id)
    }

    /// Stops watching; `true` if the deadline passed and the call was interrupted (a
    /// `TimeoutError` not yet raised is withdrawn, so it cannot surface later in other code).
    public func unwatch(_ token: Token, _ gil: borrowing GIL) -> Bool {
        condition.lock()
        let entry = state.entries.removeValue(forKey: token.id)
        condition.unlock()
        guard let entry, entry.fired else { return false }
        CPythonShim_ClearAsyncException(entry.thread)
        return true
    }

    private func run() {
        while true {
            let expired = nextExpired()
            Interpreter.withGIL { _ in
                condition.lock()
                defer { condition.unlock() }
                for id in expired where state.entries[id]?.fired == false {
                    state.entries[id]!.fired = true
                    _ = CPythonShim_RaiseTimeoutInThread(state.entries[id]!.thread)
                }
            }
        }
    }

    /// Waits until some watched call is past its deadline; the ids of all such calls.
    private func nextExpired() -> [UInt64] {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let now = ContinuousClock.now
            let pending = state.entries.filter { !$0.value.fired }
            let expired = pending.filter { $0.value.deadline <= now }.map(\.key)
            if !expired.isEmpty { return expired }
            guard let earliest = pending.values.map(\.deadline).min() else {
                condition.wait()
                continue
            }
            let seconds = Double((earliest - now).components.attoseconds) / 1e18 + Double((earliest - now).components.seconds)
            _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
        }
    }
}
