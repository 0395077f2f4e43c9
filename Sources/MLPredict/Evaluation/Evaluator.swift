/// `ML_EVALUATE`: predicts every row with the model, compares the model's first OUTPUT column
/// with the label column, and returns one row of the task's metrics (DOUBLE columns).
///
/// Rows whose label or prediction is NULL are left out; a row the model predicts several rows
/// for counts once per predicted row. For `clustering` the prediction is the cluster, the points
/// are the feature columns' numbers (ARRAYs flattened), and the label is not used.
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

    init(
        task name: String?, label: String, table: Table, tableName: String, features: [Int], model: Model
    ) throws(MLPredictError) {
        let tasks = quotedList(EvaluationTask.allCases.map(\.rawValue))
        guard let name else {
            throw MLPredictError(
                .invalidArgument,
                "ML_EVALUATE needs the task of model '\(model.name)': give it as an argument after the feature "
                    + "DESCRIPTOR or set the model option 'task'; tasks: \(tasks)", model: model.name)
        }
        guard let task = EvaluationTask(rawValue: name.lowercased()) else {
            throw MLPredictError(.invalidArgument, "ML_EVALUATE: unknown task '\(name)'; tasks: \(tasks)", model: model.name)
        }
        guard let metrics = task.metricNames else {
            throw MLPredictError(
                .invalidArgument,
                "ML_EVALUATE: task '\(task.rawValue)' cannot be evaluated yet; supported tasks: "
                    + quotedList(EvaluationTask.allCases.filter { $0.metricNames != nil }.map(\.rawValue)),
                model: model.name)
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
        schema = Schema(metrics.map { Column($0, .double) })
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
        }
    }

    func result() throws(MLPredictError) -> QueryResult {
        let metrics: [Double]
        switch task {
        case .classification:
            metrics = Metrics.classification(zip(labels.map(\.comparable), predictions.map(\.comparable)).map { ($0, $1) })
        case .clustering:
            metrics = Metrics.clustering(zip(points, predictions.map(\.comparable)).map { ($0, $1) })
        case .regression:
            metrics = Metrics.regression(zip(labels, predictions).map { ($0.number ?? .nan, $1.number ?? .nan) })
        default:
            metrics = Metrics.embedding(zip(labels, predictions).map { ($0.vector, $1.vector) })
        }
        return QueryResult(schema: schema, rows: [Row(metrics.map(Value.double))])
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
        default: "the label and the prediction must be ARRAYs of numbers"
        }
    }
}

extension DataType {
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

    /// The numbers of an ARRAY value, or a number alone (NULL as NaN).
    fileprivate var vector: [Double] {
        guard case .array(let values) = self else { return [number ?? .nan] }
        return values.map { $0.number ?? .nan }
    }
}
