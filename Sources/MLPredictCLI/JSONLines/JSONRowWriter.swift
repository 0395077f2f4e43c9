import MLPredict

/// Writes one output line: the input object's members, then the OUTPUT columns.
///
/// An OUTPUT column whose name is already taken by an input field gets the smallest index suffix
/// that makes it unique (`label` → `label0`), as Flink's ML_PREDICT does.
struct JSONRowWriter {
    let inputNames: [String]
    /// The OUTPUT columns' names in the line.
    let outputNames: [String]
    /// The OUTPUT columns, whose types say how to write their values.
    let outputSchema: Schema

    init(inputNames: [String], outputSchema: Schema) {
        self.inputNames = inputNames
        self.outputSchema = outputSchema
        let input = Schema(inputNames.map { Column($0, .string) })
        outputNames = Array(Schema.mlPredictResult(input: input, output: outputSchema).names.dropFirst(inputNames.count))
    }

    /// The line for one predicted row, or why a value cannot be written as its column's type.
    func line(input: [JSONValue.Member], output: Row) throws(JSONLineError) -> String {
        JSONValue.object(input + (try outputMembers(output))).serialized
    }

    /// The OUTPUT columns of one predicted row as named JSON values.
    func outputMembers(_ output: Row) throws(JSONLineError) -> [JSONValue.Member] {
        var members: [JSONValue.Member] = []
        members.reserveCapacity(outputNames.count)
        for (index, (name, value)) in zip(outputNames, output.values).enumerated() {
            let column = outputSchema.columns[index]
            do {
                members.append(JSONValue.Member(name, try JSONColumnWriter.json(value, as: column.type)))
            } catch {
                throw JSONLineError("OUTPUT column \(error.described(in: column))")
            }
        }
        return members
    }
}
