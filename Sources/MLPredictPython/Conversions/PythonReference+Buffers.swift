internal import CPython
internal import CPythonShim

/// A fixed-width element type that Python's buffer protocol describes with one struct format
/// character, so a Swift array of it can be handed to Python without a copy.
public protocol PythonBufferElement: BitwiseCopyable, Sendable {
    /// The `struct` module format character: `?`, `b`, `h`, `i`, `q`, `f` or `d`.
    static var bufferFormat: CChar { get }
}

extension Bool: PythonBufferElement { public static var bufferFormat: CChar { CChar(UInt8(ascii: "?")) } }
extension Int8: PythonBufferElement { public static var bufferFormat: CChar { CChar(UInt8(ascii: "b")) } }
extension Int16: PythonBufferElement { public static var bufferFormat: CChar { CChar(UInt8(ascii: "h")) } }
extension Int32: PythonBufferElement { public static var bufferFormat: CChar { CChar(UInt8(ascii: "i")) } }
extension Int64: PythonBufferElement { public static var bufferFormat: CChar { CChar(UInt8(ascii: "q")) } }
extension Float: PythonBufferElement { public static var bufferFormat: CChar { CChar(UInt8(ascii: "f")) } }
extension Double: PythonBufferElement { public static var bufferFormat: CChar { CChar(UInt8(ascii: "d")) } }

/// Keeps an array's storage alive, and unmoved, for as long as Python holds the buffer over it.
///
/// The array is immutable here, so its storage is never reallocated or copied on write: the
/// address taken once stays valid until this box is released by the buffer's deallocation.
private final class ExportedArray<Element: PythonBufferElement> {
    let elements: [Element]
    let address: UnsafeMutableRawPointer

    init(_ elements: [Element]) {
        self.elements = elements
        address = elements.withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
            ?? UnsafeMutableRawPointer(mutating: emptyBufferAddress)
    }
}

/// Where an empty buffer points: never read, but the buffer protocol wants a non-NULL address.
private nonisolated(unsafe) let emptyBufferAddress = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)

extension PythonReference {
    /// A read-only `memoryview` of `elements` that reads the array's own storage: nothing is
    /// copied, and `numpy.asarray`/`numpy.frombuffer` on it do not copy either.
    ///
    /// The view's exporter (an `mlpredict.HostBuffer`) retains the array until Python drops it,
    /// however long Python keeps the view or an array made from it.
    public init<Element: PythonBufferElement>(memoryViewOf elements: [Element], _ gil: borrowing GIL) throws(PythonError) {
        let box = ExportedArray(elements)
        let exporter = try PythonReference(
            checking: CPythonShim_HostBuffer_New(
                box.address, elements.count, MemoryLayout<Element>.stride, Element.bufferFormat,
                Unmanaged.passRetained(box).toOpaque(), { Unmanaged<AnyObject>.fromOpaque($0).release() }),
            gil)
        try self.init(checking: PyMemoryView_FromObject(exporter.pointer), gil)
    }

    /// Whether this is an `mlpredict.HostBuffer`, the exporter of ``init(memoryViewOf:_:)``.
    public func isHostBuffer(_ gil: borrowing GIL) -> Bool {
        CPythonShim_IsHostBuffer(pointer) != 0
    }

