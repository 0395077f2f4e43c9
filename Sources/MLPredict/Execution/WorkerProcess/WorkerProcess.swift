import Foundation
import Synchronization

/// One worker: a child process running `python -m mlpredict.worker` (docs/row-framing.md), the
/// thread that reads its answers (and logs its `logging` records with swift-log), and the thread
/// that forwards its output to standard error.
///
/// A worker that dies (a signal, `os._exit`, the OOM killer) is noticed at once, by end of file on
/// its answer pipe, and reaped with `waitpid`: every request in flight then fails with
/// ``MLPredictError/Code/workerFailed`` saying what happened and the worker's last lines of output.
final class WorkerProcess: Sendable {
    typealias Completion = @Sendable (Result<WorkerFrame, MLPredictError>) -> Void

    let pid: pid_t
    let model: String
    let startedAt = ContinuousClock.now
    private let requests: Int32
    /// Guards writes to `requests`; true once it is closed.
    private let writing = Mutex(false)
    private let state = Mutex(State())
    private let exited = DispatchSemaphore(value: 0)

    private struct State {
        var pending: [UInt64: Completion] = [:]
        var nextID: UInt64 = 0
        /// Why the worker is gone, once it is.
        var exit: MLPredictError?
        /// Why the host killed it, if it did.
        var killReason: String?
        /// Killed by the host, or found dead: it takes no more requests.
        var isDying = false
        var tail: [String] = []
    }

    /// Starts a worker running `executable` and returns once it is spawned (not yet opened).
    init(executable: String, model: String, environment: [String: String], onExit: @escaping @Sendable (WorkerProcess) -> Void)
        throws(MLPredictError)
    {
        self.model = model
        var pipes: [[Int32]] = []
        for index in 0..<3 {
            var ends: [Int32] = [0, 0]
            // Requests go over a socket, written with MSG_NOSIGNAL: a worker that died cannot
            // raise SIGPIPE in the host.
            let made =
                index == 0
                ? socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends)
                : pipe(&ends)
            guard made == 0 else {
                pipes.flatMap { $0 }.forEach { close($0) }
                throw Self.failure(model, "cannot create a pipe for a worker: \(String(cString: strerror(errno)))")
            }
            // Above the descriptors the child's dup2s target, so no dup2 overwrites a later source.
            pipes.append(ends.map { end in
                let high = fcntl(end, F_DUPFD_CLOEXEC, 10)
                close(end)
                return high
            })
        }
        let (request, response, output) = (pipes[0], pipes[1], pipes[2])
        let arguments = [executable, "-m", "mlpredict.worker"]
        let variables = environment.map { "\($0.key)=\($0.value)" }
        let (status, child) = SpawnerThread.run {
            Self.spawn(arguments, variables, stdout: output[1], requests: request[0], responses: response[1])
        }

