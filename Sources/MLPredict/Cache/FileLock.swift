import Foundation

/// An exclusive advisory lock on a file (`flock`), held across processes, so two processes that
/// build the same cache entry at once take turns: the second finds the first's finished entry.
/// Hand-written because Foundation has no inter-process lock; `flock` is released by the kernel
/// if the holder dies, so a killed build never leaves the cache locked.
enum FileLock {
    /// Runs `body` holding the lock on `path` (created if missing), waiting for other holders.
    /// Blocks the calling thread: call it off Swift's cooperative pool.
    static func withLock<T>(at path: URL, _ body: () throws -> T) throws -> T {
        let descriptor = open(path.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path.path])
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw CocoaError(.fileLocking, userInfo: [NSFilePathErrorKey: path.path])
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
