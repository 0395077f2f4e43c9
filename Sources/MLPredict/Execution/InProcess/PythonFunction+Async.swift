import MLPredictPython

extension PythonFunction {
    /// Starts `request` without blocking the caller: once an instance is free (at once for
    /// `async def` models, which run many calls at once), the call runs on one of
    /// `request.threads`, and `completion` is finished when Python is done: before the job returns
    /// for a plain method, from the asyncio loop's thread for an `async def`, so no thread ever
    /// waits for a coroutine.
    public func start(_ request: PredictRequest, _ completion: PredictCompletion) {
        let coroutine: Bool
        switch request.input {
        case .row: coroutine = predictRunsCoroutines
        case .batch: coroutine = predictBatchRunsCoroutines
        }
        if coroutine {
            request.threads.submit { self.run(request, on: 0, coroutine: true, completion, release: {}) }
            return
        }
        pool.acquire { index in
            request.threads.submit {
                self.run(request, on: index, coroutine: false, completion, release: { self.pool.release(index) })
            }
        }
    }

    /// Runs `request` on instance `index` (on a ``PythonThreads`` thread, which holds the GIL).
    private func run(
        _ request: PredictRequest, on index: Int, coroutine: Bool, _ completion: PredictCompletion,
        release: @escaping @Sendable () -> Void
    ) {
        guard !completion.isAbandoned else {
            release()
            return completion.finish(.failure(MLPredictError(.cancelled, "model '\(modelName)': the call was given up", model: modelName)))
        }
        let instance = instances[index]
        switch request.input {
        case .row(let row):
            start(instance.predict, "predict", coroutine, request.deadline, completion, release: release) { gil throws(MLPredictError) in
                try encoder.encode(row, gil)
            } decode: { result, gil throws(MLPredictError) in
                .rows(try self.decoder.decode(result, .predict, gil))
            }
        case .batch(let rows):
            start(instance.predictBatch, "predict_batch", coroutine, request.deadline, completion, release: release) { gil throws(MLPredictError) in
                try encodeBatch(rows, gil)
            } decode: { result, gil throws(MLPredictError) in
                .batches(try self.decodeBatch(result, count: rows.count, gil))
            }
        }
    }

    /// A plain method is called at once, watched by the ``PythonWatchdog`` until `deadline`; an
    /// `async def` goes through `mlpredict._event_loop.start(method, argument, done)`, where
    /// `done` decodes the completed future's result and finishes `completion`. (The plain call
    /// skips the future, its condition and callback: objects enough per call to run Python's
    /// cyclic GC once per batch.)
    private func start(
        _ method: PythonObject, _ name: String, _ coroutine: Bool, _ deadline: ContinuousClock.Instant?,
        _ completion: PredictCompletion,
        release: @escaping @Sendable () -> Void,
        encode: (borrowing GIL) throws(MLPredictError) -> PythonReference,
        decode: @escaping @Sendable (borrowing PythonReference, borrowing GIL) throws(MLPredictError) -> PredictOutput
    ) {
        Interpreter.withGIL { gil in
            guard coroutine else {
                let outcome = Result { () throws(MLPredictError) in
                    try watched(name, until: deadline, gil) { gil throws(MLPredictError) in
                        try decode(call(method, name, encode(gil), gil), gil)
                    }
                }
                release()
                completion.finish(outcome)
                return
            }
            do throws(MLPredictError) {
                let argument = try encode(gil)
                do throws(PythonError) {
                    let done = try PythonReference(callback: { future, gil in
                        completion.finish(self.outcome(of: future, name, decode, gil))
                    }, gil)
                    var arguments = try PythonTupleBuilder(count: 3, gil)
                    arguments.append(method.reference(gil))
                    arguments.append(argument)
                    arguments.append(done)
                    _ = try runtime.start.reference(gil).call(arguments: arguments.build(), gil)
                } catch {
                    throw failure(.predictFailed, "\(name) raised", error)
                }
            } catch {
                completion.finish(.failure(error))  // ignored if `done` already ran
            }
            release()
        }
    }

    /// The decoded result of a completed `concurrent.futures.Future`, or the exception it holds.
    private func outcome<Success>(
        of future: borrowing PythonReference, _ name: String,
        _ decode: (borrowing PythonReference, borrowing GIL) throws(MLPredictError) -> Success, _ gil: borrowing GIL
    ) -> Result<Success, MLPredictError> {
        do throws(MLPredictError) {
            let result: PythonReference
            do throws(PythonError) {
                result = try future.attribute("result", gil).call(gil)
            } catch {
                throw failure(.predictFailed, "\(name) raised", error)
            }
            return .success(try decode(result, gil))
        } catch {
            return .failure(error)
        }
    }
}
