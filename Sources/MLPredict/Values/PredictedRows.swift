/// Predicted rows kept column by column in storage that is reused from call to call, so
/// predicting into it allocates nothing per row or per cell once it has grown: the way to read
/// predictions without a Swift value per cell (``Model/predict(_:into:policy:)``).
///
/// Numbers and booleans are stored as they are, strings and binary values as bytes back to back,
/// and values of other types (DECIMAL, temporal, nested) as ``Value``s. Read a cell through the
/// accessor of its column's type, or any cell as a ``Value`` with ``value(row:column:)``.
///
/// ```swift
/// var predicted = PredictedRows(model.outputSchema)
/// for row in input {
///     try model.predict(row, into: &predicted)        // replaces the previous contents
///     for index in 0..<predicted.count {
///         let score = predicted.double(row: index, column: 1)
///         predicted.withUTF8(row: index, column: 0) { text in write(text) }
///     }
/// }
/// ```
public struct PredictedRows: Sendable {
    /// The OUTPUT columns of the rows.
    public let schema: Schema
    /// The number of rows.
    public private(set) var count = 0
    /// Where each column's cells are kept.
    private let slots: [Slot]
    /// How many columns each storage has: the cells a row adds to it.
    private let widths: Widths
    /// For each input row predicted, where its output rows start; then ``count``.
    private var inputStarts: [Int] = [0]
    // The cells, row by row: a NULL flag per cell, then each cell in the storage of its column's
    // type. The arrays only grow (rows past the end are overwritten): removing rows only moves
    // `written`, so a loop that reuses the storage allocates and frees nothing.
    private var nulls: [Bool] = []
    /// BOOLEAN cells.
    private var booleans: [Bool] = []
    /// Integer cells.
    private var integers: [Int64] = []
    /// FLOAT and DOUBLE cells.
    private var numbers: [Double] = []
    /// String and binary cells: their bytes back to back, and where each cell's bytes end.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Cells of other types.
    private var values: [Value] = []
    /// How much of each array holds cells.
    private var written = Widths()

    /// Empty storage for rows of `schema` (a model's ``Model/outputSchema``).
    public init(_ schema: Schema) {
        self.schema = schema
        var widths = Widths()
        slots = schema.columns.map { column in
            let storage = Storage(column.type)
            defer { widths[storage] += 1 }
            return Slot(storage: storage, index: widths[storage], type: column.type)
        }
        widths.nulls = schema.columns.count
        self.widths = widths
    }

    /// The number of input rows whose predictions these are.
    public var inputCount: Int { inputStarts.count - 1 }

    /// The output rows of input row `input` (of a batch), as indices of rows here.
    public func rows(ofInput input: Int) -> Range<Int> {
        inputStarts[input]..<inputStarts[input + 1]
    }

    /// Removes every row, keeping the storage for the next predictions.
    public mutating func removeAll() {
        truncate(to: Mark(rows: 0, inputs: 0))
    }

    // MARK: Reading

    /// Whether the cell is NULL.
    public func isNull(row: Int, column: Int) -> Bool {
        nulls[cell(row, column)]
    }

    /// The cell as a ``Value`` (of the column's type).
    public func value(row: Int, column: Int) -> Value {
        if nulls[cell(row, column)] { return .null }
        let slot = slots[column]
        let index = row * widths[slot.storage] + slot.index
        switch slot.storage {
        case .boolean: return .boolean(booleans[index])
        case .integer:
            let integer = integers[index]
            switch slot.type.kind {
            case .tinyInt: return .tinyInt(Int8(integer))
            case .smallInt: return .smallInt(Int16(integer))
            case .int: return .int(Int32(integer))
            default: return .bigInt(integer)
            }
        case .double:
            if case .float = slot.type.kind { return .float(Float(numbers[index])) }
            return .double(numbers[index])
        case .bytes:
            let cell = bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
            switch slot.type.kind {
            case .binary, .varbinary: return .binary(Array(cell))
            default: return .string(String(decoding: cell, as: UTF8.self))
            }
        case .values: return values[index]
        }
    }

    /// Row `index` as a ``Row``.
    public func row(_ index: Int) -> Row {
        Row(slots.indices.map { value(row: index, column: $0) })
    }

    /// The value of a FLOAT or DOUBLE cell; nil if it is NULL.
    /// - Precondition: the column is FLOAT or DOUBLE.
    public func double(row: Int, column: Int) -> Double? {
        let index = typedCell(row, column, .double, "FLOAT or DOUBLE")
        return nulls[row * widths.nulls + column] ? nil : numbers[index]
    }