        close(request[0])
        close(response[1])
        close(output[1])
        guard status == 0 else {
            [request[1], response[0], output[0]].forEach { close($0) }
            throw Self.failure(model, "cannot start a worker with '\(executable)': \(String(cString: strerror(status)))")
        }
        pid = child
        requests = request[1]
        let answers = response[0]
        let forwarded = Thread { [self] in forwardOutput(output[0]) }
        forwarded.name = "mlpredict-worker-output"
        forwarded.start()
        let reader = Thread { [self] in
            readAnswers(answers)
            reap()
            onExit(self)
        }
        reader.name = "mlpredict-worker-reader"
        reader.start()
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not export: looked up once by name.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np").map {
            unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }
    }()

    /// `posix_spawn` of a worker with its descriptors in place: /dev/null, `stdout` as 1 and 2,
    /// `requests` as 3, `responses` as 4 and no other (`closefrom`), its own process group, default
    /// signal handling.
    ///
    /// No other descriptor: one another thread has open without `O_CLOEXEC` at that moment must not
    /// live on in the worker. Foundation's `Process` learns that its child ended when a socket it
    /// lends the child is closed (swift-corelibs-foundation#4795); a worker that inherited it kept
    /// that `waitUntilExit` waiting for as long as the worker lived.
    private static func spawn(
        _ arguments: [String], _ variables: [String], stdout: Int32, requests: Int32, responses: Int32
    ) -> (Int32, pid_t) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stdout, 2)
        posix_spawn_file_actions_adddup2(&actions, requests, 3)
        posix_spawn_file_actions_adddup2(&actions, responses, 4)
        _ = addCloseFrom?(&actions, 5)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: a Ctrl-C at the terminal reaches the host, which stops the workers.
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGPIPE, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var child = pid_t()
        let status = withCStrings(arguments) { argv in
            withCStrings(variables) { envp in posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp) }
        }
        return (status, child)
    }

    /// Sends a request; `completion` gets its answer, or the failure that ends it. Past `deadline`
    /// the worker is killed (it cannot be interrupted otherwise) and the request times out.
    func send(_ kind: UInt8, _ payload: [UInt8], deadline: ContinuousClock.Instant?, _ completion: @escaping Completion) {
        let id: UInt64? = state.withLock { state in
            guard state.exit == nil else { return nil }
            state.nextID += 1
            state.pending[state.nextID] = completion
            return state.nextID
        }
        guard let id else {
            return completion(.failure(state.withLock { $0.exit! }))
        }
        if let deadline {
            let delay = ContinuousClock.now.duration(to: deadline)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: delay.nanoseconds))) { [self] in
                timeOut(id)
            }
        }
        let frame = WorkerFrame(kind: kind, id: id, payload: payload).bytes
        let written = writing.withLock { closed in !closed && writeAll(requests, frame, socket: true) }
        if !written {
            // The worker is gone or going: its reader fails the request with the reason.
            kill(reason: nil)
        }
    }

    /// Kills the worker (SIGKILL); `reason` is told to the requests it fails.
    func kill(reason: String?) {
        state.withLock { state in
            if state.killReason == nil { state.killReason = reason }
            state.isDying = true
        }
        _ = Foundation.kill(pid, SIGKILL)
    }

    /// Asks the worker to close its model and exit (end of file on its requests), and waits up to
    /// `grace` for it before killing it.
    func stop(grace: Duration) {
        writing.withLock { closed in
            if !closed { close(requests) }
            closed = true
        }
        if exited.wait(timeout: .now() + .nanoseconds(Int(clamping: grace.nanoseconds))) == .timedOut {
            kill(reason: "it did not exit within \(grace) of being asked to stop")
            exited.wait()
        }
    }

    deinit {
        writing.withLock { closed in
            if !closed { close(requests) }
        }
    }

    /// Waits until the worker has exited and been reaped.
    func waitUntilExited() {
        exited.wait()
        exited.signal()
    }

    /// Whether the worker takes requests: not killed, not exited.
    var isAlive: Bool { state.withLock { !$0.isDying && $0.exit == nil } }

    /// Why the worker exited, once it has.
    var exitError: MLPredictError? { state.withLock { $0.exit } }

    private func timeOut(_ id: UInt64) {
        let completion = state.withLock { $0.pending.removeValue(forKey: id) }
        guard let completion else { return }
        kill(reason: "a call ran past its 'timeout'")  // before the caller can send again
        completion(.failure(MLPredictError(
            .timedOut,
            "model '\(model)': the call did not finish within its 'timeout'; its worker (pid \(pid)) was killed and is "
                + "replaced", model: model)))
    }

    private func readAnswers(_ descriptor: Int32) {
        defer {
            close(descriptor)
            state.withLock { $0.isDying = true }
        }
        var reader = FrameReader(descriptor: descriptor)
        while let frame = reader.next() {
            if frame.kind == WorkerFrame.log {
                PythonLogRecord.log(frame.payload, model: model)
                continue
            }
            let completion = state.withLock { $0.pending.removeValue(forKey: frame.id) }
            completion?(.success(frame))
        }
    }

    /// Reaps the child and fails what is still pending with what happened to it.
    private func reap() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        Thread.sleep(forTimeInterval: 0.05)  // let the last lines of output arrive
        let (pending, error) = state.withLock { state -> ([Completion], MLPredictError) in
            let how = Self.describe(status: status)
            let why = state.killReason.map { " after the host killed it because \($0)" } ?? ""
            let tail = state.tail.isEmpty ? "" : "; its last output:\n" + state.tail.joined(separator: "\n")
            let error = MLPredictError(
                .workerFailed, "model '\(model)': its worker process (pid \(pid)) \(how)\(why)\(tail)", model: model)
            state.exit = error
            defer { state.pending = [:] }
            return (Array(state.pending.values), error)
        }
        exited.signal()
        pending.forEach { $0(.failure(error)) }
    }

    /// "was killed by signal SIGSEGV (11)", "exited with status 0".
    static func describe(status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "exited with status \((status >> 8) & 0xff)" }
        let name = strsignal(signal).map { String(cString: $0) } ?? "signal"
        let abbreviations: [Int32: String] = [
            SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGKILL: "SIGKILL", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE",
            SIGILL: "SIGILL", SIGTERM: "SIGTERM", SIGINT: "SIGINT",
        ]
        return "was killed by signal \(abbreviations[signal] ?? "\(signal)") (\(name))"
    }

    /// Copies the worker's output to standard error in whole lines prefixed with the model's name,
    /// keeping the last lines for error messages.
    private func forwardOutput(_ descriptor: Int32) {
        defer { close(descriptor) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: chunk[0..<count])
            while let newline = pending.firstIndex(of: 0x0A) {
                emit(Array(pending[..<newline]))
                pending.removeSubrange(...newline)
            }
        }
        if !pending.isEmpty { emit(pending) }
    }

    private func emit(_ line: [UInt8]) {
        let text = String(decoding: line, as: UTF8.self)
        state.withLock { state in
            state.tail.append(text)
            if state.tail.count > 20 { state.tail.removeFirst() }
        }
        WorkerOutput.write("[\(model)] \(text)\n")
    }

    private static func failure(_ model: String, _ message: String) -> MLPredictError {
        MLPredictError(.workerFailed, "model '\(model)': \(message)", model: model)
    }
}

