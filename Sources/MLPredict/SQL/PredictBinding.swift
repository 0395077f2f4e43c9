/// A model bound to a table's DESCRIPTOR columns: picks them out of each table row, casts them
/// to the model's INPUT types and predicts. Checked when planning, as Flink does: the column
/// count must equal the INPUT's, and each column's type must cast implicitly to its INPUT type.
struct PredictBinding {
    let model: Model
    let tableName: String
    /// The table's columns, to check each row's width.
    let tableSchema: Schema
    /// The table position of each DESCRIPTOR column.
    let positions: [Int]
    /// The INPUT type a DESCRIPTOR column's values are cast to, or `nil` when its type is already the INPUT's.
    let casts: [DataType?]
    /// The model's timeout and error strategy with the query's CONFIG applied.
    var policy: ExecutionPolicy

    init(
        model: Model, table: Table, tableName: String, descriptor: [String], function: String
    ) throws(MLPredictError) {
        let input = model.inputSchema
        guard descriptor.count == input.columns.count else {
            throw MLPredictError(
                .typeMismatch,
                "\(function): DESCRIPTOR(\(descriptor.joined(separator: ", "))) names \(descriptor.count) "
                    + "column\(descriptor.count == 1 ? "" : "s") but model '\(model.name)' has "
                    + "\(input.columns.count) INPUT column\(input.columns.count == 1 ? "" : "s") \(input)",
                model: model.name)
        }
        var positions: [Int] = []
        var casts: [DataType?] = []
        for (name, target) in zip(descriptor, input.columns) {
            guard let position = table.schema.index(of: name) else {
                throw MLPredictError(
                    .unknownColumn,
                    "\(function): DESCRIPTOR column '\(name)' is not a column of table '\(tableName)' \(table.schema)",
                    model: model.name)
            }
            let source = table.schema.columns[position].type
            guard source.isImplicitlyCastable(to: target.type) else {
                throw MLPredictError(
                    .typeMismatch,
                    "\(function): column '\(name)' of table '\(tableName)' has type \(source), which cannot be "
                        + "implicitly cast to \(target.type) of model '\(model.name)' INPUT column '\(target.name)'",
                    model: model.name)
            }
            positions.append(position)
            casts.append(DataType(source.kind) == DataType(target.type.kind) ? nil : target.type)
        }
        self.model = model
        self.tableName = tableName
        tableSchema = table.schema
        self.positions = positions
        self.casts = casts
        policy = model.policy
    }

    /// The model's output rows for table row `row`.
    func predict(_ row: Row) throws(MLPredictError) -> [Row] {
        try model.predict(try input(for: row), policy: policy)
    }

    /// The model's input row for table row `row`: its DESCRIPTOR columns, cast to the INPUT types.
    func input(for row: Row) throws(MLPredictError) -> Row {
        guard row.count == tableSchema.columns.count else {
            throw MLPredictError(
                .tableFailed,
                "table '\(tableName)' has a row of \(row.count) values but its schema has "
                    + "\(tableSchema.columns.count) columns \(tableSchema)")
        }
        return Row(zip(positions, casts).map { position, cast in
            cast.map { row[position].implicitlyCast(to: $0) } ?? row[position]
        })
    }
}

extension Schema {
    /// The columns of an `ML_PREDICT` result: the input's, then the model output's, where an output
    /// name already taken gets the smallest index suffix that makes it unique (`label` → `label0`), as in Flink.
    public static func mlPredictResult(input: Schema, output: Schema) -> Schema {
        var taken = Set(input.names)
        let renamed = output.columns.map { column in
            var unique = column.name
            var suffix = 0
            while taken.contains(unique) {
                unique = "\(column.name)\(suffix)"
                suffix += 1
            }
            taken.insert(unique)
            return Column(unique, column.type, comment: column.comment)
        }
        return Schema(input.columns + renamed)
    }
}
