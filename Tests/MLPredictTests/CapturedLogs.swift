import Logging
import Synchronization

/// Every swift-log record of this test process. swift-log takes one bootstrap per process and the
/// Python log bridge logs through the global factory (as an app's backend receives them), so the
/// first use bootstraps a handler that keeps every record; each test picks its own by model name.
final class CapturedLogs: Sendable {
    struct Entry: Sendable {
        var label: String
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
        var source: String
        var file: String
        var function: String
        var line: UInt
    }

    static let shared: CapturedLogs = {
        let logs = CapturedLogs()
        LoggingSystem.bootstrap { label in Handler(label: label, logs: logs) }
        return logs
    }()

    private let entries = Mutex<[Entry]>([])

    /// The records whose `model` metadata is `model`, in order.
    func entries(model: String) -> [Entry] {
        entries.withLock { $0.filter { $0.metadata["model"] == "\(model)" } }
    }

    /// The records whose message contains `text`.
    func entries(containing text: String) -> [Entry] {
        entries.withLock { $0.filter { $0.message.contains(text) } }
    }

    private struct Handler: LogHandler {
        let label: String
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let entry = Entry(
                label: label, level: event.level, message: "\(event.message)",
                metadata: metadata.merging(event.metadata ?? [:]) { $1 }, source: event.source, file: event.file,
                function: event.function, line: event.line)
            logs.entries.withLock { $0.append(entry) }
        }
    }
}
