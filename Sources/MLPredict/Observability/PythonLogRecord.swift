import Foundation
import Logging

/// A record a model logged with Python's `logging`, as `mlpredict._log_bridge` sends it: a JSON
/// object from the host's interpreter (a callable over Swift) or from a worker (an `L` frame,
/// docs/row-framing.md). Logged with swift-log under the label ``label``.
struct PythonLogRecord: Decodable, Sendable {
    /// The swift-log label of every model's logger and of Python's records.
    static let label = "mlpredict.model"

    /// Python's level number (`logging.INFO` is 20; custom levels anywhere).
    var level: Int
    /// The Python logger's name (`logging.getLogger(name)`).
    var logger: String
    /// The formatted message, with the exception's traceback if the record has one.
    var message: String
    /// The model whose code logged it, when the host's interpreter could tell.
    var model: String?
    var file: String
    var line: Int
    var function: String

    /// Decodes `payload` and logs it; the model is `model` when the record names none (a worker's).
    /// A payload that does not decode is logged as an error saying so.
    static func log(_ payload: some Collection<UInt8>, model: String?) {
        do {
            var record = try JSONDecoder().decode(PythonLogRecord.self, from: Data(payload))
            record.model = record.model ?? model
            record.log()
        } catch {
            var logger = Logger(label: label)
            if let model { logger[metadataKey: "model"] = "\(model)" }
            logger.error("a Python log record could not be read (\(error)): \(String(decoding: payload, as: UTF8.self))")
        }
    }

    /// Logs the record with a logger of label ``label`` made now, so an app's backend applies
    /// however late it was bootstrapped: metadata `model` (when known) and `python.logger`, the
    /// Python source location as the message's.
    func log() {
        let logger = Logger(label: Self.label)
        var metadata: Logger.Metadata = ["python.logger": "\(self.logger)"]
        if let model { metadata["model"] = "\(model)" }
        logger.log(
            level: Self.level(python: level), "\(message)", metadata: metadata, source: "python", file: file,
            function: function, line: UInt(clamping: line))
    }

    /// Python's levels and where swift-log's sit among them: `TRACE` (5, a common custom level),
    /// `DEBUG`, `INFO`, `NOTICE` (25), `WARNING`, `ERROR`, `CRITICAL`.
    private static let anchors: [(python: Int, level: Logger.Level)] = [
        (5, .trace), (10, .debug), (20, .info), (25, .notice), (30, .warning), (40, .error), (50, .critical),
    ]

    /// The swift-log level of a Python level: `DEBUG` → debug, `INFO` → info, `WARNING` → warning,
    /// `ERROR` → error, `CRITICAL` → critical; any other number the nearest of ``anchors``, a tie
    /// going to the more severe.
    static func level(python number: Int) -> Logger.Level {
        var best = anchors[0]
        for anchor in anchors.dropFirst() where abs(anchor.python - number) <= abs(best.python - number) {
            best = anchor
        }
        return best.level
    }

    /// The least Python level that maps to `level` or a more severe one: where Python's root
    /// logger starts passing records on for a host logger at `level`.
    static func pythonThreshold(for level: Logger.Level) -> Int {
        (1...anchors.last!.python).first { Self.level(python: $0) >= level } ?? anchors.last!.python
    }
}
