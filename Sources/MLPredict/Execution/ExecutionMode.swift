/// Where a Python model runs (`'execution-mode'`).
public enum ExecutionMode: Sendable, Hashable {
    /// In this process's embedded interpreter (`'in-process'`, the default and the fastest), with
    /// `instances` instances of the class, each called by one caller at a time.
    case inProcess(instances: Int)
    /// In worker processes (`'process'`): a crash, `os._exit` or a hung call takes down only a worker,
    /// which is replaced.
    case process(WorkerOptions)
}

/// How a model's worker processes are run.
public struct WorkerOptions: Sendable, Hashable {
    /// `'workers'`: how many processes (default 1), each with one instance of the class.
    public var workers: Int
    /// `'python.executable'`: the Python that runs a worker (default: the embedded interpreter's
    /// virtual environment's `bin/python`); any CPython 3.11 or later with the model's packages.
    public var pythonExecutable: String?
    /// `'worker-memory-limit'`: the address space a worker may use (`RLIMIT_AS`), in bytes.
    public var memoryLimit: Int?
    /// The directory a worker starts in (default: the host's current directory). A model with
    /// `'python.archives'` gets one holding its archives by name, as Flink's workers do.
    public var workingDirectory: String?

    public init(workers: Int = 1, pythonExecutable: String? = nil, memoryLimit: Int? = nil, workingDirectory: String? = nil) {
        self.workers = workers
        self.pythonExecutable = pythonExecutable
        self.memoryLimit = memoryLimit
        self.workingDirectory = workingDirectory
    }
}
