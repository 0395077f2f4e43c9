import MLPredict

/// Writes one output line: the input object's members, then the OUTPUT columns.
///
/// An OUTPUT column whose name is already taken by an input field gets the smallest index suffix
/// that makes it unique (`label` → `label0`), as Flink's ML_PREDICT does.
struct JSONRowWriter {
    let inputNames: [String]
    let outputNames: [String]

    init(inputNames: [String], outputSchema: Schema) {
        self.inputNames = inputNames
        var taken = Set(inputNames)
        outputNames = outputSchema.names.map { name in
            var unique = name
            var suffix = 0
            while taken.contains(unique) {
                unique = "\(name)\(suffix)"
                suffix += 1
            }
            taken.insert(unique)
            return unique
        }
    }

    func line(input: [JSONValue.Member], output: Row) -> String {
        var members = input
        for (name, value) in zip(outputNames, output.values) {
            members.append(JSONValue.Member(name, JSONValue(value)))
        }
        return JSONValue.object(members).serialized
    }
}

extension JSONValue {
    /// The JSON form of a SQL value, as Flink's json format writes it.
    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .boolean(let flag): self = .bool(flag)
        case .tinyInt(let integer): self = .number(integer)
        case .smallInt(let integer): self = .number(integer)
        case .int(let integer): self = .number(integer)
        case .bigInt(let integer): self = .number(integer)
        case .float(let number): self = .number(number)
        case .double(let number): self = .number(number)
        case .string(let string): self = .string(string)
        }
    }
}
