import Foundation

/// The `WITH` options of the `generic-python` provider.
///
/// The names are those of FLIP-552's prototype (`swapna267/flink`); the `bgeng777/flink`
/// prototype's spellings ``model`` and ``pythonPredictFunction`` are accepted instead (one
/// spelling per option in a statement).
public enum GenericPythonOptions {
    /// Directory holding the model's Python module(s) and files. Required (or ``model``).
    public static let modelDirectoryPath = "model-directory-path"
    /// The `PredictFunction` subclass, `module.Class` (or `package.module.Class`). Required (or
    /// ``pythonPredictFunction``).
    public static let pythonPredictClass = "python-predict-class"
    /// `bgeng777/flink`'s spelling of ``modelDirectoryPath``.
    public static let model = "model"
    /// `bgeng777/flink`'s spelling of ``pythonPredictClass``.
    public static let pythonPredictFunction = "python-predict-function"
    /// The most rows per batch, as FLIP-552's prototype's option: a positive integer. Optional;
    /// validated and exposed as ``GenericPythonPredictFunction/batchSize`` for batching to use.
    /// It does not set `ML_PREDICT`'s `'batch-size'` (``PredictionOptions/batchSize``).
    public static let batchSize = "batch-size"
    /// Prefix of the options handed to Python, without the prefix, as `properties`.
    public static let propertiesPrefix = "properties."
    /// `in-process` (default) or `process`.
    public static let executionMode = "execution-mode"
    /// In-process: how many instances of the class calls are spread over (default 1).
    public static let instances = "instances"
    /// Process mode: how many worker processes (default 1).
    public static let workers = "workers"
    /// Process mode: the Python executable that runs the workers.
    public static let pythonExecutable = "python.executable"
    /// Process mode: the most memory a worker may map (`'2 GB'`, `'512 mb'`, bytes without a unit).
    public static let workerMemoryLimit = "worker-memory-limit"
    /// A pip requirements file (relative to the model directory, or absolute), optionally followed
    /// by `#` and a directory pip installs from instead of an index, as Flink's option is: its
    /// packages are installed into a virtual environment built once and cached (docs/environments.md).
    public static let pythonRequirements = "python.requirements"
    /// Comma-separated directories and `.py`, `.zip`, `.whl` and `.egg` files (relative to the model
    /// directory, or absolute) put on `sys.path`, as Flink's option is.
    public static let pythonFiles = "python.files"

    // Model packages (docs/model-packages.md).
    /// The SHA-256 (64 hexadecimal digits) of the archive that ``modelDirectoryPath`` names: checked
    /// after fetching, and the key under which the unpacked package is cached.
    public static let modelSHA256 = "model-sha256"
    /// Flink's `'python.archives'`: comma-separated archives (paths or URLs), each optionally
    /// `archive.zip#name`, unpacked and given to the model under `name` (default: the file name).
    public static let pythonArchives = "python.archives"
    /// The options of model packages.
    static let packageOptions: Set<String> = [modelSHA256, pythonArchives]

    /// The optional options about where the model runs.
    static let executionOptions: Set<String> = [executionMode, instances, workers, pythonExecutable, workerMemoryLimit]

    /// The options that make the model's Python environment.
    static let environmentOptions: Set<String> = [pythonRequirements, pythonFiles]

    /// The alternative spellings: alias → the option it spells.
    static let aliases = [model: modelDirectoryPath, pythonPredictFunction: pythonPredictClass]

    /// `batch-size`'s value: an integer from 1 to `Int32.max`, as Flink's integer options are.
    static func parseBatchSize(_ value: String) -> Int? {
        guard let number = Int(value.trimmingCharacters(in: .whitespaces)), (1...Int(Int32.max)).contains(number) else {
            return nil
        }
        return number
    }

    /// Whether `name` is a dotted Python name with at least one dot: `module.Class`.
    static func isQualifiedClassName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy(isIdentifier)
    }

    private static func isIdentifier(_ part: Substring) -> Bool {
        guard let first = part.first, first == "_" || first.isLetter else { return false }
        return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    /// The execution mode the options ask for, checked.
    static func executionMode(_ options: [String: String], model: String) throws(MLPredictError) -> ExecutionMode {
        func invalid(_ key: String, _ expected: String) -> MLPredictError {
            MLPredictError(
                .invalidOption, "model '\(model)': option '\(key)' must be \(expected), found '\(options[key] ?? "")'",
                model: model)
        }
        func count(_ key: String) throws(MLPredictError) -> Int {
            guard let text = options[key] else { return 1 }
            guard let number = Int(text.trimmingWhitespace), (1...256).contains(number) else {
                throw invalid(key, "an integer from 1 to 256")
            }
            return number
        }
        switch options[executionMode]?.trimmingWhitespace.lowercased() ?? "in-process" {
        case "in-process":
            for key in [workers, pythonExecutable, workerMemoryLimit] where options[key] != nil {
                throw MLPredictError(
                    .invalidOption,
                    "model '\(model)': option '\(key)' applies only with 'execution-mode' = 'process', "
                        + "but the model runs in-process",
                    model: model)
            }
            return .inProcess(instances: try count(instances))
        case "process":
            if options[instances] != nil {
                throw MLPredictError(
                    .invalidOption,
                    "model '\(model)': option '\(instances)' applies only in-process; in process mode each of the "
                        + "'\(workers)' runs one instance",
                    model: model)
            }
            var limit: Int?
            if let text = options[workerMemoryLimit] {
                guard let bytes = MemorySize.parse(text), bytes >= 64 << 20 else {
                    throw invalid(workerMemoryLimit, "a memory size of at least 64 MB such as '512 mb' or '2 GB'")
                }
                limit = bytes
            }
            let executable = options[pythonExecutable]
            if let executable, executable.trimmingWhitespace.isEmpty { throw invalid(pythonExecutable, "a path") }
            return .process(WorkerOptions(workers: try count(workers), pythonExecutable: executable, memoryLimit: limit))
        default:
            throw invalid(executionMode, "'in-process' or 'process'")
        }
    }
}

/// Flink's memory sizes (`MemorySize.parse`): a number and an optional unit (`b`, `kb`, `mb`, `gb`,
/// `tb` and their long forms, powers of 1024), bytes without one.
enum MemorySize {
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).trimmingWhitespace.lowercased()
        let scales: [String: Int] = [
            "": 1, "b": 1, "bytes": 1, "k": 1 << 10, "kb": 1 << 10, "kibibytes": 1 << 10, "m": 1 << 20, "mb": 1 << 20,
            "mebibytes": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gibibytes": 1 << 30, "t": 1 << 40, "tb": 1 << 40,
            "tebibytes": 1 << 40,
        ]
        guard let amount = Int(digits), let scale = scales[unit] else { return nil }
        let (bytes, overflow) = amount.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }
}
