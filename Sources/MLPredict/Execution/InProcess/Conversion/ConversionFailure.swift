import MLPredictPython

/// Why a value does not fit its type, and where: the converters of nested types add the path on
/// the way out (`[3]`, `.name`), and the row converters name the model, row and column.
struct ConversionFailure: Error {
    var message: String
    var cause: PythonError?
    /// The type at the failing position.
    var type: DataType
    /// The position under the column: `""`, `[3]`, `.address.zip`, `["key"]`, `.key[0]`.
    var path = ""

    init(_ message: String, type: DataType, cause: PythonError? = nil) {
        self.message = message
        self.type = type
        self.cause = cause
    }

    /// This failure, one level further out (`step` is `[3]`, `.name`, ...).
    func inside(_ step: String) -> ConversionFailure {
        var failure = self
        failure.path = step + path
        return failure
    }
}
