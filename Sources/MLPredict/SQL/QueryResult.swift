/// What a statement returns: a schema and rows. DDL statements return one row `OK` in a column
/// `result`, as Flink does; ``description`` draws the rows as a table.
public struct QueryResult: Sendable, Hashable, CustomStringConvertible {
    public var schema: Schema
    public var rows: [Row]

    public init(schema: Schema, rows: [Row]) {
        self.schema = schema
        self.rows = rows
    }

    /// The result of a statement that changes the catalog.
    static let ok = QueryResult(schema: Schema([Column("result", .string)]), rows: [["OK"]])

    /// The values of column `name`, in row order.
    public func column(_ name: String) -> [Value]? {
        schema.index(of: name).map { index in rows.map { $0[index] } }
    }

    /// The rows drawn as a table: a header of column names, then one line per row
    /// (strings without quotes, `NULL` for NULL).
    public var description: String {
        let cells = [schema.names] + rows.map { row in
            row.values.map { value in if case .string(let text) = value { text } else { value.description } }
        }
        let widths = schema.columns.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func line(_ row: [String]) -> String {
            "|" + zip(row, widths).map { " " + $0 + String(repeating: " ", count: $1 - $0.count) + " " }
                .joined(separator: "|") + "|"
        }
        return ([rule, line(cells[0]), rule] + cells.dropFirst().map(line) + [rule]).joined(separator: "\n")
    }
}
