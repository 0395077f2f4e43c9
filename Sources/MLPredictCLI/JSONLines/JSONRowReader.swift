import MLPredict

/// Turns one JSON Lines object into the model's input ``Row``, by the INPUT schema.
struct JSONRowReader {
    /// The input object's members (kept for the output line) and the row of INPUT values.
    struct Record {
        let members: [JSONValue.Member]
        let row: Row
    }

    let schema: Schema
    /// The key read for each INPUT column (its name, unless `--columns` maps it).
    let fieldNames: [String]

    init(schema: Schema, fieldNames: [String]? = nil) {
        self.schema = schema
        self.fieldNames = fieldNames ?? schema.columns.map(\.name)
    }

    /// The line's object as a row of the INPUT columns; other keys are kept but not read, and the
    /// first of repeated keys counts.
    func read(_ line: String) throws(JSONLineError) -> Record {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw JSONLineError("invalid JSON: \(error)")
        }
        guard case .object(let members) = value else {
            throw JSONLineError("expected a JSON object of the INPUT columns \(schema) but found a \(value.typeName)")
        }
        var values: [Value] = []
        values.reserveCapacity(schema.columns.count)
        for (column, key) in zip(schema.columns, fieldNames) {
            guard let field = value[key] else {
                let source = key == column.name ? "" : " (read from '\(key)')"
                throw JSONLineError(
                    "missing INPUT column '\(column.name)' (\(column.type))\(source); write null for SQL NULL")
            }
            do {
                values.append(try JSONColumnReader.value(field, as: column.type))
            } catch {
                throw JSONLineError("column \(error.described(in: column))")
            }
        }
        return Record(members: members, row: Row(values))
    }
}
