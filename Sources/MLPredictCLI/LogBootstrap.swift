import Foundation
import Logging

/// Where `mlpredict`'s logs go: the library's and, through it, what models log with Python's
/// `logging`, one line each on standard error (standard output holds only results), from the level
/// `MLPREDICT_LOG_LEVEL` names (`trace` … `critical`; default `info`).
enum LogBootstrap {
    static let variable = "MLPREDICT_LOG_LEVEL"

    /// Bootstraps swift-log once, before any command runs.
    static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let text = environment[variable]?.lowercased()
        let level = text.flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        if let text, Logger.Level(rawValue: text) == nil {
            let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            Logger(label: "mlpredict").warning("\(variable) must be one of \(levels); found '\(text)', using 'info'")
        }
    }
}
