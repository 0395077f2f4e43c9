import MLPredict

extension Value {
    /// This value of `type` with the padding of every CHAR and BINARY value in it removed
    /// (trailing spaces, trailing zero bytes), which input conversion must add back.
    func unpadded(as type: DataType) -> Value {
        switch (self, type.kind) {
        case (.string(let text), .char):
            var scalars = text.unicodeScalars
            while scalars.last == " " { scalars.removeLast() }
            return .string(String(scalars))
        case (.binary(let bytes), .binary):
            var bytes = bytes
            while bytes.last == 0 { bytes.removeLast() }
            return .binary(bytes)
        case (.array(let values), .array(let element)):
            return .array(values.map { $0.unpadded(as: element) })
        case (.map(let entries), .map(let keyType, let valueType)):
            return .map(entries.map { MapEntry($0.key.unpadded(as: keyType), $0.value.unpadded(as: valueType)) })
        case (.multiset(let entries), .multiset(let element)):
            return .multiset(entries.map { MultisetEntry($0.element.unpadded(as: element), count: $0.count) })
        case (.row(let row), .row(let fields)):
            return .row(Row(zip(row.values, fields).map { $0.unpadded(as: $1.type) }))
        default:
            return self
        }
    }
}
