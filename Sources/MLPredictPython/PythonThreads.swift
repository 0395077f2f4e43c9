import Foundation
import Synchronization

/// Dedicated OS threads for Python work, fed by a queue: async Swift code hands its Python calls
/// to them so that waiting for the GIL or for Python never occupies Swift's cooperative pool.
///
/// One thread (``shared``) is usually enough: the GIL runs one Python call at a time anyway. More
/// threads help only when Python releases the GIL (I/O, `time.sleep`, native code that releases it).
/// Jobs take the GIL themselves (``Interpreter/withGIL(_:)``) and must not wait on Swift tasks.
public final class PythonThreads: Sendable {
    /// The process's default: one thread, started on first use.
    public static let shared = PythonThreads(count: 1)

    /// The number of threads.
    public let count: Int
    private let queue = JobQueue()

    /// Starts `count` threads (at least 1), named `mlpredict-python-<n>`; they stop once this
    /// object is released and the jobs already submitted have run.
    public init(count: Int) {
        self.count = max(1, count)
        for index in 0..<self.count {
            let thread = Thread { [queue] in
                while let job = queue.take() { job() }
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
        var jobs: [(@Sendable () -> Void)?] = []
        var head = 0
    }
    private let state = Mutex(State())
    /// One permit per job, plus one per thread once closed.
    private let available = DispatchSemaphore(value: 0)

    func put(_ job: @escaping @Sendable () -> Void) {
        state.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// The next job, waiting for one; nil once closed and drained.
    func take() -> (@Sendable () -> Void)? {
        available.wait()
        return state.withLock { state in
            guard state.head < state.jobs.count else {
                available.signal()  // wake the next thread so it stops too
                return nil
            }
            let job = state.jobs[state.head]
            state.jobs[state.head] = nil
            state.head += 1
            if state.head == state.jobs.count {
                state.jobs.removeAll(keepingCapacity: true)
                state.head = 0
            }
            return job
        }
    }

    /// Wakes the threads to stop once the queue is empty.
    func close() {
        available.signal()
    }
}
