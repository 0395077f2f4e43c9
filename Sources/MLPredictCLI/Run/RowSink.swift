import MLPredict

/// Where predicted rows go: each input row's fields followed by the OUTPUT columns.
protocol RowSink: AnyObject {
    func write(_ record: InputRecord, _ output: Row) throws(JSONLineError)
}

/// One JSON object per predicted row.
final class JSONLinesSink: RowSink {
    private let stream: OutputStream
    private let outputSchema: Schema
    private var writer: JSONRowWriter?

    init(stream: OutputStream, outputSchema: Schema) {
        self.stream = stream
        self.outputSchema = outputSchema
    }

    func write(_ record: InputRecord, _ output: Row) throws(JSONLineError) {
        let names = record.fields.map(\.key)
        if writer == nil || writer?.inputNames != names {
            writer = JSONRowWriter(inputNames: names, outputSchema: outputSchema)
        }
        stream.write(try writer!.line(input: record.fields, output: output))
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

    func write(_ record: InputRecord, _ output: Row) throws(JSONLineError) {
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
        cells.append(contentsOf: try writer.outputMembers(output).map { CSVCellWriter.text($0.value) })
        stream.write(CSVCellWriter.line(cells))
    }
}
