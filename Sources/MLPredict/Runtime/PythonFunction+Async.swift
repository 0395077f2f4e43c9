import MLPredictPython

extension PythonFunction {
    /// Starts predicting `row`, on the calling thread (one of ``PythonThreads``), and finishes
    /// `pending` when Python is done: before returning for a plain `predict`, from the asyncio
    /// loop's thread for an `async def predict`, so the calling thread never waits for a coroutine.
    func start(_ row: Row, _ pending: PendingPrediction<[Row]>) {
        start(predictMethod, "predict", runsCoroutines: predictRunsCoroutines, pending) { gil throws(MLPredictError) in
            try encoder.encode(row, gil)
        } decode: { result, gil throws(MLPredictError) in
            try self.decoder.decode(result, .predict, gil)
        }
    }

    /// Starts predicting a batch with one `predict_batch` call, as ``start(_:_:)`` does for a row.
    func start(batch rows: [Row], _ pending: PendingPrediction<[[Row]]>) {
        start(predictBatchMethod, "predict_batch", runsCoroutines: predictBatchRunsCoroutines, pending) { gil throws(MLPredictError) in
            try encodeBatch(rows, gil)
        } decode: { result, gil throws(MLPredictError) in
            try self.decodeBatch(result, count: rows.count, gil)
        }
    }

    /// A plain method is called at once; an `async def` goes through
    /// `mlpredict._async_runner.start(method, argument, done)`, where `done` decodes the completed
    /// future's result and finishes `pending`. (The plain call skips the future, its condition and
    /// callback: objects enough per call to run Python's cyclic GC once per batch.)
    private func start<Success: Sendable>(
        _ method: PythonObject, _ name: String, runsCoroutines: Bool, _ pending: PendingPrediction<Success>,
        encode: (borrowing GIL) throws(MLPredictError) -> PythonReference,
        decode: @escaping @Sendable (borrowing PythonReference, borrowing GIL) throws(MLPredictError) -> Success
    ) {
        guard runsCoroutines else {
            Interpreter.withGIL { gil in
                pending.finish(
                    Result { () throws(MLPredictError) in try decode(call(method, name, encode(gil), gil), gil) })
            }
            return
        }
        Interpreter.withGIL { gil in
            do throws(MLPredictError) {
                let argument = try encode(gil)
                do throws(PythonError) {
                    let done = try PythonReference(callback: { future, gil in
                        pending.finish(self.outcome(of: future, name, decode, gil))
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
                pending.finish(.failure(error))  // ignored if `done` already ran
            }
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
