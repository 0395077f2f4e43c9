import Dispatch

/// Runs blocking work (loading a model, synchronous predictions) on a Dispatch thread and awaits
/// it, so a test does not hold one of Swift's few cooperative threads, which other suites' async
/// tests need meanwhile (`AsyncQueryTests` checks that queries do not starve them).
func offPool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
