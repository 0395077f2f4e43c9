extension Model {
    /// Predicts the output rows for one input row into `output`, replacing its contents: the same
    /// prediction as ``predict(_:policy:)``, without a ``Row`` or a ``Value`` per cell, so a loop
    /// that reuses one ``PredictedRows`` allocates nothing per row once its storage has grown.
    ///
    /// - Parameter output: storage made for this model's ``outputSchema``.
    /// - Throws: as ``predict(_:policy:)``, or ``MLPredictError/Code/invalidInput`` if `output` was
    ///   made for other OUTPUT columns. On failure `output` is empty.
    @available(*, noasync, message: "in async code, await predict(_:on:), which runs on PythonThreads")
    public func predict(_ row: Row, into output: inout PredictedRows, policy: ExecutionPolicy? = nil) throws(MLPredictError) {
        try prepare(&output)
        let policy = policy ?? self.policy
        try emptiedOnFailure(&output) { (output: inout PredictedRows) throws(MLPredictError) in
            guard policy.isPlain, errorColumn == nil else {
                try output.append(rows: try predict(row, policy: policy))
                return output.endInput()
            }
            _ = try admitted(.predict, rows: 1) { () throws(MLPredictError) in
                try wrapped("predict") { try function.predict(row, deadline: nil, into: &output) }
                return OutputRows(count: output.count)
            }
        }
    }

    /// Predicts each of a batch of input rows into `output`, replacing its contents: the same
    /// prediction as ``predict(batch:policy:)`` (one call of `predict_batch`), without a ``Row``
    /// or a ``Value`` per cell. ``PredictedRows/rows(ofInput:)`` gives each input row's outputs.
    ///
    /// - Throws: as ``predict(batch:policy:)``, or ``MLPredictError/Code/invalidInput`` if `output`
    ///   was made for other OUTPUT columns. On failure `output` is empty.
    @available(*, noasync, message: "in async code, await predict(batch:on:), which runs on PythonThreads")
    public func predict(batch rows: [Row], into output: inout PredictedRows, policy: ExecutionPolicy? = nil) throws(MLPredictError) {
        try prepare(&output)
        let policy = policy ?? self.policy
        try emptiedOnFailure(&output) { (output: inout PredictedRows) throws(MLPredictError) in
            guard policy.isPlain, errorColumn == nil else {
                for outputs in try predict(batch: rows, policy: policy) {
                    try output.append(rows: outputs)
                    output.endInput()
                }
                return
            }
            _ = try admitted(.predictBatch, rows: rows.count) { () throws(MLPredictError) in
                try wrapped("predict_batch") { try function.predict(batch: rows, deadline: nil, into: &output) }
                return OutputRows(count: output.count)
            }
        }
    }

    /// Runs `body`; if it fails, empties `output` and names this model in an error that does not
    /// (the checks of a Swift model's rows, ``PredictedRows/append(rows:)``).
    private func emptiedOnFailure(
        _ output: inout PredictedRows, _ body: (inout PredictedRows) throws(MLPredictError) -> Void
    ) throws(MLPredictError) {
        do {
            try body(&output)
        } catch {
            output.removeAll()
            guard error.model == nil else { throw error }
            throw MLPredictError(error.code, "model '\(name)': \(error.message)", model: name, cause: error.cause)
        }
    }

    /// Empties `output` after checking it holds this model's OUTPUT columns.
    private func prepare(_ output: inout PredictedRows) throws(MLPredictError) {
        guard output.schema == outputSchema else {
            throw MLPredictError(
                .invalidInput,
                "model '\(name)': the PredictedRows given were made for the columns \(output.schema), "
                    + "but the model's OUTPUT columns are \(outputSchema)",
                model: name)
        }
        output.removeAll()
    }
}

/// How many rows a call predicted into ``PredictedRows``, for its metrics and span.
private struct OutputRows: PredictionResult {
    let count: Int
    var outputRowCount: Int { count }
}
