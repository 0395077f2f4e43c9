public import MLPredictPython

extension Model {
    /// Predicts the output rows for one input row without blocking the calling task: the Python
    /// call runs on one of `threads` (which take the GIL), never on Swift's cooperative pool, and
    /// an `async def predict` runs on the process's asyncio loop, many at once.
    ///
    /// - Throws: ``MLPredictError`` as ``predict(_:)`` does, or with code
    ///   ``MLPredictError/Code/cancelled`` when the task is cancelled first. Cancellation is
    ///   cooperative: a call not yet begun is skipped; a call already running in Python runs to its
    ///   end and its result is discarded (``close()`` waits for it).
    public func predict(_ row: Row, on threads: PythonThreads = .shared) async throws(MLPredictError) -> [Row] {
        try await run("predict", on: threads) { [function] pending in
            if let python = function as? PythonFunction {
                python.start(row, pending)
            } else {
                pending.finish(Result { () throws(MLPredictError) in try self.predict(row) })
            }
        }
    }

    /// Predicts a batch with one `predict_batch` call, as ``predict(batch:)`` does, without blocking
    /// the calling task, as ``predict(_:on:)`` does.
    public func predict(batch rows: [Row], on threads: PythonThreads = .shared) async throws(MLPredictError) -> [[Row]] {
        try await run("predict_batch", on: threads) { [function] pending in
            if let python = function as? PythonFunction {
                python.start(batch: rows, pending)
            } else {
                pending.finish(Result { () throws(MLPredictError) in try self.predict(batch: rows) })
            }
        }
    }

    /// Admits a call, hands `start` to `threads`, and waits for its outcome or for cancellation;
    /// the call counts as in flight until `start`'s work finishes.
    private func run<Success: Sendable>(
        _ what: String, on threads: PythonThreads, _ start: @escaping @Sendable (PendingPrediction<Success>) -> Void
    ) async throws(MLPredictError) -> Success {
        guard lifecycle.enter() else {
            throw MLPredictError(.modelClosed, "model '\(name)' is closed", model: name)
        }
        let cancelled = MLPredictError(.cancelled, "model '\(name)': \(what) was cancelled", model: name)
        let pending = PendingPrediction<Success>(onFinish: { [lifecycle] in lifecycle.leave() })
        threads.submit {
            if pending.isAbandoned {
                pending.finish(.failure(cancelled))
            } else {
                start(pending)
            }
        }
        return try await withTaskCancellationHandler {
            await pending.wait()
        } onCancel: {
            pending.abandon(cancelled)
        }.get()
    }
}
