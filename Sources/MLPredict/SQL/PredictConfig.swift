/// The CONFIG map of `ML_PREDICT` and `ML_EVALUATE`: Flink's runtime options
/// (`MLPredictRuntimeConfigOptions`) and the error strategy of ``ExecutionPolicy``, validated when
/// the query is planned.
enum PredictConfig {
    static let supportedKeys = (["async", "max-concurrent-operations", "output-mode"] + ExecutionPolicy.keys).sorted()

    /// Rejects unknown keys and values that are not valid for their key.
    static func validate(_ config: [String: String], function: String) throws(MLPredictError) {
        for (key, value) in config.sorted(by: { $0.key < $1.key }) {
            let valid: Bool
            let expected: String
            switch key {
            case "async":
                valid = ["true", "false"].contains(value.lowercased())
                expected = "'true' or 'false'"
            case "max-concurrent-operations":
                valid = Int32(value).map { $0 > 0 } ?? false
                expected = "a positive integer"
            case "output-mode":
                valid = ["ORDERED", "ALLOW_UNORDERED"].contains(value.uppercased())
                expected = "'ORDERED' or 'ALLOW_UNORDERED'"
            case _ where ExecutionPolicy.keys.contains(key):
                do {
                    _ = try ExecutionPolicy().merging([key: value], what: "\(function) CONFIG")
                } catch {
                    throw MLPredictError(.invalidArgument, error.message)
                }
                continue
            default:
                throw MLPredictError(
                    .invalidArgument,
                    "\(function) CONFIG has unknown key '\(key)'; supported keys: \(quotedList(supportedKeys))")
            }
            guard valid else {
                throw MLPredictError(
                    .invalidArgument, "\(function) CONFIG '\(key)' must be \(expected) but is '\(value)'")
            }
        }
    }
}
