import MLPredict

/// Turns one JSON Lines object into the model's input ``Row``, by the INPUT schema.
struct JSONRowReader {
    /// A line that is not an object of the INPUT columns.
    struct Failure: Error {
        let message: String
    }

    /// The input object's members (kept for the output line) and the row of INPUT values.
    struct Record {
        let members: [JSONValue.Member]
        let row: Row
    }

    let schema: Schema

    func read(_ line: String) throws(Failure) -> Record {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw Failure(message: "invalid JSON: \(error)")
        }
        guard case .object(let members) = value else {
            throw Failure(message: "expected a JSON object of the INPUT columns \(schema) but found a \(value.typeName)")
        }
        var values: [Value] = []
        values.reserveCapacity(schema.columns.count)
        for column in schema.columns {
            guard let field = value[column.name] else {
                throw Failure(
                    message: "missing INPUT column '\(column.name)' (\(column.type)); write null for SQL NULL")
            }
            values.append(try convert(field, to: column))
        }
        return Record(members: members, row: Row(values))
    }

    /// The JSON value as a value of `column`'s type (exact: no rounding, no number-to-string).
    private func convert(_ field: JSONValue, to column: Column) throws(Failure) -> Value {
        func mismatch(_ expected: String) -> Failure {
            Failure(
                message: "column '\(column.name)' (\(column.type)): expected \(expected) but found "
                    + "\(field.typeName) \(field.serialized.prefix(60))")
        }
        if case .null = field { return .null }
        switch column.type.kind {
        case .boolean:
            guard case .bool(let flag) = field else { throw mismatch("a JSON boolean") }
            return .boolean(flag)
        case .tinyInt, .smallInt, .int, .bigInt:
            guard case .number(let text) = field, let integer = Int64(text) else {
                throw mismatch("a JSON integer within BIGINT's range")
            }
            return .bigInt(integer)
        case .float, .double:
            switch field {
            case .number(let text):
                guard let number = Double(text) else { throw mismatch("a JSON number") }
                return .double(number)
            case .string("NaN"): return .double(.nan)
            case .string("Infinity"): return .double(.infinity)
            case .string("-Infinity"): return .double(-.infinity)
            default: throw mismatch("a JSON number (or \"NaN\", \"Infinity\", \"-Infinity\")")
            }
        case .char, .varchar:
            guard case .string(let string) = field else { throw mismatch("a JSON string") }
            return .string(string)
        }
    }
}
