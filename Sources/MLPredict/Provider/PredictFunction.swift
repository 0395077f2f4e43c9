/// A loaded model's prediction: one input row in, zero or more output rows out (FLIP-525's
/// `PredictFunction`). Implementations are safe to call from many threads at once.
public protocol PredictFunction: Sendable {
    /// Predicts the output rows for one input row (values in INPUT column order); each output row
    /// has the OUTPUT columns in order.
    func predict(_ row: Row) throws -> [Row]

    /// Predicts the output rows for each of a batch of input rows: one list per input row, in
    /// order. The default calls ``predict(_:)`` per row.
    func predict(batch rows: [Row]) throws -> [[Row]]

    /// Predicts one output row per input row, column by column. The default goes through
    /// ``predict(batch:)`` and requires exactly one output row per input row.
    func predictColumns(_ batch: ColumnBatch) throws -> ColumnBatch

    /// Releases the model's resources. Called exactly once, after the last `predict`.
    func close() throws
}

extension PredictFunction {
    public func predict(batch rows: [Row]) throws -> [[Row]] {
        try rows.map { try predict($0) }
    }

    public func predictColumns(_ batch: ColumnBatch) throws -> ColumnBatch {
        let outputs = try predict(batch: batch.rows)
        var columns: [[Value]] = []
        for (index, rows) in outputs.enumerated() {
            guard rows.count == 1 else {
                throw MLPredictError(
                    .invalidOutput, "predictColumns needs exactly one output row per input row, "
                        + "but predict returned \(rows.count) for input row \(index)")
            }
            if columns.isEmpty { columns = Array(repeating: [], count: rows[0].count) }
            for (column, value) in rows[0].values.enumerated() { columns[column].append(value) }
        }
        return ColumnBatch(columns.map { .values($0) })
    }
}
