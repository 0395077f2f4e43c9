import Dispatch
import Foundation
import Synchronization

/// The lines of a JSON Lines file, or of the TCP connections a listener on 127.0.0.1 accepts one
/// after another, as an `AsyncSequence`.
///
/// A line is read only when the consumer asks for one, so a model slower than its input slows the
/// reading (TCP's flow control pushes back on the sender) instead of filling memory. Waiting for
/// input happens in `poll` on a Dispatch thread, never on Swift's cooperative pool.
///
/// Hand-written over POSIX sockets rather than SwiftNIO: graceful shutdown must end the input
/// exactly at what has arrived (``finishWithArrivedInput()``), which needs reads until the socket
/// would block, and this is all the example needs from a network stack.
final class LineSource: AsyncSequence, Sendable {
    typealias Element = String

    private enum Origin {
        case file(Int32)
        case listener(Int32)
    }

    private let origin: Origin
    /// The port the listener is bound to (nil for a file).
    let port: Int?
    /// A pipe `poll` also waits on; written to once, when the input is to end.
    private let wake: (read: Int32, write: Int32)
    private let finishing = Atomic<Bool>(false)

    /// The lines of the file at `path`.
    init(file path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError("cannot open \(path)") }
        origin = .file(descriptor)
        port = nil
        wake = try Self.pipe()
    }

    /// The lines sent to a TCP listener on 127.0.0.1:`port` (0: any free port, see ``port``).
    init(listeningOn port: Int) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw SystemError("cannot create a socket") }
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, address, &length) == 0
            }
        }
        guard bound, fcntl(listener, F_SETFL, O_NONBLOCK) == 0 else {
            close(listener)
            throw SystemError("cannot listen on 127.0.0.1:\(port)")
        }
        origin = .listener(listener)
        self.port = Int(UInt16(bigEndian: address.sin_port))
        wake = try Self.pipe()
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Foundation.pipe(&ends) == 0 else { throw SystemError("cannot create a pipe") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    deinit {
        switch origin {
        case .file(let descriptor), .listener(let descriptor): close(descriptor)
        }
        close(wake.read)
        close(wake.write)
    }

    /// Ends the input at what has arrived: no more connections are accepted; the current
    /// connection is read until it has nothing more to give at once (so every line the kernel
    /// holds is still delivered); a file ends at once. Called on graceful shutdown.
    func finishWithArrivedInput() {
        guard !finishing.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = write(wake.write, "x", 1)
    }

    var isFinishing: Bool { finishing.load(ordering: .acquiring) }

    func makeAsyncIterator() -> Iterator { Iterator(source: self) }

    /// Reads lines for one consumer.
    struct Iterator: AsyncIteratorProtocol {
        let source: LineSource
        /// The connection being read, for a listener.
        private var connection: Int32?
        private var buffer: [UInt8] = []
        private var atEnd = false

        init(source: LineSource) {
            self.source = source
        }

        mutating func next() async throws -> String? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    defer { buffer.removeSubrange(...newline) }
                    return String(decoding: buffer[..<newline], as: UTF8.self)
                }
                if atEnd { return nil }
                switch source.origin {
                case .file(let descriptor):
                    if source.isFinishing { return nil }
                    if try read(descriptor) == .ended {
                        if !buffer.isEmpty { buffer.append(UInt8(ascii: "\n")) }  // a last line without newline
                        atEnd = true
                    }
                case .listener(let listener):
                    if let connection {
                        switch try read(connection) {
                        case .read: break
                        case .ended: endConnection()
                        case .wouldBlock:
                            // Graceful shutdown: every line that has arrived is read; the input ends.
                            if source.isFinishing { endConnection() } else { await source.waitForInput(on: connection) }
                        }
                    } else if source.isFinishing {
                        return nil
                    } else if let accepted = accept(listener) {
                        connection = accepted
                    } else {
                        await source.waitForInput(on: listener)
                    }
                }
            }
        }

        private enum Outcome { case read, wouldBlock, ended }

        /// Reads what `descriptor` has into the buffer.
        private mutating func read(_ descriptor: Int32) throws -> Outcome {
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffer.append(contentsOf: chunk[..<count])
                    return .read
                }
                if count == 0 || errno == ECONNRESET { return .ended }
                if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
                if errno != EINTR { throw SystemError("cannot read the input") }
            }
        }

        /// Closes the connection; a partial last line is dropped (it was never completed).
        private mutating func endConnection() {
            if let connection { close(connection) }
            connection = nil
            buffer = []
            if source.isFinishing { atEnd = true }
        }

        /// A connection waiting on `listener`, non-blocking, or nil if none is.
        private func accept(_ listener: Int32) -> Int32? {
            let accepted = Foundation.accept(listener, nil, nil)
            guard accepted >= 0 else { return nil }
            _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
            _ = fcntl(accepted, F_SETFL, O_NONBLOCK)
            return accepted
        }
    }

    /// Waits until `descriptor` is readable or the input is to end, on a Dispatch thread.
    fileprivate func waitForInput(on descriptor: Int32) async {
        let wake = wake.read
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
                while poll(&descriptors, 2, -1) < 0, errno == EINTR {}
                continuation.resume()
            }
        }
    }
}

/// A failed system call, with `errno`'s description.
struct SystemError: Error, CustomStringConvertible {
    let description: String

    init(_ what: String) {
        description = "\(what): \(String(cString: strerror(errno)))"
    }
}
