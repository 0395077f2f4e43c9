/// `ML_EVALUATE`, as Flink's planner defines it (`SqlMLEvaluateTableFunction`): predicts every row
/// with the model, compares its one OUTPUT column with the label column, and returns one row with
/// one column, `result MAP<STRING, DOUBLE>`, of the task's metrics (``Metrics``), NULL when no row
/// was evaluated.
///
/// As in Flink, the label is cast to the task's type (STRING for `classification` and
/// `text_generation`, DOUBLE for `regression`, ARRAY<FLOAT> for `embedding`) and rows whose label
/// or prediction is NULL are left out; a row the model predicts several rows for counts once per
/// predicted row. `clustering` is MLPredict's own (Flink rejects it): the prediction is the
/// cluster, the points are the feature columns' numbers (ARRAYs flattened), the label is not used.
struct Evaluator {
    let task: EvaluationTask
    let schema: Schema
    private let labelPosition: Int
    /// The table positions of the feature columns.
    private let features: [Int]
    private var labels: [Value] = []
    /// Each evaluated row's feature values as numbers, for `clustering`.
    private var points: [[Double]] = []
    private var predictions: [Value] = []

    /// The result column's type: Flink's `MAP<STRING, DOUBLE>`.
    static let resultType = DataType.map(.string, .double)

    init(
        task name: String?, label: String, table: Table, tableName: String, features: [Int], model: Model
    ) throws(MLPredictError) {
        let tasks = quotedList(EvaluationTask.allCases.map(\.rawValue))
        guard let name else {
            throw MLPredictError(
                .invalidArgument,
                "ML_EVALUATE needs the task of model '\(model.name)' as its fifth argument, after the feature "
                    + "DESCRIPTOR; tasks: \(tasks)", model: model.name)
        }
        guard let task = EvaluationTask(rawValue: name.lowercased()) else {
            throw MLPredictError(.invalidArgument, "ML_EVALUATE: unknown task '\(name)'; tasks: \(tasks)", model: model.name)
        }
        guard model.outputSchema.columns.count == 1 else {
            throw MLPredictError(
                .invalidArgument,
                "ML_EVALUATE: model '\(model.name)' must have exactly one OUTPUT column for evaluation but has "
                    + "\(model.outputSchema.columns.count) \(model.outputSchema)", model: model.name)
        }
        guard let labelPosition = table.schema.index(of: label) else {
            throw MLPredictError(
                .unknownColumn, "ML_EVALUATE: label column '\(label)' is not a column of table '\(tableName)' \(table.schema)",
                model: model.name)
        }
        let labelType = table.schema.columns[labelPosition].type
        let prediction = model.outputSchema.columns[0]
        guard task.accepts(labelType, prediction.type) else {
            throw MLPredictError(
                .typeMismatch,
                "ML_EVALUATE: task '\(task.rawValue)' cannot compare label '\(label)' of type \(labelType) with "
                    + "model '\(model.name)' OUTPUT column '\(prediction.name)' of type \(prediction.type); "
                    + task.requirement, model: model.name)
        }
        if task == .clustering, let feature = features.first(where: { !table.schema.columns[$0].type.isNumericPoint }) {
            let column = table.schema.columns[feature]
            throw MLPredictError(
                .typeMismatch,
                "ML_EVALUATE: task 'clustering' needs numeric features (numbers or ARRAYs of numbers) but column "
                    + "'\(column.name)' has type \(column.type)", model: model.name)
        }
        self.task = task
        self.labelPosition = labelPosition
        self.features = features
        schema = Schema([Column("result", Self.resultType)])
    }

    mutating func add(input: Row, predicted: [Row]) throws(MLPredictError) {
        let label = input[labelPosition]
        for row in predicted where (task == .clustering || !label.isNull) && !row[0].isNull {
            labels.append(label)
            predictions.append(row[0])
            if task == .clustering {
                let point = features.flatMap { input[$0].vector }
                if let first = points.first, first.count != point.count {
                    throw MLPredictError(
                        .invalidInput,
                        "ML_EVALUATE: a row's clustering features hold \(point.count) numbers but the first row's \(first.count); "
                            + "every point needs the same dimension")
                }
                points.append(point)
            }
            if task == .embedding, label.vector.count != row[0].vector.count {
                throw MLPredictError(
                    .invalidInput,
                    "ML_EVALUATE: embedding vectors must have the same length, but label \(label) has "
                        + "\(label.vector.count) elements and prediction \(row[0]) \(row[0].vector.count)")
            }
        }
    }

