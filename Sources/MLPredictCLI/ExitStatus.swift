import ArgumentParser

/// The exit statuses of `mlpredict` (README.md lists them).
enum ExitStatus {
    /// A row failed (bad input, or a prediction error under the `FAILOVER` strategy).
    static let rowFailed = ExitCode(1)
    /// The model file could not be read, or the model could not be defined, loaded or opened.
    static let modelFailed = ExitCode(3)
    /// Reading the input or writing the output failed.
    static let ioFailed = ExitCode(4)
    // Usage errors exit with ArgumentParser's 64 (EX_USAGE); an interrupt (SIGINT) with 130.
}
