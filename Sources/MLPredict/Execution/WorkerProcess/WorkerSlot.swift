import Foundation
import Synchronization

/// One of a model's workers, across its lifetimes: the live process, requests waiting while it is
/// replaced, and the replacing itself. A worker that dies is replaced at once, then after a backoff
/// that doubles (up to 5 s) while replacements keep dying before answering anything; a model
/// whose `open()` fails in three new workers in a row stops being replaced and fails its calls
/// with that error instead of looping.
final class WorkerSlot: Sendable {
    struct Request: Sendable {
        let kind: UInt8
        let payload: [UInt8]
        let deadline: ContinuousClock.Instant?
        let completion: WorkerProcess.Completion
    }

    private struct State {
        var process: WorkerProcess?
        var queued: [Request] = []
        var broken: MLPredictError?
        var inFlight = 0
        /// Replacements that died before answering a request, in a row.
        var quickDeaths = 0
        var answered = false
        var isStopping = false
    }

    private let launch: WorkerLaunch
    private let state = Mutex(State())

    init(_ launch: WorkerLaunch) {
        self.launch = launch
    }

    /// Requests sent and not yet answered, for choosing the least busy worker.
    var inFlight: Int { state.withLock { $0.inFlight } }
    /// The error that ended the slot, if its replacements keep failing to open.
    var broken: MLPredictError? { state.withLock { $0.broken } }
    /// The live worker's pid, if there is one.
    var pid: pid_t? { state.withLock { $0.process?.pid } }

    /// Starts the first worker and opens the model in it; throws if that fails.
    func start() throws(MLPredictError) {
        let process = try launch.open(onExit: { [weak self] process in self?.exited(process) })
        state.withLock { $0.process = process }
    }

    /// Sends a request to the live worker, or queues it until a replacement is ready.
    func send(_ request: Request) {
        let counted = Request(kind: request.kind, payload: request.payload, deadline: request.deadline) { [self] result in
            state.withLock { state in
                state.inFlight -= 1
                if case .success = result {
                    state.answered = true
                    state.quickDeaths = 0
                }
            }
            request.completion(result)
        }
        let target = state.withLock { state -> Result<WorkerProcess?, MLPredictError> in
            if let broken = state.broken { return .failure(broken) }
            state.inFlight += 1
            guard let process = state.process, process.isAlive else {
                // Dead or dying: the request waits for the replacement.
                state.queued.append(counted)
                return .success(nil)
            }
            return .success(process)
        }
        switch target {
        case .failure(let error): request.completion(.failure(error))
        case .success(let process?): process.send(counted.kind, counted.payload, deadline: counted.deadline, counted.completion)
        case .success(nil): break
        }
    }

    /// Stops the worker: it closes the model and exits (killed after `grace`); no replacement follows.
    func stop(grace: Duration) {
        let process = state.withLock { state -> WorkerProcess? in
            state.isStopping = true
            return state.process
        }
        process?.stop(grace: grace)
    }

    /// Kills the live worker (tests and timeouts); a replacement follows.
    func kill(reason: String) {
        state.withLock { $0.process }?.kill(reason: reason)
    }

    private func exited(_ process: WorkerProcess) {
        let delay = state.withLock { state -> Duration? in
            guard state.process === process else { return nil }
            state.process = nil
            guard !state.isStopping else { return nil }
            if !state.answered { state.quickDeaths += 1 }
            state.answered = false
            return state.quickDeaths == 0 ? .zero : .milliseconds(min(5_000, 50 << min(state.quickDeaths - 1, 10)))
        }
        guard let delay else { return }
        replace(after: delay, failures: 0)
    }

    private func replace(after delay: Duration, failures: Int) {
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: delay.nanoseconds))) { [self] in
            guard !state.withLock({ $0.isStopping }) else { return }
            do throws(MLPredictError) {
                let process = try launch.open(onExit: { [weak self] process in self?.exited(process) })
                let queued = state.withLock { state -> [Request] in
                    state.process = process
                    defer { state.queued = [] }
                    return state.queued
                }
                for request in queued {
                    process.send(request.kind, request.payload, deadline: request.deadline, request.completion)
                }
            } catch where error.code != .workerFailed && failures + 1 >= 3 {
                let queued = state.withLock { state -> [Request] in
                    state.broken = MLPredictError(
                        error.code, "\(error.message) (in 3 new worker processes in a row; the model is not restarted again)",
                        model: error.model, cause: error.cause)
                    defer { state.queued = [] }
                    return state.queued
                }
                queued.forEach { $0.completion(.failure(state.withLock { $0.broken! })) }
            } catch {
                replace(after: .milliseconds(min(5_000, 100 << min(failures, 10))), failures: failures + 1)
            }
        }
    }
}

/// How to start a model's worker and open the model in it.
struct WorkerLaunch: Sendable {
    let model: String
    let executable: String
    let environment: [String: String]
    let codec: WorkerCodec

    /// Spawns a worker, sends it `O`, and waits for `R` (or the error that opening raised).
    func open(onExit: @escaping @Sendable (WorkerProcess) -> Void) throws(MLPredictError) -> WorkerProcess {
        let process = try WorkerProcess(executable: executable, model: model, environment: environment, onExit: onExit)
        let answered = DispatchSemaphore(value: 0)
        let answer = Mutex<Result<WorkerFrame, MLPredictError>?>(nil)
        process.send(WorkerFrame.open, codec.openPayload, deadline: nil) { result in
            answer.withLock { $0 = result }
            answered.signal()
        }
        answered.wait()
        switch answer.withLock({ $0 })! {
        case .failure(let error):
            throw error
        case .success(let frame) where frame.kind == WorkerFrame.ready:
            return process
        case .success(let frame):
            process.stop(grace: .seconds(5))
            let (error, code) = codec.pythonError(frame)
            let kind: MLPredictError.Code =
                switch code {
                case "moduleNotFound": .moduleNotFound
                case "classNotFound": .classNotFound
                case "notAPredictFunction": .notAPredictFunction
                case "config": .openFailed
                case nil where error.traceback.contains("load_class"): .loadFailed
                default: .openFailed
                }
            let message =
                kind == .moduleNotFound || kind == .classNotFound || kind == .notAPredictFunction
                ? error.message : "model '\(model)': opening it in a worker process raised \(error.summary)"
            throw MLPredictError(kind, message, model: model, cause: error)
        }
    }
}
