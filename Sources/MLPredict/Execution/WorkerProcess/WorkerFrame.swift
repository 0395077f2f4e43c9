/// One message between the host and a worker (docs/row-framing.md): a kind letter, the request
/// id, and a pickled payload, behind a little-endian length.
struct WorkerFrame: Sendable {
    /// Host → worker: open the model; predict a row, a batch, or columns.
    static let open = UInt8(ascii: "O")
    static let predict = UInt8(ascii: "P")
    static let predictBatch = UInt8(ascii: "B")
    static let predictColumns = UInt8(ascii: "C")
    /// Worker → host: ready, a value, an error; a log record, between answers (JSON, not a pickle).
    static let ready = UInt8(ascii: "R")
    static let value = UInt8(ascii: "V")
    static let error = UInt8(ascii: "E")
    static let log = UInt8(ascii: "L")

    /// The bytes before the payload after the length: kind and id.
    static let headerSize = 9

    var kind: UInt8
    var id: UInt64
    var payload: [UInt8]

    /// The frame as written to the pipe: length, kind, id, payload.
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + Self.headerSize + payload.count)
        withUnsafeBytes(of: UInt32(Self.headerSize + payload.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(kind)
        withUnsafeBytes(of: id.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// Parses a frame's body (everything after the length).
    init?(body: [UInt8]) {
        guard body.count >= Self.headerSize else { return nil }
        kind = body[0]
        id = body[1..<9].reversed().reduce(0) { $0 << 8 | UInt64($1) }
        payload = Array(body[9...])
    }

    init(kind: UInt8, id: UInt64, payload: [UInt8]) {
        self.kind = kind
        self.id = id
        self.payload = payload
    }
}
