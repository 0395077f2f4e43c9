import Foundation
internal import ZIPFoundation

/// The archive formats a model package may be, told by their first bytes (not by the file name,
/// so a URL without an extension works).
enum ArchiveFormat: String, Sendable {
    case zip, gzipTar = "tar.gz", tar

    /// The format of the file at `url`, or nil when it is none of them.
    static func of(_ url: URL) -> ArchiveFormat? {
        guard let source = try? FileSource(url) else { return nil }
        var head = [UInt8](repeating: 0, count: 263)
        let count = (try? head.withUnsafeMutableBytes { (bytes) throws(PackageFailure) in try source.read(into: bytes) }) ?? 0
        if count >= 4, head[0..<4] == [0x50, 0x4b, 0x03, 0x04] || head[0..<4] == [0x50, 0x4b, 0x05, 0x06] { return .zip }
        if count >= 2, head[0] == 0x1f, head[1] == 0x8b { return .gzipTar }
        if count >= 263, Array(head[257..<262]) == Array("ustar".utf8) { return .tar }
        return nil
    }
}

/// Unpacks a model package archive through an ``UnpackTarget``, which refuses any entry that could
/// escape the target directory.
enum ArchiveUnpacker {
    static func unpack(_ archive: URL, format: ArchiveFormat, into target: UnpackTarget, limits: ModelPackageLimits)
        throws(PackageFailure)
    {
        switch format {
        case .tar: try TarReader(FileSource(archive)).unpack(into: target)
        case .gzipTar: try TarReader(GzipSource(archive, limit: limits.maximumUnpackedBytes)).unpack(into: target)
        case .zip: try unzip(archive, into: target)
        }
        try target.finish()
    }

    /// ZIPFoundation reads the archive (central directory, deflate, CRC-32); the target writes it.
    private static func unzip(_ url: URL, into target: UnpackTarget) throws(PackageFailure) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw PackageFailure("cannot read the zip archive: \(error)")
        }
        for entry in archive {
            let name = entry.path
            let mode = (entry.fileAttributes[.posixPermissions] as? NSNumber).map { $0.uint32Value }
            do {
                switch entry.type {
                case .directory:
                    try target.directory(name, mode: mode)
                case .file:
                    try target.file(name, mode: mode) { sink in
                        // The consumer form returns the CRC-32 it computed without comparing it.
                        let checksum = try archive.extract(entry, skipCRC32: false) { data in
                            try data.withUnsafeBytes { bytes in try sink(bytes) }
                        }
                        guard checksum == entry.checksum else {
                            throw PackageFailure(
                                "entry '\(name)' is corrupt: its bytes have CRC-32 \(String(checksum, radix: 16)), but the "
                                    + "archive records \(String(entry.checksum, radix: 16))")
                        }
                    }
                case .symlink:
                    var link = Data()
                    _ = try archive.extract(entry) { link.append($0) }
                    try target.symlink(name, target: String(decoding: link, as: UTF8.self))
                }
            } catch let failure as PackageFailure {
                throw failure
            } catch {
                throw PackageFailure("cannot read entry '\(name)' from the zip archive: \(error)")
            }
        }
    }
}
