/// An error from MLPredict: what went wrong, for which model, and why.
///
/// ``message`` names the model, the option or column, what was expected and what was found.
/// When Python raised, ``cause`` holds the Python exception (type, message and traceback);
/// ``description`` prints both.
public struct MLPredictError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, for code that reacts to some failures differently.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        private init(_ name: String) { self.description = name }

        /// The SQL text is not valid (``MLPredictError/location`` says where).
        public static let syntaxError = Code("syntaxError")
        /// A column type that MLPredict does not support (yet).
        public static let unsupportedType = Code("unsupportedType")
        /// No provider factory is registered for the `'provider'` option.
        public static let unknownProvider = Code("unknownProvider")
        /// A required option is missing.
        public static let missingOption = Code("missingOption")
        /// An option the provider does not support.
        public static let unsupportedOption = Code("unsupportedOption")
        /// An option whose value is not valid (a directory that does not exist, a malformed class name, ...).
        public static let invalidOption = Code("invalidOption")
        /// The model definition is inconsistent (duplicate column, empty schema, ...).
        public static let invalidModel = Code("invalidModel")
        /// The embedded Python interpreter or its environment could not be set up.
        public static let pythonEnvironment = Code("pythonEnvironment")
        /// The predict class's module could not be found in the model directory.
        public static let moduleNotFound = Code("moduleNotFound")
        /// The predict class is not defined in its module.
        public static let classNotFound = Code("classNotFound")
        /// The predict class does not subclass `mlpredict.PredictFunction`.
        public static let notAPredictFunction = Code("notAPredictFunction")
        /// Importing the user's module or creating the predict function raised.
        public static let loadFailed = Code("loadFailed")
        /// `set_model_config` or `open` raised.
        public static let openFailed = Code("openFailed")
        /// An input row does not match the model's INPUT schema.
        public static let invalidInput = Code("invalidInput")
        /// `predict` raised.
        public static let predictFailed = Code("predictFailed")
        /// What `predict` returned does not match the model's OUTPUT schema.
        public static let invalidOutput = Code("invalidOutput")
        /// `close` raised.
        public static let closeFailed = Code("closeFailed")
        /// The model was used after it was closed.
        public static let modelClosed = Code("modelClosed")
        /// A statement names a model that does not exist.
        public static let unknownModel = Code("unknownModel")
        /// A statement creates or renames to a model name that is taken.
        public static let modelAlreadyExists = Code("modelAlreadyExists")
        /// A statement names a catalog the session does not have.
        public static let unknownCatalog = Code("unknownCatalog")
        /// A statement names a database the catalog does not have.
        public static let unknownDatabase = Code("unknownDatabase")
        /// A query names a table that is not registered in the session.
        public static let unknownTable = Code("unknownTable")
        /// A query names a column its table (or result) does not have.
        public static let unknownColumn = Code("unknownColumn")
        /// A DESCRIPTOR's columns do not match the model's INPUT (count, or a type that cannot be
        /// implicitly cast), or an ML_EVALUATE label does not suit the task.
        public static let typeMismatch = Code("typeMismatch")
        /// A table function argument that is not valid (an unknown CONFIG key, a bad value, an unknown task).
        public static let invalidArgument = Code("invalidArgument")
        /// A catalog could not read or write its storage.
        public static let catalogFailed = Code("catalogFailed")
        /// Reading a registered table's rows failed, or a row does not fit the table's schema.
        public static let tableFailed = Code("tableFailed")
        /// The awaiting task was cancelled before its prediction completed.
        public static let cancelled = Code("cancelled")
        /// A prediction did not complete within the `'timeout'` option.
        public static let timedOut = Code("timedOut")
        /// A worker process (`'execution-mode' = 'process'`) died, could not be started, or broke
        /// the protocol; the message says how (signal, exit status, its last lines of output).
        public static let workerFailed = Code("workerFailed")
        /// A model package (an archive or URL in `'model-directory-path'` or `'python.archives'`)
        /// could not be fetched, did not match `'model-sha256'`, or holds an entry that may not be
        /// unpacked; the message names the model, the package and the entry.
        public static let modelPackageFailed = Code("modelPackageFailed")
        /// A path or URL a model names is outside the allowed model roots (``ModelRoots``).
        public static let modelNotAllowed = Code("modelNotAllowed")
    }

    /// A position in SQL text, counted from 1.
    public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
        public var description: String { "line \(line), column \(column)" }
    }

    public var code: Code
    /// What went wrong, naming the model, option or column, what was expected and what was found.
    public var message: String
    /// The model concerned, when there is one.
    public var model: String?
    /// Where in SQL text the error is, for ``Code/syntaxError``.
    public var location: SourceLocation?
    /// The underlying error, typically a Python exception.
    public var cause: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, model: String? = nil, location: SourceLocation? = nil,
        cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.model = model
        self.location = location
        self.cause = cause
    }

    /// The message, followed by the cause (for a Python exception: its traceback).
    public var description: String {
        guard let cause else { return message }
        return "\(message)\nCaused by: \(cause)"
    }
}
