/// How a model's calls are bounded and what happens when one fails: a hard `'timeout'` and the
/// error strategies of Flink's OpenAI model provider (`'error-handling-strategy'`, `'retry-num'`,
/// `'retry-fallback-strategy'`, `'retry-backoff-strategy'`, `'retry-backoff-base-interval'`).
///
/// Parsed once from a model's `WITH` options; an `ML_PREDICT` CONFIG or a stream's options may
/// override any key for one query (``merging(_:what:)``).
public struct ExecutionPolicy: Sendable, Hashable {
    /// What a failed prediction does.
    public enum ErrorHandling: String, Sendable, Hashable, CaseIterable {
        /// Try again, up to ``ExecutionPolicy/retryNum`` attempts in all, then apply ``ExecutionPolicy/retryFallback``.
        case retry = "RETRY"
        /// The error propagates: the call (and the query or run) fails. The default.
        case failover = "FAILOVER"
        /// The row yields no output (or one row with only the error column set), counted and logged.
        case ignore = "IGNORE"
    }

    /// How the wait between attempts grows.
    public enum Backoff: String, Sendable, Hashable, CaseIterable {
        /// ``ExecutionPolicy/retryBackoffBaseInterval`` between attempts.
        case fixed = "FIXED"
        /// The base interval, doubled after each attempt.
        case exponential = "EXPONENTIAL"
    }

    /// `'timeout'`: the longest one prediction may take, from its first call to its final result,
    /// retries included (Flink's meaning). Nil: no limit.
    public var timeout: Duration?
    /// `'error-handling-strategy'` (default `FAILOVER`: a Python exception is usually a bug that
    /// retrying does not fix; Flink's OpenAI provider defaults to `RETRY` for network calls).
    public var errorHandling: ErrorHandling
    /// `'retry-num'`: the most attempts in all under `RETRY` (default 100, as Flink's), at least 1.
    public var retryNum: Int
    /// `'retry-fallback-strategy'`: `FAILOVER` (default) or `IGNORE` once retries are exhausted.
    public var retryFallback: ErrorHandling
    /// `'retry-backoff-strategy'`: `FIXED` (default) or `EXPONENTIAL`.
    public var retryBackoff: Backoff
    /// `'retry-backoff-base-interval'` (default 1 s).
    public var retryBackoffBaseInterval: Duration

    /// The option keys, sorted.
    public static let keys = [
        "error-handling-strategy", "retry-backoff-base-interval", "retry-backoff-strategy", "retry-fallback-strategy",
        "retry-num", "timeout",
    ]

    public init(
        timeout: Duration? = nil, errorHandling: ErrorHandling = .failover, retryNum: Int = 100,
        retryFallback: ErrorHandling = .failover, retryBackoff: Backoff = .fixed,
        retryBackoffBaseInterval: Duration = .seconds(1)
    ) {
        self.timeout = timeout
        self.errorHandling = errorHandling
        self.retryNum = retryNum
        self.retryFallback = retryFallback
        self.retryBackoff = retryBackoff
        self.retryBackoffBaseInterval = retryBackoffBaseInterval
    }

    /// This policy with the keys of ``keys`` found in `options` replaced; other keys are ignored.
    ///
    /// - Parameter what: how errors name where the options come from (`model 'm'`, `ML_PREDICT`).
    /// - Throws: ``MLPredictError`` with code ``MLPredictError/Code/invalidOption`` naming the key,
    ///   what was expected and what was found.
    public func merging(_ options: [String: String], what: String) throws(MLPredictError) -> ExecutionPolicy {
        var policy = self
        for key in Self.keys {
            guard let value = options[key] else { continue }
            let text = value.trimmingWhitespace
            func invalid(_ expected: String) -> MLPredictError {
                MLPredictError(.invalidOption, "\(what): option '\(key)' must be \(expected), found '\(value)'")
            }
            switch key {
            case "timeout":
                guard let duration = FlinkDuration.parse(text), duration > .zero else {
                    throw invalid("a positive duration such as '500 ms', '30 s' or '3 min'")
                }
                policy.timeout = duration
            case "error-handling-strategy":
                guard let strategy = ErrorHandling(rawValue: text.uppercased()) else {
                    throw invalid("RETRY, FAILOVER or IGNORE")
                }
                policy.errorHandling = strategy
            case "retry-num":
                guard let number = Int(text), (1...Int(Int32.max)).contains(number) else {
                    throw invalid("an integer from 1 to \(Int32.max) (the most attempts in all)")
                }
                policy.retryNum = number
            case "retry-fallback-strategy":
                guard let strategy = ErrorHandling(rawValue: text.uppercased()), strategy != .retry else {
                    throw invalid("FAILOVER or IGNORE")
                }
                policy.retryFallback = strategy
            case "retry-backoff-strategy":
                guard let backoff = Backoff(rawValue: text.uppercased()) else { throw invalid("FIXED or EXPONENTIAL") }
                policy.retryBackoff = backoff
            default:
                guard let duration = FlinkDuration.parse(text) else { throw invalid(FlinkDuration.expected) }
                policy.retryBackoffBaseInterval = duration
            }
        }
        return policy
    }

    /// The wait before attempt `attempt + 1`, after `attempt` (from 1) failed.
    func backoff(after attempt: Int) -> Duration {
        switch retryBackoff {
        case .fixed: return retryBackoffBaseInterval
        case .exponential: return retryBackoffBaseInterval * (1 << min(attempt - 1, 30))
        }
    }

    /// The strategy that applies once no (more) retry is possible.
    /// Whether a call under this policy is one attempt without a deadline whose failure propagates.
    var isPlain: Bool { timeout == nil && errorHandling == .failover }

    var finalStrategy: ErrorHandling {
        errorHandling == .retry ? retryFallback : errorHandling
    }
}
