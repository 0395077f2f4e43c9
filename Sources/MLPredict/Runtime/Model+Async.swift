import Dispatch
public import MLPredictPython

extension Model {
    /// Predicts the output rows for one input row without blocking the calling task: the Python
    /// call runs on one of `threads` (which take the GIL), never on Swift's cooperative pool, and
    /// an `async def predict` runs on the process's asyncio loop, many at once. A model written in
    /// Swift (``PredictRuntimeProvider``) runs on a Dispatch global queue instead, without the GIL;
    /// a model in worker processes waits for its worker without any thread.
    ///
    /// - Throws: ``MLPredictError`` as ``predict(_:policy:)`` does, or with code
    ///   ``MLPredictError/Code/cancelled`` when the task is cancelled first. Cancellation is
    ///   cooperative: a call not yet begun is skipped; a call already running in Python runs to its
    ///   end and its result is discarded (``close()`` waits for it). Past the `'timeout'`, the wait
    ///   ends with ``MLPredictError/Code/timedOut`` even if Python is stuck in native code.
    public func predict(
        _ row: Row, on threads: PythonThreads = .shared, policy: ExecutionPolicy? = nil
    ) async throws(MLPredictError) -> [Row] {
        let policy = policy ?? self.policy
        return try await admitted(.predict, rows: 1) { () async throws(MLPredictError) in
            try await handled(policy) { () async throws(MLPredictError) in
                withErrorColumn(try await rows(.row(row), threads, policy, "predict"))
            }
        }
    }

    /// Predicts a batch with one `predict_batch` call, as ``predict(batch:policy:)`` does, without
    /// blocking the calling task, as ``predict(_:on:policy:)`` does.
    public func predict(
        batch rows: [Row], on threads: PythonThreads = .shared, policy: ExecutionPolicy? = nil
    ) async throws(MLPredictError) -> [[Row]] {
        let policy = policy ?? self.policy
        return try await admitted(.predictBatch, rows: rows.count) { () async throws(MLPredictError) in
            do throws(MLPredictError) {
                guard case .batches(let batches) = try await attempts(.batch(rows), threads, policy, "predict_batch") else {
                    preconditionFailure("a batch request yields batches")
                }
                return withErrorColumn(batches)
            } catch where policy.finalStrategy == .ignore && error.isIgnorable && rows.count > 1 {
                let single = policy.withoutRetries
                var outputs: [[Row]] = []
                for row in rows {
                    outputs.append(
                        (try? await handled(single) { () async throws(MLPredictError) in
                            withErrorColumn(try await self.rows(.row(row), threads, single, "predict"))
                        }) ?? [])
                }
                return outputs
            } catch where policy.finalStrategy == .ignore && error.isIgnorable {
                return [ignore(error)]
            }
        }
    }

    private func rows(
        _ input: PredictRequest.Input, _ threads: PythonThreads, _ policy: ExecutionPolicy, _ method: String
    ) async throws(MLPredictError) -> [Row] {
        guard case .rows(let rows) = try await attempts(input, threads, policy, method) else {
            preconditionFailure("a row request yields rows")
        }
        return rows
    }

    private func handled(
        _ policy: ExecutionPolicy, _ body: () async throws(MLPredictError) -> [Row]
    ) async throws(MLPredictError) -> [Row] {
        do {
            return try await body()
        } catch where policy.finalStrategy == .ignore && error.isIgnorable {
            return ignore(error)
        }
    }

    /// Runs `input` until it succeeds or `policy` allows no more attempts, as the blocking calls do.
    private func attempts(
        _ input: PredictRequest.Input, _ threads: PythonThreads, _ policy: ExecutionPolicy, _ method: String
    ) async throws(MLPredictError) -> PredictOutput {
        let deadline = policy.timeout.map { ContinuousClock.now + $0 }
        var attempts = 1
        while true {
            do {
                return try await attempt(PredictRequest(input, deadline: deadline, threads: threads), method, policy.timeout)
            } catch {
                let wait = try nextAttempt(after: error, attempts, policy, deadline, method)
                logger.debug("retrying \(method) after attempt \(attempts) failed: \(error.message)")
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw MLPredictError(.cancelled, "model '\(name)': \(method) was cancelled", model: name)
                }
                attempts += 1
            }
        }
    }

    /// One attempt: starts the request and waits for its outcome, for cancellation, or until
    /// half the timeout past the deadline (a call stuck in native code cannot be interrupted
    /// in-process; the call stays counted in flight until it returns).
    private func attempt(
        _ request: PredictRequest, _ method: String, _ timeout: Duration?
    ) async throws(MLPredictError) -> PredictOutput {
        let cancelled = MLPredictError(.cancelled, "model '\(name)': \(method) was cancelled", model: name)
        lifecycle.enterUnconditionally()
        let pending = PendingPrediction<PredictOutput>(onFinish: { [lifecycle] in lifecycle.leave() })
        let completion = PredictCompletion(isAbandoned: { pending.isAbandoned }, finish: { pending.finish($0) })
        function.start(request, completion)
        let watchdog = zip(request.deadline, timeout).map { deadline, timeout in
            Task { [name] in
                try await Task.sleep(until: deadline + timeout / 2, clock: .continuous)
                pending.abandon(
                    MLPredictError(
                        .timedOut,
                        "model '\(name)': \(method) did not return within the 'timeout' of \(timeout) and could not be "
                            + "interrupted (native code); it was given up and its instance stays busy until it returns",
                        model: name))
            }
        }
        defer { watchdog?.cancel() }
        return try await withTaskCancellationHandler {
            await pending.wait()
        } onCancel: {
            pending.abandon(cancelled)
        }.get()
    }
}

/// Both values, or nil.
private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