    /// The value of a TINYINT, SMALLINT, INT or BIGINT cell; nil if it is NULL.
    /// - Precondition: the column has one of those types.
    public func int64(row: Int, column: Int) -> Int64? {
        let index = typedCell(row, column, .integer, "an integer type")
        return nulls[row * widths.nulls + column] ? nil : integers[index]
    }

    /// The value of a BOOLEAN cell; nil if it is NULL.
    /// - Precondition: the column is BOOLEAN.
    public func bool(row: Int, column: Int) -> Bool? {
        let index = typedCell(row, column, .boolean, "BOOLEAN")
        return nulls[row * widths.nulls + column] ? nil : booleans[index]
    }

    /// The value of a CHAR, VARCHAR or STRING cell; nil if it is NULL. Allocates the `String`:
    /// ``withUTF8(row:column:_:)`` reads the bytes in place.
    /// - Precondition: the column has one of those types.
    public func string(row: Int, column: Int) -> String? {
        withUTF8(row: row, column: column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with a string cell's UTF-8 bytes, or a binary cell's bytes, in place (valid only
    /// inside `body`); nil without calling it if the cell is NULL.
    /// - Precondition: the column is CHAR, VARCHAR, STRING, BINARY, VARBINARY or BYTES.
    public func withUTF8<Result>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        let index = typedCell(row, column, .bytes, "a string or binary type")
        if nulls[row * widths.nulls + column] { return nil }
        let (start, end) = (index == 0 ? 0 : ends[index - 1], ends[index])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The position of a cell in `nulls`.
    private func cell(_ row: Int, _ column: Int) -> Int {
        precondition(row >= 0 && row < count, "row \(row) of \(count) predicted rows")
        return row * widths.nulls + column
    }

    /// The position of a cell in its storage, which must be `storage`.
    private func typedCell(_ row: Int, _ column: Int, _ storage: Storage, _ expected: String) -> Int {
        precondition(row >= 0 && row < count, "row \(row) of \(count) predicted rows")
        let slot = slots[column]
        precondition(slot.storage == storage, "column \(column) is \(slot.type), not \(expected)")
        return row * widths[storage] + slot.index
    }

    // MARK: Writing (the library's)

    /// Where the contents end, to go back to (``truncate(to:)``) when a call fails halfway.
    struct Mark {
        let rows: Int
        let inputs: Int
    }

    var mark: Mark { Mark(rows: count, inputs: inputCount) }

    /// Drops the rows and inputs after `mark`.
    mutating func truncate(to mark: Mark) {
        count = mark.rows
        inputStarts.removeSubrange((mark.inputs + 1)...)
        written = Widths(
            nulls: count * widths.nulls, boolean: count * widths.boolean, integer: count * widths.integer,
            double: count * widths.double, bytes: count * widths.bytes, values: count * widths.values)
    }

    /// Appends NULL to `column`.
    mutating func appendNull(_ column: Int) {
        put(true, in: &nulls, at: &written.nulls)
        switch slots[column].storage {
        case .boolean: put(false, in: &booleans, at: &written.boolean)
        case .integer: put(0, in: &integers, at: &written.integer)
        case .double: put(0, in: &numbers, at: &written.double)
        case .bytes: put(byteCount, in: &ends, at: &written.bytes)
        case .values: put(.null, in: &values, at: &written.values)
        }
    }

    mutating func append(_ flag: Bool, _ column: Int) {
        put(false, in: &nulls, at: &written.nulls)
        put(flag, in: &booleans, at: &written.boolean)
    }

    mutating func append(_ integer: Int64, _ column: Int) {
        put(false, in: &nulls, at: &written.nulls)
        put(integer, in: &integers, at: &written.integer)
    }

    mutating func append(_ number: Double, _ column: Int) {
        put(false, in: &nulls, at: &written.nulls)
        put(number, in: &numbers, at: &written.double)
    }

    mutating func append(utf8: UnsafeBufferPointer<UInt8>, _ column: Int) {
        put(false, in: &nulls, at: &written.nulls)
        let start = byteCount
        let end = start + utf8.count
        if end > bytes.count {
            bytes.removeSubrange(start...)  // stale bytes past the end; then room to grow
            bytes.append(contentsOf: utf8)
        } else if !utf8.isEmpty {
            bytes.withUnsafeMutableBufferPointer { storage in
                _ = UnsafeMutableBufferPointer(rebasing: storage[start..<end]).initialize(from: utf8)
            }
        }
        put(end, in: &ends, at: &written.bytes)
    }

    /// Appends `value`, which has the column's type, to `column`.
    mutating func append(_ value: Value, _ column: Int) {
        switch (value, slots[column].storage) {
        case (.null, _): appendNull(column)
        case (.boolean(let flag), .boolean): append(flag, column)
        case (.float(let number), .double): append(Double(number), column)
        case (.double(let number), .double): append(number, column)
        case (.string(var text), .bytes): text.withUTF8 { append(utf8: $0, column) }
        case (.binary(let data), .bytes): data.withUnsafeBufferPointer { append(utf8: $0, column) }
        case (_, .integer):
            guard let integer = value.integerValue else { fallthrough }
            append(integer, column)
        default:
            precondition(slots[column].storage == .values, "a \(value.typeName) value in a \(slots[column].type) column")
            put(false, in: &nulls, at: &written.nulls)
            put(value, in: &values, at: &written.values)
        }
    }

    /// Ends the row whose cells were appended.
    mutating func endRow() { count += 1 }

    /// Ends the output rows of one input row.
    mutating func endInput() { inputStarts.append(count) }

    /// Appends `rows`, checking that each has a value of its column's type per column (a Swift
    /// model's rows are not converted, so nothing else checked them). The error names no model:
    /// ``Model`` adds its name.
    mutating func append(rows: [Row]) throws(MLPredictError) {
        for (index, row) in rows.enumerated() {
            guard row.count == slots.count else {
                throw MLPredictError(
                    .invalidOutput,
                    "output row \(index) has \(row.count) values but OUTPUT has \(slots.count) columns \(schema)")
            }
            for (column, value) in row.values.enumerated() where !slots[column].storage.accepts(value) {
                throw MLPredictError(
                    .invalidOutput,
                    "output row \(index) has the \(value.typeName) value \(value) in column "
                        + "'\(schema.columns[column].name)' (\(schema.columns[column].type))")
            }
            for (column, value) in row.values.enumerated() { append(value, column) }
            endRow()
        }
    }

    /// The bytes of the string and binary cells written so far.
    private var byteCount: Int { written.bytes == 0 ? 0 : ends[written.bytes - 1] }

    /// Writes `item` at `position` of `array` (overwriting a cell of a removed row, or growing it)
    /// and advances `position`.
    @inline(__always)
    private func put<Item>(_ item: Item, in array: inout [Item], at position: inout Int) {
        if position < array.count {
            array[position] = item
        } else {
            array.append(item)
        }
        position += 1
    }
}

extension PredictedRows {
    /// How a column's cells are stored.
    fileprivate enum Storage: Sendable {
        case boolean, integer, double, bytes, values

        init(_ type: DataType) {
            self =
                switch type.kind {
                case .boolean: .boolean
                case .tinyInt, .smallInt, .int, .bigInt: .integer
                case .float, .double: .double
                case .char, .varchar, .binary, .varbinary: .bytes
                default: .values
                }
        }

        /// Whether `value` can be stored here (its kind of value, or NULL).
        func accepts(_ value: Value) -> Bool {
            switch (value, self) {
            case (.null, _), (.boolean, .boolean), (.float, .double), (.double, .double), (.string, .bytes), (.binary, .bytes),
                (.tinyInt, .integer), (.smallInt, .integer), (.int, .integer), (.bigInt, .integer), (_, .values):
                true
            default: false
            }
        }
    }

    /// Where a column's cells are: its storage, its position among that storage's columns, its type.
    fileprivate struct Slot: Sendable {
        let storage: Storage
        let index: Int
        let type: DataType
    }

    /// A count per storage (cells per row, or cells written), and of NULL flags.
    fileprivate struct Widths: Sendable {
        var nulls = 0
        var boolean = 0
        var integer = 0
        var double = 0
        var bytes = 0
        var values = 0

        subscript(storage: Storage) -> Int {
            get {
                switch storage {
                case .boolean: boolean
                case .integer: integer
                case .double: double
                case .bytes: bytes
                case .values: values
                }
            }
            set {
                switch storage {
                case .boolean: boolean = newValue
                case .integer: integer = newValue
                case .double: double = newValue
                case .bytes: bytes = newValue
                case .values: values = newValue
                }
            }
        }
    }
}
