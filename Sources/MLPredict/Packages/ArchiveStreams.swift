internal import CMLPredictZlib
import Foundation

/// Bytes read front to back: a file, or a gzip stream inflated on the way.
protocol ByteSource: AnyObject {
    /// Up to `count` bytes into `buffer` (from its start); fewer only at the end. Returns how many.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PackageFailure) -> Int
}

extension ByteSource {
    /// Fills `buffer` completely; false when the source ended first (nothing or part was read).
    func readFully(_ buffer: UnsafeMutableRawBufferPointer) throws(PackageFailure) -> Bool {
        var filled = 0
        while filled < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { return false }
            filled += count
        }
        return true
    }
}

/// A file's bytes, read with `read(2)`.
final class FileSource: ByteSource {
    private let descriptor: Int32

    init(_ url: URL) throws(PackageFailure) {
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PackageFailure("cannot open \(url.path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(descriptor)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PackageFailure) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw PackageFailure("cannot read the archive: \(String(cString: strerror(errno)))") }
        }
    }
}

/// A gzip file inflated as it is read, by zlib (which checks each member's CRC-32 and size).
/// Concatenated members are read as one stream, as `gzip -d` does; bytes after the last member
/// that do not start another are ignored, as `gzip -d` ignores trailing garbage. The inflated
/// total is bounded, so a small file cannot unpack to fill the disk.
final class GzipSource: ByteSource {
    private let file: FileSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    private var inputEnded = false
    private var ended = false
    private var inflated: Int64 = 0
    private let limit: Int64

    init(_ url: URL, limit: Int64) throws(PackageFailure) {
        file = try FileSource(url)
        self.limit = limit
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + 15: a gzip wrapper and the largest window.
        // On failure deinit still runs (self is complete): inflateEnd of an unstarted stream is harmless.
        guard inflateInit2_(stream, 16 + 15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PackageFailure("cannot start zlib")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PackageFailure) -> Int {
        guard !ended, buffer.count > 0 else { return 0 }
        while true {
            if stream.pointee.avail_in == 0, !inputEnded { try refill() }
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(buffer.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            inflated += Int64(produced)
            if inflated > limit {
                throw PackageFailure(
                    "the gzip stream inflates to more than \(limit) bytes; raise ModelPackageLimits.maximumUnpackedBytes "
                        + "if the model is that large")
            }
            switch status {
            case Z_STREAM_END:
                try startNextMember()
            case Z_OK:
                break
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 && inputEnded:
                throw PackageFailure("the gzip stream is truncated (the file ends inside it)")
            case Z_BUF_ERROR:
                break
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw PackageFailure("the gzip stream is corrupt: \(detail)")
            }
            if produced > 0 || ended { return produced }
        }
    }

    /// Reads more of the file behind the bytes zlib has not consumed yet.
    private func refill() throws(PackageFailure) {
        let left = Int(stream.pointee.avail_in)
        if left > 0, let next = stream.pointee.next_in { input.baseAddress!.copyMemory(from: next, byteCount: left) }
        let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[left...]))
        inputEnded = count == 0
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(left + count)
    }

    /// After a member's end: another member (starting with gzip's magic) continues the stream.
    private func startNextMember() throws(PackageFailure) {
        while stream.pointee.avail_in < 2, !inputEnded { try refill() }
        guard stream.pointee.avail_in >= 2, stream.pointee.next_in[0] == 0x1f, stream.pointee.next_in[1] == 0x8b else {
            ended = true
            return
        }
        inflateReset(stream)
    }
}
