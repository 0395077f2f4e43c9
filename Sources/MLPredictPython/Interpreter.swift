internal import CPython
internal import CPythonShim
import Synchronization

/// The process's embedded CPython interpreter: started once, never finalized.
///
/// After ``start(_:)`` the GIL is released, so any thread may take it with ``withGIL(_:)``.
public enum Interpreter {
    private static let startedConfiguration = Mutex<InterpreterConfiguration?>(nil)
    private static let isRunning = Atomic<Bool>(false)

    /// Whether the interpreter has been started.
    public static var isStarted: Bool { isRunning.load(ordering: .acquiring) }

    /// The configuration the interpreter was started with, if it was.
    public static var configuration: InterpreterConfiguration? { startedConfiguration.withLock { $0 } }

    /// The `major.minor` version of the linked libpython, e.g. `3.11`.
    public static let pythonVersion = "\(CPythonShim_PY_MAJOR_VERSION).\(CPythonShim_PY_MINOR_VERSION)"

    /// Starts the interpreter with `configuration`, or does nothing if it already runs with the
    /// same configuration.
    ///
    /// - Throws: ``InterpreterError`` if the environment is unusable (a virtual environment made by
    ///   another Python version, a missing site-packages), if CPython fails to start, or if the
    ///   interpreter already runs with a different configuration.
    public static func start(_ configuration: InterpreterConfiguration) throws(InterpreterError) {
        try startedConfiguration.withLock { (started) throws(InterpreterError) in
            if let started {
                guard started == configuration else {
                    throw InterpreterError(
                        "the Python interpreter is already running with \(started); "
                            + "it cannot be restarted with \(configuration)")
                }
                return
            }
            let layout = try PythonLayout(configuration)
            if let failure = CPythonShim_Initialize(layout.home, layout.executable) {
                defer { free(failure) }
                throw InterpreterError("could not start Python \(pythonVersion): \(String(cString: failure))")
            }
            isRunning.store(true, ordering: .releasing)
            try withGIL { gil throws(InterpreterError) in
                do {
                    try layout.configureSystemModule(gil)
                } catch {
                    throw InterpreterError("could not set up Python's sys.path: \(error)")
                }
            }
            started = configuration
        }
    }

    /// Starts the interpreter from the process environment (``InterpreterConfiguration/fromEnvironment()``)
    /// unless it already runs, with whatever configuration.
    public static func ensureStarted() throws(InterpreterError) {
        if isStarted { return }
        try start(startedConfiguration.withLock { $0 } ?? .fromEnvironment())
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
