extension MLPredictError {
    /// `error` itself when it is an ``MLPredictError``; otherwise an error with `code` and
    /// `message` whose cause is `error`.
    static func wrapping(_ error: any Error & Sendable, _ code: Code, _ message: String, model: String? = nil) -> MLPredictError {
        if let error = error as? MLPredictError { return error }
        return MLPredictError(code, "\(message): \(error)", model: model, cause: error)
    }
}