/// Standard error shared by every worker's forwarded output: one whole line at a time.
enum WorkerOutput {
    private static let lock = Mutex(())

    static func write(_ line: String) {
        lock.withLock { _ in _ = writeAll(STDERR_FILENO, Array(line.utf8)) }
    }
}

/// Reads length-prefixed frames from a descriptor.
private struct FrameReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    mutating func next() -> WorkerFrame? {
        guard let header = take(4) else { return nil }
        let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16 | Int(header[3]) << 24
        guard let body = take(length) else { return nil }
        return WorkerFrame(body: body)
    }

    /// The next `count` bytes, reading as needed; nil at end of file.
    private mutating func take(_ count: Int) -> [UInt8]? {
        while buffer.count - start < count {
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let wanted = max(count - buffer.count, 1 << 16)
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: wanted))
            let read = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + old, wanted) }
            buffer.removeLast(wanted - max(read, 0))
            if read < 0, errno == EINTR { continue }
            if read <= 0 { return nil }
        }
        defer { start += count }
        return Array(buffer[start..<start + count])
    }
}

/// Writes all of `bytes`; false if the descriptor failed (a closed pipe).
@discardableResult
func writeAll(_ descriptor: Int32, _ bytes: [UInt8], socket: Bool = false) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes {
            socket
                ? send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                : Foundation.write(descriptor, $0.baseAddress, $0.count)
        }
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += written
    }
    return true
}

/// Runs `body` with `strings` as a NULL-terminated C array.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
    var pointers = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}

extension Duration {
    /// In whole nanoseconds (negative durations as 0).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
