import Foundation
import Logging
import MLPredictPython
import Synchronization

/// A user's `mlpredict.PredictFunction` subclass run in worker processes
/// (`'execution-mode' = 'process'`): each of `'workers'` children runs `python -m mlpredict.worker`
/// with the same `mlpredict` package, config JSON and lifecycle as in-process, under the Python
/// of `'python.executable'`, or of the model's own virtual environment (`'python.requirements'`,
/// made from that Python), with its `'python.files'` on `PYTHONPATH`.
///
/// Rows cross as pickles of the values the in-process converters make (docs/row-framing.md), so
/// type checks and messages are the same as in-process. A worker that crashes, exits, forks or
/// runs past `'timeout'` (then it is killed) fails only its calls in flight, with an error that
/// says what happened, and is replaced. Each call goes to the least busy worker; a worker answers
/// one call at a time, in order.
public final class WorkerPredictFunction: PredictFunction {
    /// The model's name, for error messages.
    public let modelName: String
    private let codec: WorkerCodec
    private let slots: [WorkerSlot]
    private let isClosed = Atomic<Bool>(false)
    /// Where the search for the least busy worker starts, turning: ties go round the workers.
    private let nextSlot = Atomic<Int>(0)

    /// Starts `options.workers` workers and opens the model in each.
    ///
    /// - Throws: ``MLPredictError`` as ``PythonFunction/init(loading:instances:)`` does, or with
    ///   code ``MLPredictError/Code/workerFailed`` when a worker cannot be started or dies while
    ///   opening. Workers already started are stopped again.
    public init(loading function: some PythonPredictFunction, options: WorkerOptions) throws(MLPredictError) {
        modelName = function.modelName
        codec = try WorkerCodec(function)
        var executable = try Self.executable(options, model: function.modelName)
        var searchPaths: [String] = []
        if !function.pythonDependencies.isEmpty {
            let environment = try ModelEnvironment.prepare(
                function.pythonDependencies, for: InterpreterIdentity.of(executable: executable, model: function.modelName),
                model: function.modelName)
            executable = environment.virtualEnvironment?.python ?? executable
            searchPaths = environment.searchPaths
        }
        let launch = WorkerLaunch(
            model: function.modelName, executable: executable,
            environment: Self.environment(options, searchPaths: searchPaths), codec: codec)
        slots = (0..<max(1, options.workers)).map { _ in WorkerSlot(launch) }
        let failures = Mutex<[MLPredictError]>([])
        DispatchQueue.concurrentPerform(iterations: slots.count) { index in
            do throws(MLPredictError) {
                try slots[index].start()
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        if let failure = failures.withLock({ $0.first }) {
            slots.forEach { $0.stop(grace: .seconds(5)) }
            throw failure
        }
    }

    deinit {
        try? close()
    }

    /// The pids of the live workers (a worker being replaced has none).
    public var workerPIDs: [Int32] { slots.compactMap(\.pid) }

    public func predict(_ row: Row) throws(MLPredictError) -> [Row] {
        try predict(row, deadline: nil)
    }

    public func predict(_ row: Row, deadline: ContinuousClock.Instant?) throws(MLPredictError) -> [Row] {
        let frame = try exchange(WorkerFrame.predict, codec.encode(row: row), deadline)
        return try codec.decodeRows(frame, method: "predict")
    }

    public func predict(batch rows: [Row]) throws(MLPredictError) -> [[Row]] {
        try predict(batch: rows, deadline: nil)
    }

    public func predict(batch rows: [Row], deadline: ContinuousClock.Instant?) throws(MLPredictError) -> [[Row]] {
        let frame = try exchange(WorkerFrame.predictBatch, codec.encode(batch: rows), deadline)
        return try codec.decodeBatch(frame, count: rows.count)
    }

    public func predictColumns(_ batch: ColumnBatch) throws(MLPredictError) -> ColumnBatch {
        try predictColumns(batch, deadline: nil)
    }

    public func predictColumns(_ batch: ColumnBatch, deadline: ContinuousClock.Instant?) throws(MLPredictError) -> ColumnBatch {
        let frame = try exchange(WorkerFrame.predictColumns, codec.encode(columns: batch), deadline)
        return try codec.decodeColumns(frame, rowCount: batch.rowCount)
    }

    /// Encodes and decodes on `request.threads` (they hold the GIL); waits for the worker on no thread.
    public func start(_ request: PredictRequest, _ completion: PredictCompletion) {
        request.threads.submit { [self] in
            guard !completion.isAbandoned else {
                return completion.finish(.failure(MLPredictError(.cancelled, "model '\(modelName)': the call was given up", model: modelName)))
            }
            let kind: UInt8
            let payload: [UInt8]
            do throws(MLPredictError) {
                switch request.input {
                case .row(let row): (kind, payload) = (WorkerFrame.predict, try codec.encode(row: row))
                case .batch(let rows): (kind, payload) = (WorkerFrame.predictBatch, try codec.encode(batch: rows))
                }
            } catch {
                return completion.finish(.failure(error))
            }
            send(kind, payload, request.deadline) { [self] answer in
                request.threads.submit {
                    completion.finish(Result { () throws(MLPredictError) in
                        let frame = try answer.get()
                        switch request.input {
                        case .row: return .rows(try self.codec.decodeRows(frame, method: "predict"))
                        case .batch(let rows): return .batches(try self.codec.decodeBatch(frame, count: rows.count))
                        }
                    })
                }
            }
        }
    }

    /// Stops every worker: each closes the model (Python `close()`) and exits; one that does not
    /// within 10 s is killed. Only the first call does anything.
    public func close() throws(MLPredictError) {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        DispatchQueue.concurrentPerform(iterations: slots.count) { slots[$0].stop(grace: .seconds(10)) }
    }

    /// Kills one worker, as a crash would (for tests and drills); it is replaced.
    public func killWorker(_ index: Int = 0) {
        slots[index % slots.count].kill(reason: "killWorker was called")
    }

    /// Sends a request to the least busy worker and waits for its answer.
    private func exchange(_ kind: UInt8, _ payload: [UInt8], _ deadline: ContinuousClock.Instant?) throws(MLPredictError)
        -> WorkerFrame
    {
        let answered = DispatchSemaphore(value: 0)
        let answer = Mutex<Result<WorkerFrame, MLPredictError>?>(nil)
        send(kind, payload, deadline) { result in
            answer.withLock { $0 = result }
            answered.signal()
        }
        // A worker answers a small request in tens of microseconds: yielding the processor a few
        // times first often finds the answer there, saving the wake-up of a blocked thread.
        for _ in 0..<64 where answer.withLock({ $0 == nil }) { sched_yield() }
        answered.wait()
        return try answer.withLock { $0 }!.get()
    }

    private func send(
        _ kind: UInt8, _ payload: [UInt8], _ deadline: ContinuousClock.Instant?, _ completion: @escaping WorkerProcess.Completion
    ) {
        let start = nextSlot.add(1, ordering: .relaxed).oldValue
        var chosen: (slot: WorkerSlot, inFlight: Int)?
        for offset in 0..<slots.count {
            let slot = slots[(start &+ offset) % slots.count]
            guard slot.broken == nil else { continue }
            let inFlight = slot.inFlight
            if chosen == nil || inFlight < chosen!.inFlight { chosen = (slot, inFlight) }
        }
        (chosen?.slot ?? slots[start % slots.count]).send(WorkerSlot.Request(kind: kind, payload: payload, deadline: deadline, completion: completion))
    }

    /// `'python.executable'`, or the embedded interpreter's virtual environment's Python.
    private static func executable(_ options: WorkerOptions, model: String) throws(MLPredictError) -> String {
        let candidates =
            options.pythonExecutable.map { [$0] }
            ?? [Interpreter.configuration?.virtualEnvironment, ProcessInfo.processInfo.environment["VIRTUAL_ENV"]]
            .compactMap { $0.map { "\($0)/bin/python" } } + ["/usr/bin/python3"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw MLPredictError(
                .invalidOption,
                "model '\(model)': option 'python.executable' must name an executable Python, but "
                    + candidates.map { "'\($0)'" }.joined(separator: ", ") + " is not one",
                model: model)
        }
        return found
    }

    /// The host's environment, with the `mlpredict` package first on `PYTHONPATH` and then the
    /// model's `'python.files'` (`searchPaths`), the host's pid, the memory limit and the level from
    /// which `logging` records reach the host, and the working directory (`'python.archives'`).
    private static func environment(_ options: WorkerOptions, searchPaths: [String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let inherited = environment["PYTHONPATH"].map { [$0] } ?? []
        let paths = ([PythonPackageLocation.sourceDirectory].compactMap { $0 } + searchPaths + inherited).filter { !$0.isEmpty }
        if !paths.isEmpty { environment["PYTHONPATH"] = paths.joined(separator: ":") }
        environment["MLPREDICT_WORKER_PARENT"] = String(getpid())
        environment["MLPREDICT_WORKER_MEMORY_LIMIT"] = options.memoryLimit.map(String.init)
        environment["MLPREDICT_WORKER_LOG_LEVEL"] = String(
            PythonLogRecord.pythonThreshold(for: Logger(label: PythonLogRecord.label).logLevel))
        environment["MLPREDICT_WORKER_DIRECTORY"] = options.workingDirectory
        environment["PYTHONUNBUFFERED"] = "1"
        return environment
    }
}