    func result() throws(MLPredictError) -> QueryResult {
        let metrics: [(String, Double)]?
        switch task {
        case .classification:
            metrics = Metrics.classification(zip(labels, predictions).map { ($0.text, $1.text) })
        case .textGeneration:
            metrics = Metrics.textGeneration(zip(labels, predictions).map { ($0.text, $1.text) })
        case .clustering:
            metrics = Metrics.clustering(zip(points, predictions.map(\.comparable)).map { ($0, $1) })
        case .regression:
            metrics = Metrics.regression(zip(labels, predictions).map { ($0.number ?? .nan, $1.number ?? .nan) })
        case .embedding:
            metrics = Metrics.embedding(
                zip(labels, predictions).map { ($0.vector.map { Float($0) }, $1.vector.map { Float($0) }) })
        }
        let result: Value = metrics.map { .map($0.map { Value.MapEntry(.string($0.0), .double($0.1)) }) } ?? .null
        return QueryResult(schema: schema, rows: [Row([result])])
    }
}

extension EvaluationTask {
    /// Whether a label of type `label` can be compared with predictions of type `prediction`.
    fileprivate func accepts(_ label: DataType, _ prediction: DataType) -> Bool {
        let (label, prediction) = (DataType(label.kind), DataType(prediction.kind))
        switch self {
        case .classification:
            return label.isImplicitlyCastable(to: prediction) || prediction.isImplicitlyCastable(to: label)
        case .regression:
            return label.isNumeric && prediction.isNumeric
        case .clustering:
            return true
        case .textGeneration:
            return label.isCharacterString && prediction.isCharacterString
        default:
            guard case .array(let labelElement) = label.kind, case .array(let predictionElement) = prediction.kind else {
                return false
            }
            return labelElement.isNumeric && predictionElement.isNumeric
        }
    }

    fileprivate var requirement: String {
        switch self {
        case .classification: "the label and the prediction must have types that cast implicitly to each other"
        case .regression: "the label and the prediction must be numeric"
        case .textGeneration: "the label and the prediction must be strings"
        default: "the label and the prediction must be ARRAYs of numbers"
        }
    }
}

extension DataType {
    fileprivate var isCharacterString: Bool {
        switch kind {
        case .char, .varchar: true
        default: false
        }
    }

    fileprivate var isNumeric: Bool { DataType(kind).isImplicitlyCastable(to: .double) }

    /// A number, or an ARRAY of numbers: a clustering feature.
    fileprivate var isNumericPoint: Bool {
        if case .array(let element) = kind { return element.isNumeric }
        return isNumeric
    }
}

extension Value {
    /// The value with integers as BIGINT and floating-point numbers as DOUBLE, so equal numbers compare equal.
    fileprivate var comparable: Value {
        if let integer = integerValue { return .bigInt(integer) }
        if case .decimal(let decimal) = self { return .double(Double(decimal.description) ?? .nan) }
        return floatingValue.map(Value.double) ?? self
    }

    /// The value of a numeric case as a `Double`.
    fileprivate var number: Double? {
        if case .decimal(let decimal) = self { return Double(decimal.description) }
        return floatingValue
    }

    /// The value cast to STRING, as Flink casts a classification label: a string as is, other
    /// values as their SQL literal text (a number's digits).
    fileprivate var text: String {
        if case .string(let string) = self { return string }
        return description
    }

    /// The numbers of an ARRAY value, or a number alone (NULL as NaN).
    fileprivate var vector: [Double] {
        guard case .array(let values) = self else { return [number ?? .nan] }
        return values.map { $0.number ?? .nan }
    }
}
