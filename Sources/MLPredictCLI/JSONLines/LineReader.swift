import Foundation

/// Reads a file (or standard input) line by line, numbering lines from 1.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool
    private let name: String
    private var number = 0
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    /// Why reading stopped early, if it did.
    private(set) var failure: String?
    /// The bytes read so far, line terminators included.
    private(set) var bytesRead = 0

    /// Opens `path`, or standard input when `path` is nil or `-`.
    init(path: String?) throws(RunError) {
        guard let path, path != "-" else {
            guard let standardInput = fdopen(STDIN_FILENO, "r") else {
                throw RunError("cannot read standard input: \(String(cString: strerror(errno)))")
            }
            file = standardInput
            ownsFile = false
            name = "<stdin>"
            return
        }
        guard let opened = fopen(path, "r") else {
            throw RunError("cannot open input file \(path): \(String(cString: strerror(errno)))")
        }
        file = opened
        ownsFile = true
        name = path
    }

    deinit {
        free(buffer)
        if ownsFile { fclose(file) }
    }

    /// Whether reading the next line would wait for input: nothing is buffered and the descriptor
    /// has no data ready (a slow producer on standard input, `tail -f`).
    var wouldBlock: Bool {
        if file.pointee._IO_read_ptr != file.pointee._IO_read_end { return false }
        var ready = pollfd(fd: fileno(file), events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, 0) == 0
    }

    /// The next line without its line terminator, or nil at the end.
    func nextLine() -> (number: Int, text: String)? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else {
            if ferror(file) != 0 { failure = "reading \(name) failed: \(String(cString: strerror(errno)))" }
            return nil
        }
        number += 1
        bytesRead += length
        var count = length
        while count > 0, buffer[count - 1] == 0x0A || buffer[count - 1] == 0x0D { count -= 1 }
        let text = buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
        return (number, text)
    }
}
