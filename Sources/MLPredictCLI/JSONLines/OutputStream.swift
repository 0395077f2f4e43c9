import Foundation

/// Buffered output for result lines, on a descriptor of their own.
///
/// The run flushes it before each prediction of an in-process model (so a model that crashes the
/// host loses no row already predicted), before waiting for input, and at least every
/// ``maximumDelay`` otherwise.
final class OutputStream {
    /// The longest a written line stays buffered while rows keep coming.
    static let maximumDelay = Duration.milliseconds(50)
    private var lastFlush = ContinuousClock.now
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 16

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Keeps standard output for result lines only: results go to a duplicate of it, and file
    /// descriptor 1 becomes a copy of standard error, so that whatever else writes there (Python's
    /// `print`, C extensions, child processes) cannot corrupt the JSON Lines.
    static func reservingStandardOutput() throws(RunError) -> OutputStream {
        let results = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0)
        guard results >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            throw RunError("cannot set standard output aside for results: \(String(cString: strerror(errno)))")
        }
        return OutputStream(descriptor: results)
    }

    /// Writes result lines to the file at `path`, created or truncated.
    static func file(_ path: String) throws(RunError) -> OutputStream {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunError(
                "cannot open output file \(path): \(String(cString: strerror(errno)))", status: ExitStatus.ioFailed)
        }
        return OutputStream(descriptor: descriptor)
    }

    /// Appends `line` and a newline; writes out once 64 KiB are buffered.
    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { flush() }
    }

    /// Appends the UTF-8 text of one line, which `bytes` holds, and a newline.
    func write(line bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { flush() }
    }

    /// Whether anything is buffered.
    var hasBufferedLines: Bool { !buffer.isEmpty }

    /// Flushes if lines have waited ``maximumDelay``.
    func flushIfDue() {
        if !buffer.isEmpty, ContinuousClock.now - lastFlush >= Self.maximumDelay { flush() }
    }

    /// Writes out everything buffered.
    func flush() {
        lastFlush = .now
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                break  // e.g. a closed pipe: nothing more can be delivered
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
