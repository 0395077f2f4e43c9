internal import AsyncHTTPClient
import Crypto
import Dispatch
import Foundation
internal import NIOCore
internal import NIOHTTP1
import Synchronization

/// Downloads one `http(s)` URL into a file with AsyncHTTPClient, hashing it on the way, within the
/// size and time limits.
///
/// Redirects are followed here rather than by the client (at most ``maximumRedirects``), so each
/// target is checked against the model roots before it is requested: a URL inside them cannot lead
/// outside. `download` blocks its thread until the transfer ends (model loading is synchronous and
/// runs off Swift's cooperative pool); the body is written on a queue of its own, so disk writes
/// never block NIO's event loops, and the client waits for each write before reading more.
enum Downloader {
    static let maximumRedirects = 5

    /// Fetches `url` into `file` (created or truncated) and returns the SHA-256 of its bytes as
    /// lowercase hex. A redirect is followed only when `redirect` returns nil for its URL (else the
    /// reason to refuse).
    static func download(
        _ url: URL, to file: URL, limits: ModelPackageLimits, redirect: @escaping @Sendable (URL) -> String?
    ) throws(PackageFailure) -> String {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: TimeAmount(limits.idleTimeout), read: TimeAmount(limits.idleTimeout))
        // A refused connection fails the load at once (the client would retry until the timeout).
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        defer { try? client.syncShutdown() }
        let deadline = NIODeadline.now() + TimeAmount(limits.downloadTimeout)
        var current = url
        for _ in 0...maximumRedirects {
            let request: HTTPClient.Request
            do {
                request = try HTTPClient.Request(url: current)
            } catch {
                throw PackageFailure("'\(current.absoluteString)' is not a URL that can be fetched: \(error)")
            }
            let transfer = try Transfer(file: file, limit: limits.maximumDownloadBytes)
            let outcome: Transfer.Outcome
            do {
                outcome = try client.execute(request: request, delegate: transfer, deadline: deadline).wait()
            } catch let failure as PackageFailure {
                throw failure
            } catch {
                throw PackageFailure(describe(error, limits))
            }
            switch outcome {
            case .body(let digest):
                return digest
            case .redirect(let location):
                guard let next = URL(string: location, relativeTo: current)?.absoluteURL,
                    let scheme = next.scheme?.lowercased(), scheme == "http" || scheme == "https"
                else { throw PackageFailure("it redirects to '\(location)', which is not an http(s) URL") }
                if let refusal = redirect(next) { throw PackageFailure("it redirects to \(next.absoluteString), which \(refusal)") }
                current = next
            }
        }
        throw PackageFailure("it redirects more than \(maximumRedirects) times")
    }

    /// AsyncHTTPClient's and NIO's errors in plain words (connection refused, timed out, host not found).
    private static func describe(_ error: any Error, _ limits: ModelPackageLimits) -> String {
        switch error as? HTTPClientError {
        case .deadlineExceeded?:
            return "the download took longer than \(limits.downloadTimeout) (ModelPackageLimits.downloadTimeout)"
        case .readTimeout?:
            return "the server sent nothing for \(limits.idleTimeout) (ModelPackageLimits.idleTimeout)"
        case .connectTimeout?:
            return "connecting to the server timed out after \(limits.idleTimeout) (ModelPackageLimits.idleTimeout)"
        default:
            return "the download failed: \(error)"
        }
    }

    /// One request's response: checks the status and size, writes and hashes the body.
    private final class Transfer: HTTPClientResponseDelegate, Sendable {
        enum Outcome: Sendable {
            /// The body was written; its SHA-256.
            case body(String)
            /// A redirect to `Location` (the body, if any, was ignored).
            case redirect(String)
        }

        private struct State {
            var hasher = SHA256()
            var bytes: Int64 = 0
            var location: String?
        }

        private let descriptor: Int32
        private let limit: Int64
        private let state = Mutex(State())
        /// Where body parts are written, one after another, off the event loop.
        private let queue = DispatchQueue(label: "mlpredict.package-download")

        init(file: URL, limit: Int64) throws(PackageFailure) {
            descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw PackageFailure("cannot create \(file.path): \(String(cString: strerror(errno)))") }
            self.limit = limit
        }

        deinit {
            close(descriptor)
        }

        func didReceiveHead(task: HTTPClient.Task<Outcome>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
            let status = head.status
            if [301, 302, 303, 307, 308].contains(status.code), let location = head.headers.first(name: "Location") {
                state.withLock { $0.location = location }
                return task.eventLoop.makeSucceededVoidFuture()
            }
            guard (200..<300).contains(status.code) else {
                return task.eventLoop.makeFailedFuture(
                    PackageFailure("the server answered HTTP \(status.code) (\(status.reasonPhrase))"))
            }
            if let length = head.headers.first(name: "Content-Length").flatMap({ Int64($0) }), length > limit {
                return task.eventLoop.makeFailedFuture(
                    PackageFailure("it is \(length) bytes, more than the limit of \(limit) (ModelPackageLimits.maximumDownloadBytes)"))
            }
            return task.eventLoop.makeSucceededVoidFuture()
        }

        func didReceiveBodyPart(task: HTTPClient.Task<Outcome>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
            let promise = task.eventLoop.makePromise(of: Void.self)
            queue.async {
                do {
                    try self.write(buffer)
                    promise.succeed()
                } catch {
                    promise.fail(error)
                }
            }
            return promise.futureResult
        }

        func didReceiveError(task: HTTPClient.Task<Outcome>, _ error: any Error) {}

        func didFinishRequest(task: HTTPClient.Task<Outcome>) throws -> Outcome {
            state.withLock { state in
                if let location = state.location { return .redirect(location) }
                return .body(PackageStore.hex(state.hasher.finalize()))
            }
        }

        private func write(_ buffer: ByteBuffer) throws(PackageFailure) {
            let failure = state.withLock { state -> PackageFailure? in
                guard state.location == nil else { return nil }  // a redirect's own body
                state.bytes += Int64(buffer.readableBytes)
                guard state.bytes <= limit else {
                    return PackageFailure("it is more than \(limit) bytes (ModelPackageLimits.maximumDownloadBytes)")
                }
                return buffer.withUnsafeReadableBytes { bytes -> PackageFailure? in
                    state.hasher.update(bufferPointer: bytes)
                    var offset = 0
                    while offset < bytes.count {
                        let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            return PackageFailure("writing it to the package cache failed: \(String(cString: strerror(errno)))")
                        }
                        offset += written
                    }
                    return nil
                }
            }
            if let failure { throw failure }
        }
    }
}

extension TimeAmount {
    /// `duration`, to the nanosecond.
    fileprivate init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
