import Foundation

/// The CONFIG map of `ML_PREDICT` and `ML_EVALUATE`: Flink's runtime options
/// (`MLPredictRuntimeConfigOptions`), validated now and honoured by asynchronous prediction later.
enum PredictConfig {
    static let supportedKeys = ["async", "max-concurrent-operations", "output-mode", "timeout"]

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
            case "timeout":
                valid = isDuration(value)
                expected = "a duration such as '10 s', '500ms' or '3 min'"
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

    /// Flink's duration syntax: a non-negative integer and an optional unit (milliseconds by default).
    private static func isDuration(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCIIDigit }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        return !digits.isEmpty && durationUnits.contains(unit)
    }

    private static let durationUnits: Set<String> = [
        "", "d", "day", "days", "h", "hour", "hours", "min", "m", "minute", "minutes", "s", "sec", "secs", "second",
        "seconds", "ms", "milli", "millis", "millisecond", "milliseconds", "µs", "us", "micro", "micros",
        "microsecond", "microseconds", "ns", "nano", "nanos", "nanosecond", "nanoseconds",
    ]
}
