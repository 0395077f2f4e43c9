/// One input row of a stream and what the model predicted for it.
///
/// Flink's `ML_PREDICT` emits the input columns followed by the output columns for each output
/// row; ``joinedRows`` is exactly that. Keeping one element per input row lets a consumer see
/// inputs that predicted nothing.
public struct Prediction: Sendable, Hashable {
    /// The input row, as read from the stream.
    public var input: Row
    /// The output rows the model returned for it (zero or more).
    public var outputs: [Row]

    public init(input: Row, outputs: [Row]) {
        self.input = input
        self.outputs = outputs
    }

    /// Each output row prefixed by the input row's values (Flink's `ML_PREDICT` output rows).
    public var joinedRows: [Row] { outputs.map { Row(input.values + $0.values) } }
}
