import Foundation
import Synchronization

/// Dedicated OS threads for Python work, fed by a queue: async Swift code hands its Python calls
/// to them so that waiting for the GIL or for Python never occupies Swift's cooperative pool.
///
/// One thread (``shared``) is usually enough: the GIL runs one Python call at a time anyway. More
/// threads help only when Python releases the GIL (I/O, `time.sleep`, native code that releases it).
/// A thread takes the GIL once for all the jobs queued when it wakes (once the interpreter has
/// started), so a burst of jobs costs one GIL hand-off; jobs must not wait on Swift tasks or locks
/// held by code that waits for the GIL.
public final class PythonThreads: Sendable {
    /// The process's default: one thread, started on first use.
    public static let shared = PythonThreads(count: 1)

    /// The number of threads.
    public let count: Int
    private let queue: JobQueue

    /// Starts `count` threads (at least 1), named `mlpredict-python-<n>`; they stop once this
    /// object is released and the jobs already submitted have run.
    public init(count: Int) {
        self.count = max(1, count)
        queue = JobQueue(threads: self.count)
        for index in 0..<self.count {
            let thread = Thread { [queue] in
                while let jobs = queue.take() {
                    guard Interpreter.isStarted else {
                        jobs.forEach { $0() }
                        continue
                    }
                    Interpreter.withGIL { _ in jobs.forEach { $0() } }
                }
            }
            thread.name = "mlpredict-python-\(index)"
            thread.start()
        }
    }

    deinit {
        queue.close()
    }

    /// Runs `job` on one of the threads, after the jobs submitted before it.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        queue.put(job)
    }
}

/// A first-in first-out queue of jobs that threads wait on.
private final class JobQueue: Sendable {
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var isClosed = false
    }
    private let state = Mutex(State())
    /// One permit per job put, plus one once closed; a thread that finds no job waits again.
    private let available = DispatchSemaphore(value: 0)
    private let threads: Int

    init(threads: Int) {
        self.threads = threads
    }

    func put(_ job: @escaping @Sendable () -> Void) {
        state.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// The next jobs in order, waiting for one: all that are queued for a single thread, a
    /// thread's share otherwise. Nil once closed and drained.
    func take() -> [@Sendable () -> Void]? {
        while true {
            available.wait()
            let (jobs, isClosed) = state.withLock { state in
                let share = state.jobs.prefix(max(1, state.jobs.count / threads))
                state.jobs.removeFirst(share.count)
                return (Array(share), state.isClosed)
            }
            if !jobs.isEmpty { return jobs }
            if isClosed {
                available.signal()  // wake the next thread so it stops too
                return nil
            }
        }
    }

    /// Lets the threads stop once the queue is empty.
    func close() {
        state.withLock { $0.isClosed = true }
        available.signal()
    }
}
