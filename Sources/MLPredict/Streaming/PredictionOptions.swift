/// How a stream of rows is predicted (``Swift/AsyncSequence/predictions(with:options:threads:)``).
///
/// The keys are Flink's `ML_PREDICT` runtime options (`async`, `max-concurrent-operations`,
/// `output-mode`, `timeout`) plus `batch-size` (FLIP-552's provider option) and `batch-max-wait`,
/// so a Flink job's config map carries over: ``init(_:)`` reads them from strings.
public struct PredictionOptions: Sendable, Hashable {
    /// The order of predictions in the output (`'output-mode'`).
    public enum OutputMode: String, Sendable, Hashable, CaseIterable {
        /// Each input's prediction in input order (`ORDERED`, the default).
        case ordered = "ORDERED"
        /// Each batch's predictions as soon as they complete (`ALLOW_UNORDERED`).
        case allowUnordered = "ALLOW_UNORDERED"
    }

    /// `'async'`: `true` (the default) allows ``maxConcurrentOperations`` batches in flight; `false`
    /// predicts one batch at a time, as a synchronous `ML_PREDICT` does.
    public var isAsync: Bool
    /// `'max-concurrent-operations'`: the most batches in flight at once when ``isAsync`` (default 10).
    public var maxConcurrentOperations: Int
    /// `'output-mode'`: `ORDERED` (default) or `ALLOW_UNORDERED`.
    public var outputMode: OutputMode
    /// `'timeout'`: the longest a batch's prediction may take, from its call to its result, retries
    /// included (default 3 min). Python still running then is interrupted (in-process) or its worker
    /// killed (process mode); the batch fails with ``MLPredictError/Code/timedOut`` unless the
    /// error strategy ignores it.
    public var timeout: Duration
    /// The error strategy keys of ``ExecutionPolicy`` (`'error-handling-strategy'`, `'retry-num'`,
    /// ...) given for this stream; they override the model's own.
    public var errorStrategy: [String: String] = [:]
    /// `'batch-size'`: the most rows per `predict_batch` call (default 1).
    public var batchSize: Int
    /// `'batch-max-wait'`: how long a batch that is not full waits for more rows before it is
    /// predicted anyway (default 10 ms), so a slow trickle of rows still flows.
    public var batchMaxWait: Duration

    /// The supported keys, sorted.
    public static let supportedKeys = [
        "async", "batch-max-wait", "batch-size", "max-concurrent-operations", "output-mode", "timeout",
    ] + ExecutionPolicy.keys.filter { $0 != "timeout" }

    public init(
        isAsync: Bool = true, maxConcurrentOperations: Int = 10, outputMode: OutputMode = .ordered,
        timeout: Duration = .seconds(180), batchSize: Int = 1, batchMaxWait: Duration = .milliseconds(10)
    ) {
        self.isAsync = isAsync
        self.maxConcurrentOperations = maxConcurrentOperations
        self.outputMode = outputMode
        self.timeout = timeout
        self.batchSize = batchSize
        self.batchMaxWait = batchMaxWait
    }

    /// Reads options from Flink-style strings (`'max-concurrent-operations' = '50'`,
    /// `'timeout' = '30 s'`); missing keys keep their defaults. Durations are Flink's: an integer
    /// and a unit (`ms`, `s`, `min`, `h`, `d`, their long forms, `ns`, `us`), milliseconds without one.
    ///
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/unsupportedOption`` for an
    ///   unknown key (listing the supported ones) or ``MLPredictError/Code/invalidOption`` for a
    ///   value that does not parse or is out of range (naming the key, what was expected and what
    ///   was found).
    public init(_ options: [String: String]) throws(MLPredictError) {
        self.init()
        for (key, value) in options.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "async": isAsync = try Self.boolean(key, value)
            case "max-concurrent-operations": maxConcurrentOperations = try Self.positiveInteger(key, value)
            case "output-mode":
                guard let mode = OutputMode(rawValue: value.trimmingWhitespace.uppercased()) else {
                    throw Self.invalid(key, "ORDERED or ALLOW_UNORDERED", value)
                }
                outputMode = mode
            case "timeout":
                timeout = try Self.duration(key, value)
                guard timeout > .zero else { throw Self.invalid(key, "a positive duration", value) }
            case "batch-size": batchSize = try Self.positiveInteger(key, value)
            case "batch-max-wait": batchMaxWait = try Self.duration(key, value)
            case _ where ExecutionPolicy.keys.contains(key):
                _ = try ExecutionPolicy().merging([key: value], what: "ML_PREDICT")
                errorStrategy[key] = value
            default:
                throw MLPredictError(
                    .unsupportedOption,
                    "unsupported ML_PREDICT option '\(key)'; supported options: "
                        + Self.supportedKeys.map { "'\($0)'" }.joined(separator: ", "))
            }
        }
    }

    /// The model's policy with this stream's timeout and error strategy.
    func policy(for model: Model) -> ExecutionPolicy {
        var policy = (try? model.policy.merging(errorStrategy, what: "ML_PREDICT")) ?? model.policy
        policy.timeout = timeout
        return policy
    }

    /// The most batches in flight: ``maxConcurrentOperations`` (at least 1), or 1 unless ``isAsync``.
    var concurrentBatches: Int { isAsync ? max(1, maxConcurrentOperations) : 1 }

    /// ``batchSize``, at least 1 (the memberwise initializer does not check it).
    var rowsPerBatch: Int { max(1, batchSize) }

    /// How many rows may be read ahead of the consumer: every batch in flight, full.
    var readAhead: Int {
        let (rows, overflow) = concurrentBatches.multipliedReportingOverflow(by: rowsPerBatch)
        return overflow ? Int.max : rows
    }

    private static func invalid(_ key: String, _ expected: String, _ found: String) -> MLPredictError {
        MLPredictError(.invalidOption, "ML_PREDICT option '\(key)' must be \(expected), found '\(found)'")
    }

    private static func boolean(_ key: String, _ value: String) throws(MLPredictError) -> Bool {
        switch value.trimmingWhitespace.lowercased() {
        case "true": true
        case "false": false
        default: throw invalid(key, "true or false", value)
        }
    }

    /// An integer from 1 to `Int32.max`, as Flink's integer options are.
    private static func positiveInteger(_ key: String, _ value: String) throws(MLPredictError) -> Int {
        guard let number = Int(value.trimmingWhitespace), (1...Int(Int32.max)).contains(number) else {
            throw invalid(key, "an integer from 1 to \(Int32.max)", value)
        }
        return number
    }

    /// Flink's `TimeUtils.parseDuration` (``FlinkDuration``).
    private static func duration(_ key: String, _ value: String) throws(MLPredictError) -> Duration {
        guard let duration = FlinkDuration.parse(value) else { throw invalid(key, FlinkDuration.expected, value) }
        return duration
    }
}
