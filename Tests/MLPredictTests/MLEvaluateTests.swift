import Testing

@testable import MLPredict

/// Metrics on small tables, against values computed by hand (in the comments).
@Suite("ML_EVALUATE: one row of the task's metrics, golden against hand-computed values")
struct MLEvaluateTests {
    private func metrics(_ result: QueryResult) -> [String: Double] {
        var metrics: [String: Double] = [:]
        for (column, value) in zip(result.schema.names, result.rows[0].values) {
            if case .double(let number) = value { metrics[column] = number }
        }
        return metrics
    }

    private func expectClose(_ actual: Double?, _ expected: Double, _ name: String) {
        #expect(abs((actual ?? .nan) - expected) < 1e-12, "\(name): \(actual.map(String.init(describing:)) ?? "missing") ≠ \(expected)")
    }

    @Test func classificationMetricsAreMacroAveraged() throws {
        let session = Session()
        try session.execute(SQLFixtures.classify)
        // Threshold 0.5 predicts 0 0 1 1 0 0 1 1 for labels 0 1 1 1 0 0 1 2: 6 of 8 correct.
        // Class 0: TP 3, predicted 4, actual 3 → P 3/4, R 1, F1 6/7.
        // Class 1: TP 3, predicted 4, actual 4 → P 3/4, R 3/4, F1 3/4.
        // Class 2: never predicted, actual 1 → P 0, R 0, F1 0.
        session.registerTable(
            "points", SQLFixtures.points([(0.1, 0), (0.4, 1), (0.6, 1), (0.8, 1), (0.3, 0), (0.45, 0), (0.7, 1), (0.95, 2)]))
        let result = try session.execute(
            "SELECT * FROM ML_EVALUATE(TABLE points, MODEL classify, DESCRIPTOR(label), DESCRIPTOR(x), 'classification')")
        #expect(result.schema == Schema(["Accuracy", "Precision", "Recall", "F1"].map { Column($0, .double) }))
        #expect(result.rows.count == 1)
        let values = metrics(result)
        expectClose(values["Accuracy"], 6.0 / 8, "Accuracy")
        expectClose(values["Precision"], (3.0 / 4 + 3.0 / 4 + 0) / 3, "Precision")
        expectClose(values["Recall"], (1 + 3.0 / 4 + 0) / 3, "Recall")
        expectClose(values["F1"], (6.0 / 7 + 3.0 / 4 + 0) / 3, "F1")
    }

    @Test func regressionMetrics() throws {
        let session = Session()
        try session.execute(SQLFixtures.regressor)
        // y = 2x + 1 predicts 1, 3, 5, 7 for labels 1.5, 2, 5, 8: errors 0.5, −1, 0, 1.
        session.registerTable(
            "samples",
            Table(
                schema: Schema([Column("x", .int), Column("truth", .decimal(4, 1))]),
                rows: [[.int(0), .decimal(SQLDecimal("1.5")!)], [.int(1), .decimal(SQLDecimal("2.0")!)],
                       [.int(2), .decimal(SQLDecimal("5.0")!)], [.int(3), .decimal(SQLDecimal("8.0")!)]]))
        let result = try session.mlEvaluate(table: "samples", model: "regressor", label: "truth", features: ["x"], task: .regression)
        #expect(result.schema.names == ["MAE", "MSE", "RMSE", "MAPE", "R²"])
        let values = metrics(result)
        expectClose(values["MAE"], 2.5 / 4, "MAE")
        expectClose(values["MSE"], 2.25 / 4, "MSE")
        expectClose(values["RMSE"], 0.75, "RMSE")
        expectClose(values["MAPE"], (0.5 / 1.5 + 1.0 / 2 + 0 + 1.0 / 8) / 4, "MAPE")
        // Mean label 4.125; total sum of squares 27.1875; residual 2.25.
        expectClose(values["R²"], 1 - 2.25 / 27.1875, "R²")
    }

    @Test func embeddingMetricsAndTheTaskOption() throws {
        let session = Session()
        try session.execute(
            SQLFixtures.createModel("embed", output: "v ARRAY<DOUBLE>", pythonClass: "Embedder", extraOptions: ",\n  'task' = 'embedding'"))
        // [1, 1] vs [1, 1]: cosine 1, Jaccard 1, distance 0; [0, 1] vs [1, 0]: cosine 0, Jaccard 1, distance √2.
        session.registerTable(
            "vectors",
            Table(
                schema: Schema([Column("x", .double), Column("truth", .array(.double))]),
                rows: [[1.0, .array([1.0, 1.0])], [0.0, .array([1.0, 0.0])]]))
        let values = metrics(try session.execute("SELECT * FROM ML_EVALUATE(TABLE vectors, MODEL embed, DESCRIPTOR(truth), DESCRIPTOR(x))"))
        expectClose(values["Mean Cosine Similarity"], 0.5, "cosine")
        expectClose(values["Mean Jaccard Similarity"], 1, "Jaccard")
        expectClose(values["Mean Euclidean Distance"], 2.0.squareRoot() / 2, "distance")
    }

