import MLPredict

/// Where predicted rows go: each input row's fields followed by the OUTPUT columns.
protocol RowSink: AnyObject {
    /// Writes row `index` of `predicted`, an output row of `record`.
    func write(_ record: InputRecord, _ predicted: PredictedRows, row index: Int) throws(JSONLineError)
}

/// One JSON object per predicted row, written straight from ``PredictedRows`` into one reused
/// buffer: the bytes of string cells and the numbers of numeric ones, without a ``Value`` or a
/// JSON value per cell (other types go through ``JSONColumnWriter``).
final class JSONLinesSink: RowSink {
    private let stream: OutputStream
    private let outputSchema: Schema
    private var writer: JSONRowWriter?
    /// Each OUTPUT column's `"name":`, as serialized for `writer`'s names.
    private var outputKeys: [[UInt8]] = []
    private var line: [UInt8] = []

    init(stream: OutputStream, outputSchema: Schema) {
        self.stream = stream
        self.outputSchema = outputSchema
    }

    func write(_ record: InputRecord, _ predicted: PredictedRows, row index: Int) throws(JSONLineError) {
        if writer == nil || !writer!.inputNames.elementsEqual(record.fields.lazy.map(\.key)) {
            let writer = JSONRowWriter(inputNames: record.fields.map(\.key), outputSchema: outputSchema)
            outputKeys = writer.outputNames.map { name in
                var key: [UInt8] = []
                JSONValue.serializeString(name, into: &key)
                key.append(UInt8(ascii: ":"))
                return key
            }
            self.writer = writer
        }
        // Built in a local buffer (taken from `self` and given back), which spares a dynamic
        // exclusivity check per byte appended to a class's property.
        var line = self.line
        self.line = []
        defer { self.line = line }
        line.removeAll(keepingCapacity: true)
        line.append(UInt8(ascii: "{"))
        for member in record.fields {
            if line.count > 1 { line.append(UInt8(ascii: ",")) }
            JSONValue.serializeString(member.key, into: &line)
            line.append(UInt8(ascii: ":"))
            member.value.serialize(into: &line)
        }
        for (column, key) in outputKeys.enumerated() {
            if line.count > 1 { line.append(UInt8(ascii: ",")) }
            line.append(contentsOf: key)
            try Self.writeCell(predicted, index, column, outputSchema.columns[column], into: &line)
        }
        line.append(UInt8(ascii: "}"))
        stream.write(line: line)
    }

    /// Appends one output cell's JSON: as ``JSONColumnWriter`` writes it.
    private static func writeCell(
        _ predicted: PredictedRows, _ row: Int, _ column: Int, _ schemaColumn: Column, into line: inout [UInt8]
    ) throws(JSONLineError) {
        let type = schemaColumn.type
        if predicted.isNull(row: row, column: column) {
            return line.append(contentsOf: "null".utf8)
        }
        switch type.kind {
        case .char, .varchar:
            predicted.withUTF8(row: row, column: column) { JSONValue.serializeString(utf8: $0, into: &line) }
        case .double:
            JSONValue.number(predicted.double(row: row, column: column)!).serialize(into: &line)
        case .tinyInt, .smallInt, .int, .bigInt:
            JSONValue.number(predicted.int64(row: row, column: column)!).serialize(into: &line)
        case .boolean:
            line.append(contentsOf: predicted.bool(row: row, column: column)! ? "true".utf8 : "false".utf8)
        default:
            do {
                try JSONColumnWriter.json(predicted.value(row: row, column: column), as: type).serialize(into: &line)
            } catch {
                throw JSONLineError("OUTPUT column \(error.described(in: schemaColumn))")
            }
        }
    }
}

/// CSV with a header: the first row's input field names, then the OUTPUT columns' names (a
/// clashing name gets an index suffix, as in JSON Lines). A later row's fields are written by
/// name under that header (empty where missing).
final class CSVSink: RowSink {
    private let stream: OutputStream
    private let outputSchema: Schema
    private var writer: JSONRowWriter?

    init(stream: OutputStream, outputSchema: Schema) {
        self.stream = stream
        self.outputSchema = outputSchema
    }

    func write(_ record: InputRecord, _ predicted: PredictedRows, row index: Int) throws(JSONLineError) {
        let writer: JSONRowWriter
        if let existing = self.writer {
            writer = existing
        } else {
            writer = JSONRowWriter(inputNames: record.fields.map(\.key), outputSchema: outputSchema)
            self.writer = writer
            stream.write(CSVCellWriter.line(writer.inputNames + writer.outputNames))
        }
        var cells: [String] = []
        cells.reserveCapacity(writer.inputNames.count + writer.outputNames.count)
        if record.fields.map(\.key) == writer.inputNames {
            cells.append(contentsOf: record.fields.map { CSVCellWriter.text($0.value) })
        } else {
            for name in writer.inputNames {
                cells.append(record.fields.first { $0.key == name }.map { CSVCellWriter.text($0.value) } ?? "")
            }
        }
        cells.append(contentsOf: try writer.outputMembers(predicted.row(index)).map { CSVCellWriter.text($0.value) })
        stream.write(CSVCellWriter.line(cells))
    }
}
