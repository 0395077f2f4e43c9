internal import CPython
internal import CPythonShim
internal import CMLPredictRow
import Synchronization

/// The process's embedded CPython interpreter: started once, never finalized.
///
/// After ``start(_:)`` the GIL is released, so any thread may take it with ``withGIL(_:)``.
public enum Interpreter {
    /// Where start-up stands. `broken`: CPython was initialized but could not be set up, and cannot
    /// be initialized a second time.
    private enum State {
        case notStarted
        case broken(InterpreterError)
        case running(InterpreterConfiguration)
    }

    private static let state = Mutex<State>(.notStarted)
    /// Set once `state` is `running`, so ``withGIL(_:)`` can check it without the lock.
    private static let isRunning = Atomic<Bool>(false)

    /// Whether the interpreter has been started (and set up).
    public static var isStarted: Bool { isRunning.load(ordering: .acquiring) }

    /// The configuration the interpreter was started with, if it was.
    public static var configuration: InterpreterConfiguration? {
        state.withLock { state in
            guard case .running(let configuration) = state else { return nil }
            return configuration
        }
    }

    /// The `major.minor` version of the linked libpython, e.g. `3.11`.
    public static let pythonVersion = "\(CPythonShim_PY_MAJOR_VERSION).\(CPythonShim_PY_MINOR_VERSION)"

    /// Starts the interpreter with `configuration`, or does nothing if it already runs with the
    /// same configuration.
    ///
    /// - Throws: ``InterpreterError`` if the environment is unusable (a virtual environment made by
    ///   another Python version, a missing site-packages), if CPython fails to start, or if the
    ///   interpreter already runs with a different configuration.
    public static func start(_ configuration: InterpreterConfiguration) throws(InterpreterError) {
        try start(requiring: configuration)
    }

    /// Starts the interpreter from the process environment (``InterpreterConfiguration/fromEnvironment()``)
    /// unless it already runs, with whatever configuration.
    public static func ensureStarted() throws(InterpreterError) {
        if isStarted { return }
        try start(requiring: nil)
    }

    /// Starts with `required`, or (when `nil`) with the environment's configuration unless running.
    private static func start(requiring required: InterpreterConfiguration?) throws(InterpreterError) {
        try state.withLock { (state) throws(InterpreterError) in
            switch state {
            case .running(let started):
                guard let required, required != started else { return }
                throw InterpreterError(
                    "the Python interpreter is already running with \(started); it cannot be restarted with \(required)")
            case .broken(let error):
                throw InterpreterError("the Python interpreter could not be set up and cannot start again: \(error)")
            case .notStarted:
                break
            }
            let configuration = required ?? .fromEnvironment()
            let layout = try PythonLayout(configuration)
            if let failure = CPythonShim_Initialize(layout.home, layout.executable) {
                defer { free(failure) }
                let error = InterpreterError("could not start Python \(pythonVersion): \(String(cString: failure))")
                state = .broken(error)
                throw error
            }
            let acquired = CPythonShim_AcquireGIL()
            defer { CPythonShim_ReleaseGIL(acquired) }
            do {
                try layout.configureSystemModule(GIL())
            } catch {
                let failure = InterpreterError("could not set up Python's sys.path: \(error)")
                state = .broken(failure)
                throw failure
            }
            // mlpredict.Row in C: `mlpredict._native._row` in sys.modules before anything imports
            // `mlpredict`, whose `_row` then uses it instead of its pure-Python class.
            guard MLPredictRow_Register() == 0 else {
                let failure = InterpreterError("could not register mlpredict's C Row: \(PythonError.fetch(GIL()))")
                state = .broken(failure)
                throw failure
            }
            state = .running(configuration)
            isRunning.store(true, ordering: .releasing)
        }
    }

    /// Runs `body` holding the GIL, taking it first unless this thread already holds it.
    ///
    /// Re-entrant. The GIL token given to `body` proves to the API it calls that the GIL is
    /// held; it cannot be copied or escape `body`.
    /// - Precondition: the interpreter has been started (a programmer error otherwise).
    public static func withGIL<Result, Failure: Error>(
        _ body: (borrowing GIL) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        precondition(isStarted, "Interpreter.withGIL called before Interpreter.start")
        let acquired = CPythonShim_AcquireGIL()
        defer { CPythonShim_ReleaseGIL(acquired) }
        return try body(GIL())
    }

    /// Runs `body` with the GIL released by this thread, which holds it (`gil` proves that), and
    /// takes it back afterwards: for work that may block (I/O) inside a call from Python, so other
    /// Python threads run meanwhile. `body` must not use `gil`; ``withGIL(_:)`` inside it takes the
    /// GIL anew.
    ///
    /// The corresponding CPython macros are `Py_BEGIN_ALLOW_THREADS` / `Py_END_ALLOW_THREADS`.
    public static func withoutGIL<Result, Failure: Error>(
        _ gil: borrowing GIL, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let state = PyEval_SaveThread()
        defer { PyEval_RestoreThread(state) }
        return try body()
    }

    /// Imports the module `name` (`import name`).
    ///
    /// The corresponding CPython function is `PyImport_ImportModule`.
    public static func importModule(_ name: String, _ gil: borrowing GIL) throws(PythonError) -> PythonReference {
        try PythonReference(checking: PyImport_ImportModule(name), gil)
    }
}

/// Proof that the current thread holds the GIL, handed out by ``Interpreter/withGIL(_:)``.
public struct GIL: ~Copyable {
    fileprivate init() {}
}

/// The embedded interpreter could not be started or configured.
public struct InterpreterError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
