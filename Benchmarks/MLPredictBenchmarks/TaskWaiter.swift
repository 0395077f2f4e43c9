import Dispatch
import Synchronization

/// Runs an async case from the synchronous benchmark loop: `body` runs as a task on Swift's
/// cooperative pool, as an app's would, while the calling thread (the main thread, not one of the
/// pool's, so blocking it starves no task) waits for its outcome. The process never calls
/// `dispatch_main`, as an async `main` would: Valgrind 3.19 crashes in its `sigsuspend`.
final class TaskWaiter<Success: Sendable>: Sendable {
    private let outcome = Mutex<Result<Success, any Error>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    private init() {}

    /// `body`'s result, or what it threw, once its task has finished.
    static func wait(for body: @escaping @Sendable () async throws -> Success) throws -> Success {
        let waiter = TaskWaiter()
        Task {
            let result: Result<Success, any Error>
            do {
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            waiter.outcome.withLock { $0 = result }
            waiter.finished.signal()
        }
        waiter.finished.wait()
        return try waiter.outcome.withLock { $0 }!.get()
    }
}
