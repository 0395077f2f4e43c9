import Dispatch
public import MLPredictPython

extension Model {
    /// Predicts the output rows for one input row without blocking the calling task: the Python
    /// call runs on one of `threads` (which take the GIL), never on Swift's cooperative pool, and
    /// an `async def predict` runs on the process's asyncio loop, many at once. A model written in
    /// Swift (``PredictRuntimeProvider``) runs on a Dispatch global queue instead, without the GIL.
    ///
    /// - Throws: ``MLPredictError`` as ``predict(_:)`` does, or with code
    ///   ``MLPredictError/Code/cancelled`` when the task is cancelled first. Cancellation is
    ///   cooperative: a call not yet begun is skipped; a call already running in Python runs to its
    ///   end and its result is discarded (``close()`` waits for it).
    public func predict(_ row: Row, on threads: PythonThreads = .shared) async throws(MLPredictError) -> [Row] {
        guard let python = function as? PythonFunction else {
            return try await runOffPython("predict") { function in try function.predict(row) }
        }
        return try await run("predict", on: threads.submit) { pending in python.start(row, pending) }
    }

    /// Predicts a batch with one `predict_batch` call, as ``predict(batch:)`` does, without blocking
    /// the calling task, as ``predict(_:on:)`` does.
    public func predict(batch rows: [Row], on threads: PythonThreads = .shared) async throws(MLPredictError) -> [[Row]] {
        guard let python = function as? PythonFunction else {
            return try await runOffPython("predict_batch") { function in try function.predict(batch: rows) }
        }
        return try await run("predict_batch", on: threads.submit) { pending in python.start(batch: rows, pending) }
    }

    /// Runs a Swift model's call on a Dispatch global queue: off the cooperative pool, and without
    /// the GIL that ``PythonThreads`` jobs hold, so the model may wait for Python work elsewhere.
    private func runOffPython<Success: Sendable>(
        _ what: String, _ call: @escaping @Sendable (any PredictFunction) throws -> Success
    ) async throws(MLPredictError) -> Success {
        try await run(what, on: { DispatchQueue.global().async(execute: $0) }) { [function, name] pending in
            pending.finish(Result { () throws(MLPredictError) in
                do {
                    return try call(function)
                } catch {
                    throw MLPredictError.wrapping(error, .predictFailed, "model '\(name)': \(what) failed", model: name)
                }
            })
        }
    }

    /// Admits a call, hands `start` to `submit`, and waits for its outcome or for cancellation;
    /// the call counts as in flight until `start`'s work finishes.
    private func run<Success: Sendable>(
        _ what: String, on submit: (@escaping @Sendable () -> Void) -> Void,
        _ start: @escaping @Sendable (PendingPrediction<Success>) -> Void
    ) async throws(MLPredictError) -> Success {
        guard lifecycle.enter() else {
            throw MLPredictError(.modelClosed, "model '\(name)' is closed", model: name)
        }
        let cancelled = MLPredictError(.cancelled, "model '\(name)': \(what) was cancelled", model: name)
        let pending = PendingPrediction<Success>(onFinish: { [lifecycle] in lifecycle.leave() })
        submit {
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
