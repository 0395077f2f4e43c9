import MLPredictPython

extension MLPredictError {
    /// The qualified name of `mlpredict.NonRetryableError`, which a model raises for errors that
    /// retrying cannot fix.
    static let nonRetryableType = "mlpredict._exceptions.NonRetryableError"

    /// Whether trying again may succeed: a model's exception (unless a `NonRetryableError`), a
    /// timeout or a worker that died. Checks of the input and of the output are deterministic.
    public var isRetryable: Bool {
        guard [.predictFailed, .timedOut, .workerFailed].contains(code) else { return false }
        return !(pythonCause?.isInstance(of: Self.nonRetryableType) ?? false)
    }

    /// Whether the `IGNORE` strategy may drop the row: anything that failed one row's prediction,
    /// not a closed model or a cancelled call.
    var isIgnorable: Bool {
        [.predictFailed, .timedOut, .workerFailed, .invalidInput, .invalidOutput].contains(code)
    }

    /// The Python exception at the end of the chain of causes, if any.
    var pythonCause: PythonError? {
        var cause = self.cause
        while let current = cause {
            if let python = current as? PythonError { return python }
            cause = (current as? MLPredictError)?.cause
        }
        return nil
    }
}