    @Test func clusteringMetrics() throws {
        let session = Session()
        try session.execute(
            SQLFixtures.createModel("clusters", output: "cluster INT", pythonClass: "ThresholdClassifier", extraOptions: ",\n  'properties.threshold' = '5'"))
        // Threshold 5 puts {0, 2} in cluster 0 and {10, 12} in cluster 1: centroids 1 and 11, mean
        // distances to them 1 and 1, centroid distance 10 → Davies–Bouldin (2/10 + 2/10) / 2 = 0.2;
        // every squared distance to the centroid is 1 → variance 1; silhouettes 9/11, 7/9, 7/9, 9/11.
        session.registerTable("points", SQLFixtures.points([(0, 0), (2, 0), (10, 1), (12, 1)]))
        let values = metrics(
            try session.execute("SELECT * FROM ML_EVALUATE(TABLE points, MODEL clusters, DESCRIPTOR(label), DESCRIPTOR(x), 'clustering')"))
        expectClose(values["Mean Davies-Bouldin Index"], 0.2, "Davies-Bouldin")
        expectClose(values["Intra-Cluster Variance"], 1, "variance")
        expectClose(values["Silhouette Score"], (9.0 / 11 + 7.0 / 9) / 2, "silhouette")
    }

    @Test func projectionAndConfig() throws {
        let session = Session()
        try session.execute(SQLFixtures.classify)
        session.registerTable("points", SQLFixtures.points([(0.1, 0), (0.9, 0)]))
        let result = try session.execute(
            "SELECT Accuracy FROM ML_EVALUATE(TABLE points, MODEL classify, DESCRIPTOR(label), DESCRIPTOR(x), 'classification', MAP['timeout', '1 min'])")
        #expect(result.rows == [[0.5]])
    }

    @Test func errorsNameTheTaskLabelAndTypes() throws {
        let session = Session()
        try session.executeAll(SQLFixtures.classify + ";" + SQLFixtures.regressor)
        session.registerTable(
            "texts", Table(schema: Schema([Column("x", .double), Column("name", .string)]), rows: [[0.5, "a"]]))
        let cases: [(String, MLPredictError.Code, String)] = [
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(name), DESCRIPTOR(x))", .invalidArgument,
             "ML_EVALUATE needs the task of model 'classify': give it as an argument after the feature DESCRIPTOR or set the model option 'task'; tasks: 'classification', 'regression', 'clustering', 'embedding', 'text_generation'"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(name), DESCRIPTOR(x), 'ranking')", .invalidArgument,
             "ML_EVALUATE: unknown task 'ranking'; tasks: 'classification', 'regression', 'clustering', 'embedding', 'text_generation'"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(name), DESCRIPTOR(x), 'text_generation')", .invalidArgument,
             "ML_EVALUATE: task 'text_generation' cannot be evaluated yet; supported tasks: 'classification', 'regression', 'clustering', 'embedding'"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(nope), DESCRIPTOR(x), 'classification')", .unknownColumn,
             "ML_EVALUATE: label column 'nope' is not a column of table 'texts' (x DOUBLE, name STRING)"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(name), DESCRIPTOR(x), 'classification')", .typeMismatch,
             "ML_EVALUATE: task 'classification' cannot compare label 'name' of type STRING with model 'classify' OUTPUT column 'label' of type INT; the label and the prediction must have types that cast implicitly to each other"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL regressor, DESCRIPTOR(name), DESCRIPTOR(x), 'regression')", .typeMismatch,
             "ML_EVALUATE: task 'regression' cannot compare label 'name' of type STRING with model 'regressor' OUTPUT column 'y' of type DOUBLE; the label and the prediction must be numeric"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL regressor, DESCRIPTOR(x), DESCRIPTOR(name), 'regression')", .typeMismatch,
             "ML_EVALUATE: column 'name' of table 'texts' has type STRING, which cannot be implicitly cast to DOUBLE of model 'regressor' INPUT column 'x'"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL regressor, DESCRIPTOR(x), DESCRIPTOR(x), 'regression', MAP['k', 'v'])", .invalidArgument,
             "ML_EVALUATE CONFIG has unknown key 'k'; supported keys: 'async', 'max-concurrent-operations', 'output-mode', 'timeout'"),
        ]
        for (sql, code, message) in cases {
            let error = try #require(SQLFixtures.error { try session.execute(sql) }, "\(sql)")
            #expect(error.code == code, "\(sql)")
            #expect(error.message == message)
        }
    }
}
