import CSV
import Foundation
import MLPredict

/// One input row: the line it starts on, the input's fields (kept for the output) and the values
/// of the model's INPUT columns.
struct InputRecord {
    let line: Int
    let fields: [JSONValue.Member]
    let row: Row
}

/// An input line that is not a row of the input's format, or does not fit the INPUT schema.
struct BadRow: Error {
    let line: Int
    let message: String
    /// Whether the whole input is unreadable (a CSV header without an INPUT column), so skipping
    /// the line cannot help.
    var isFatal = false
}

/// Where the input rows come from, one at a time.
protocol RowSource: AnyObject {
    /// Whether reading the next row would wait for input (a slow producer on standard input).
    var wouldBlock: Bool { get }
    /// The bytes read so far, for progress against the file's size.
    var bytesRead: Int { get }
    /// Why reading stopped early, if it did.
    var failure: String? { get }
    /// The next row, or nil at the end.
    func next() throws(BadRow) -> InputRecord?
}

/// JSON Lines: one object per line, keys naming the INPUT columns (or the `--columns` fields).
final class JSONLinesSource: RowSource {
    private let reader: LineReader
    private let rows: JSONRowReader

    init(reader: LineReader, schema: Schema, fieldNames: [String]) {
        self.reader = reader
        rows = JSONRowReader(schema: schema, fieldNames: fieldNames)
    }

    var wouldBlock: Bool { reader.wouldBlock }
    var bytesRead: Int { reader.bytesRead }
    var failure: String? { reader.failure }

    /// Space, tab, line feed and carriage return.
    private static let jsonWhitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]

    func next() throws(BadRow) -> InputRecord? {
        while let (number, line) = reader.nextLine() {
            // JSON's whitespace is ASCII: a byte scan, not Character.isWhitespace (3% of a run).
            guard let first = line.utf8.first(where: { !Self.jsonWhitespace.contains($0) }) else { continue }
            guard first == UInt8(ascii: "{") else {
                throw BadRow(
                    line: number,
                    message: "line \(number) is not a JSON object; input is read as JSON Lines, use --format csv for CSV")
            }
            do {
                let record = try rows.read(line)
                return InputRecord(line: number, fields: record.members, row: record.row)
            } catch {
                throw BadRow(line: number, message: error.description)
            }
        }
        return nil
    }
}

/// CSV with a header line (RFC 4180, parsed by CSV.swift): each cell is read as its column's
/// type (``CSVCellReader``); other columns are kept as text for the output.
final class CSVSource: RowSource {
    private let reader: LineReader
    private let schema: Schema
    private let fieldNames: [String]
    private var header: [String]?
    /// For each header cell, the INPUT column it holds, if any.
    private var columnOfCell: [Int?] = []
    /// For each INPUT column, its cell.
    private var cellOfColumn: [Int] = []

    init(reader: LineReader, schema: Schema, fieldNames: [String]) {
        self.reader = reader
        self.schema = schema
        self.fieldNames = fieldNames
    }

    var wouldBlock: Bool { reader.wouldBlock }
    var bytesRead: Int { reader.bytesRead }
    var failure: String? { reader.failure }

    func next() throws(BadRow) -> InputRecord? {
        if header == nil {
            guard let (number, cells) = try nextRecord() else { return nil }
            try readHeader(cells, line: number)
        }
        guard let header, let (number, cells) = try nextRecord() else { return nil }
        guard cells.count == header.count else {
            throw BadRow(
                line: number,
                message: "line \(number) has \(cells.count) field(s) but the CSV header has \(header.count); "
                    + "input is read as CSV, use --format jsonl for JSON Lines")
        }
        var fields: [JSONValue.Member] = []
        fields.reserveCapacity(cells.count)
        var values = [Value](repeating: .null, count: schema.columns.count)
        for (index, cell) in cells.enumerated() {
            guard let columnIndex = columnOfCell[index] else {
                fields.append(JSONValue.Member(header[index], .string(cell)))
                continue
            }
            let column = schema.columns[columnIndex]
            do {
                let json = try CSVCellReader.json(cell, as: column.type)
                values[columnIndex] = try CSVCellReader.value(json, cell: cell, as: column.type)
                fields.append(JSONValue.Member(header[index], json))
            } catch {
                throw BadRow(line: number, message: "column \(error.described(in: column))")
            }
        }
        return InputRecord(line: number, fields: fields, row: Row(values))
    }

    private func readHeader(_ cells: [String], line: Int) throws(BadRow) {
        var cellOfColumn: [Int] = []
        for (column, field) in zip(schema.columns, fieldNames) {
            guard let index = cells.firstIndex(of: field) else {
                let source = field == column.name ? "" : " (read from '\(field)')"
                throw BadRow(
                    line: line,
                    message: "the CSV header has no INPUT column '\(column.name)' (\(column.type))\(source); "
                        + "header: \(cells.joined(separator: ",")) (use --columns FIELD=\(column.name) for another name)",
                    isFatal: true)
            }
            cellOfColumn.append(index)
        }
        var columnOfCell = [Int?](repeating: nil, count: cells.count)
        for (column, cell) in cellOfColumn.enumerated() { columnOfCell[cell] = column }
        self.header = cells
        self.cellOfColumn = cellOfColumn
        self.columnOfCell = columnOfCell
    }

    /// The next non-blank record's first line number and cells; a quoted field may span lines.
    private func nextRecord() throws(BadRow) -> (Int, [String])? {
        while let (number, first) = reader.nextLine() {
            if first.allSatisfy(\.isWhitespace) { continue }
            var text = first
            var quotes = first.utf8.count(where: { $0 == UInt8(ascii: "\"") })
            while quotes % 2 == 1 {
                guard let (_, more) = reader.nextLine() else {
                    throw BadRow(line: number, message: "line \(number) opens a quoted field that never ends")
                }
                text += "\n" + more
                quotes += more.utf8.count(where: { $0 == UInt8(ascii: "\"") })
            }
            do {
                let parser = try CSVReader(string: text)
                return (number, parser.next() ?? [])
            } catch {
                throw BadRow(line: number, message: "line \(number) is not CSV: \(error)")
            }
        }
        return nil
    }
}
