import Foundation

/// Reads a tar archive (POSIX ustar with pax extended headers, and GNU long names) into an
/// ``UnpackTarget``.
///
/// Hand-written because no maintained Swift tar library is available to this package, and the
/// embedded Python cannot do it safely: Debian 12's Python 3.11.2 predates `tarfile`'s extraction
/// filters (PEP 706, 3.11.4), and its `tarfile` would hold the GIL for the whole unpack. Only what
/// a model package needs is read: files, directories, symbolic and hard links; anything else (a
/// device, a FIFO, a sparse or multi-volume entry) is refused by name.
final class TarReader {
    private static let blockSize = 512
    private let source: any ByteSource
    private let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 512, alignment: 1)
    private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)

    init(_ source: any ByteSource) {
        self.source = source
    }

    deinit {
        block.deallocate()
        chunk.deallocate()
    }

    /// Unpacks every entry into `target`.
    func unpack(into target: UnpackTarget) throws(PackageFailure) {
        var pax: [String: String] = [:]
        var longName: String?
        var longLink: String?
        var index = 0
        while true {
            guard try source.readFully(block) else {
                throw PackageFailure(index == 0 ? "the archive is empty" : "the archive is truncated (no end-of-archive marker)")
            }
            if block.allSatisfy({ $0 == 0 }) { return }  // the end-of-archive marker
            let header = try Header(Array(block), index: index)
            index += 1
            switch header.type {
            case "x":
                pax.merge(try parsePax(try readData(header.size, header.name))) { $1 }
                continue
            case "g":
                _ = try readData(header.size, header.name)  // global defaults: nothing a model package needs
                continue
            case "L":
                longName = String(decoding: try readData(header.size, header.name).prefix { $0 != 0 }, as: UTF8.self)
                continue
            case "K":
                longLink = String(decoding: try readData(header.size, header.name).prefix { $0 != 0 }, as: UTF8.self)
                continue
            default:
                break
            }
            let size = pax["size"].flatMap { Int64($0) } ?? header.size
            let name = pax["path"] ?? longName ?? header.name
            let linkName = pax["linkpath"] ?? longLink ?? header.linkName
            pax = [:]
            longName = nil
            longLink = nil
            switch header.type {
            case "0", "\0", "7":
                try target.file(name, mode: header.mode) { sink in try copy(size, name, to: sink) }
                try skip(padding(size), name)
            case "5":
                try target.directory(name, mode: header.mode)
                try skip(size + padding(size), name)
            case "2":
                try target.symlink(name, target: linkName)
            case "1":
                try target.hardLink(name, target: linkName)
            case "3": throw target.refuse(name, kind: "a character device")
            case "4": throw target.refuse(name, kind: "a block device")
            case "6": throw target.refuse(name, kind: "a FIFO")
            case "S": throw target.refuse(name, kind: "a sparse file (GNU tar --sparse)")
            default: throw target.refuse(name, kind: "a tar entry of type '\(header.type)'")
            }
        }
    }

    /// One 512-byte header, its checksum verified.
    private struct Header {
        let name: String
        let linkName: String
        let mode: UInt32
        let size: Int64
        let type: Character

        init(_ block: [UInt8], index: Int) throws(PackageFailure) {
            func field(_ range: Range<Int>) -> ArraySlice<UInt8> { block[range] }
            func text(_ range: Range<Int>) -> String {
                String(decoding: field(range).prefix { $0 != 0 }, as: UTF8.self)
            }
            var sum = 0
            for (offset, byte) in block.enumerated() { sum += (148..<156).contains(offset) ? 0x20 : Int(byte) }
            guard let stored = Self.octal(field(148..<156)), stored == sum else {
                throw PackageFailure("entry \(index + 1) of the archive has a bad header checksum (not a tar file, or corrupt)")
            }
            let isUstar = Array(field(257..<263)) == Array("ustar\0".utf8)
            let prefix = isUstar ? text(345..<500) : ""
            let base = text(0..<100)
            name = prefix.isEmpty ? base : prefix + "/" + base
            linkName = text(157..<257)
            mode = UInt32(Self.octal(field(100..<108)) ?? 0o644)
            guard let size = Self.number(field(124..<136)), size >= 0 else {
                throw PackageFailure("entry '\(name)' of the archive has a bad size field")
            }
            self.size = size
            type = Character(UnicodeScalar(block[156]))
        }

        /// An octal field (NUL- or space-terminated, possibly space-padded).
        static func octal(_ bytes: ArraySlice<UInt8>) -> Int? {
            let digits = bytes.drop { $0 == 0x20 }.prefix { $0 >= 0x30 && $0 <= 0x37 }
            guard !digits.isEmpty else { return bytes.allSatisfy { $0 == 0 || $0 == 0x20 } ? 0 : nil }
            return Int(String(decoding: digits, as: UTF8.self), radix: 8)
        }

        /// A numeric field: octal, or GNU's base-256 for large values (high bit of the first byte).
        static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
            guard let first = bytes.first, first & 0x80 != 0 else { return octal(bytes).map(Int64.init) }
            guard first & 0x40 == 0 else { return nil }  // negative
            var value: Int64 = Int64(first & 0x3f)
            for byte in bytes.dropFirst() {
                guard value < Int64.max >> 8 else { return nil }
                value = value << 8 | Int64(byte)
            }
            return value
        }
    }

    /// Streams `size` bytes of entry `name` to `sink`.
    private func copy(
        _ size: Int64, _ name: String, to sink: (UnsafeRawBufferPointer) throws(PackageFailure) -> Void
    ) throws(PackageFailure) {
        var left = size
        while left > 0 {
            let part = UnsafeMutableRawBufferPointer(rebasing: chunk[..<Int(min(Int64(chunk.count), left))])
            guard try source.readFully(part) else { throw PackageFailure("the archive is truncated inside entry '\(name)'") }
            try sink(UnsafeRawBufferPointer(part))
            left -= Int64(part.count)
        }
    }

    /// The whole data of a metadata entry (a pax header, a long name), bounded to 1 MiB.
    private func readData(_ size: Int64, _ name: String) throws(PackageFailure) -> [UInt8] {
        guard size <= 1 << 20 else { throw PackageFailure("the archive's metadata entry '\(name)' is larger than 1 MiB") }
        var data: [UInt8] = []
        try copy(size, name) { bytes throws(PackageFailure) in data.append(contentsOf: bytes) }
        try skip(padding(size), name)
        return data
    }

    private func skip(_ size: Int64, _ name: String) throws(PackageFailure) {
        guard size > 0 else { return }
        try copy(size, name) { _ throws(PackageFailure) in }
    }

    private func padding(_ size: Int64) -> Int64 {
        let rest = size % Int64(Self.blockSize)
        return rest == 0 ? 0 : Int64(Self.blockSize) - rest
    }

    /// pax records: `"<length> <key>=<value>\n"`, the length counting the whole record.
    private func parsePax(_ data: [UInt8]) throws(PackageFailure) -> [String: String] {
        var records: [String: String] = [:]
        var offset = 0
        while offset < data.count {
            guard let space = data[offset...].firstIndex(of: 0x20),
                let length = Int(String(decoding: data[offset..<space], as: UTF8.self)), length > 0,
                offset + length <= data.count, data[offset + length - 1] == 0x0a,
                let equals = data[(space + 1)..<(offset + length)].firstIndex(of: 0x3d)
            else { throw PackageFailure("the archive has a malformed pax extended header") }
            let key = String(decoding: data[(space + 1)..<equals], as: UTF8.self)
            records[key] = String(decoding: data[(equals + 1)..<(offset + length - 1)], as: UTF8.self)
            offset += length
        }
        return records
    }
}
