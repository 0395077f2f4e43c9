import Foundation
import Synchronization

/// The one thread that spawns every worker. A worker asks the kernel to kill it when its parent
/// dies (`PR_SET_PDEATHSIG`), and Linux counts the parent *thread*: a worker spawned from a pool
/// thread that later exits would be killed with it. This thread lives as long as the process.
enum SpawnerThread {
    private static let jobs = Mutex<[@Sendable () -> Void]>([])
    private static let available = DispatchSemaphore(value: 0)
    private static let started: Bool = {
        let thread = Thread {
            while true {
                available.wait()
                let job = jobs.withLock { $0.removeFirst() }
                job()
            }
        }
        thread.name = "mlpredict-worker-spawner"
        thread.start()
        return true
    }()

    /// Runs `body` on the spawner thread and returns its result.
    static func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) -> Result {
        _ = started
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result?>(nil)
        jobs.withLock {
            $0.append {
                let value = body()
                result.withLock { $0 = value }
                done.signal()
            }
        }
        available.signal()
        done.wait()
        return result.withLock { $0 }!
    }
}
