#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A benchmark that could not run, or read wrong results.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// Takes over a malloc'd message from the C floor.
    init(cMessage message: UnsafeMutablePointer<CChar>?) {
        description = message.map { String(cString: $0) } ?? "the C floor failed without a message"
        free(message)
    }
}