    /// The items of a one-dimensional buffer of booleans or numbers in native byte order (a numpy
    /// array, a `memoryview`, an `array.array`), copied out; `nil` if the object has no buffer or
    /// holds other items (strings, objects, half floats), which are read item by item instead.
    /// - Throws: `BufferError` for a buffer of more than one dimension, or what the exporter raises.
    ///
    /// The corresponding CPython functions are `PyObject_GetBuffer` and `PyBuffer_Release`.
    public func numericBuffer(_ gil: borrowing GIL) throws(PythonError) -> PythonNumericBuffer? {
        guard PyObject_CheckBuffer(pointer) != 0 else { return nil }
        var view = Py_buffer()
        if PyObject_GetBuffer(pointer, &view, CPythonShim_PyBUF_RECORDS_RO) != 0 { throw PythonError.fetch(gil) }
        defer { PyBuffer_Release(&view) }
        let format = view.format.map { String(cString: $0) } ?? "B"
        guard let kind = PythonNumericBuffer.kind(format: format, itemSize: view.itemsize) else { return nil }
        guard view.ndim == 1, let shape = view.shape, let strides = view.strides, let start = view.buf else {
            throw PythonError(
                typeName: "BufferError",
                message: "a \(view.ndim)-dimensional buffer of format '\(format)'; a column must have one dimension",
                traceback: "")
        }
        let items = ItemReader(start: UnsafeRawPointer(start), count: shape[0], stride: strides[0])
        let values: PythonNumericBuffer.Values =
            switch (kind, view.itemsize) {
            case (.bool, _): .bool(items.read { $0.load(as: UInt8.self) != 0 })
            case (.signed, 1): .signed(items.read { Int64($0.load(as: Int8.self)) })
            case (.signed, 2): .signed(items.read { Int64($0.loadUnaligned(as: Int16.self)) })
            case (.signed, 4): .signed(items.read { Int64($0.loadUnaligned(as: Int32.self)) })
            case (.signed, _): .signed(items.read(Int64.self))
            case (.unsigned, 1): .unsigned(items.read { UInt64($0.load(as: UInt8.self)) })
            case (.unsigned, 2): .unsigned(items.read { UInt64($0.loadUnaligned(as: UInt16.self)) })
            case (.unsigned, 4): .unsigned(items.read { UInt64($0.loadUnaligned(as: UInt32.self)) })
            case (.unsigned, _): .unsigned(items.read(UInt64.self))
            case (.floating, 4): .floating(items.read { Double($0.loadUnaligned(as: Float.self)) })
            case (.floating, _): .floating(items.read(Double.self))
            }
        return PythonNumericBuffer(format: format, values: values)
    }
}

/// The items of a numeric buffer, widened to 64 bits (exactly: every narrower integer and
/// `float32` fits), with the buffer's format for error messages.
public struct PythonNumericBuffer: Sendable {
    public enum Values: Sendable {
        case bool([Bool])
        case signed([Int64])
        case unsigned([UInt64])
        case floating([Double])
    }

    /// The buffer's struct format, such as `d` or `<q`.
    public let format: String
    public let values: Values

    enum Kind { case bool, signed, unsigned, floating }

    /// The kind of a native-order format of a supported item size, or `nil`.
    static func kind(format: String, itemSize: Int) -> Kind? {
        var code = Substring(format)
        if let first = code.first, first == "@" || first == "=" || (first == "<" && isLittleEndian) { code.removeFirst() }
        guard code.count == 1, let letter = code.first else { return nil }
        switch (letter, itemSize) {
        case ("?", 1): return .bool
        case ("b", 1), ("h", 2), ("i", 4), ("l", 4), ("l", 8), ("q", 8), ("n", 8): return .signed
        case ("B", 1), ("H", 2), ("I", 4), ("L", 4), ("L", 8), ("Q", 8), ("N", 8): return .unsigned
        case ("f", 4), ("d", 8): return .floating
        default: return nil
        }
    }

    private static var isLittleEndian: Bool { 1.littleEndian == 1 }
}

/// Reads the items of a strided one-dimensional buffer.
private struct ItemReader {
    let start: UnsafeRawPointer
    let count: Int
    let stride: Int

    func read<Item>(_ load: (UnsafeRawPointer) -> Item) -> [Item] {
        (0..<count).map { load(start + $0 * stride) }
    }

    /// Items stored as `Item` itself: one `memcpy` when they are contiguous.
    func read<Item: BitwiseCopyable>(_ type: Item.Type) -> [Item] {
        guard stride == MemoryLayout<Item>.stride else { return read { $0.loadUnaligned(as: Item.self) } }
        return [Item](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: start, count: count * stride))
            initialized = count
        }
    }
}
