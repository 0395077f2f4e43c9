public import MLPredictPython

/// A Python exception (type, message, traceback), as ``MLPredictError/pythonError`` exposes it.
public typealias PythonError = MLPredictPython.PythonError

extension MLPredictError {
    /// The Python exception behind this error, when Python raised.
    public var pythonError: PythonError? { cause as? PythonError }
}
