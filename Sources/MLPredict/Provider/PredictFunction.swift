/// A loaded model's prediction: one input row in, zero or more output rows out (FLIP-525's
/// `PredictFunction`). Implementations are safe to call from many threads at once.
public protocol PredictFunction: Sendable {
    /// Predicts the output rows for one input row (values in INPUT column order); each output row
    /// has the OUTPUT columns in order.
    func predict(_ row: Row) throws -> [Row]

    /// Predicts the output rows for each of a batch of input rows: one list per input row, in
    /// order. The default calls ``predict(_:)`` per row.
    func predict(batch rows: [Row]) throws -> [[Row]]

    /// Releases the model's resources. Called exactly once, after the last `predict`.
    func close() throws
}

extension PredictFunction {
    public func predict(batch rows: [Row]) throws -> [[Row]] {
        try rows.map { try predict($0) }
    }
}
