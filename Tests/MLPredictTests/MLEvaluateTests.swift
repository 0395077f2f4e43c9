import Foundation
import Testing

@testable import MLPredict

/// Metrics on small tables, against values computed by hand (in the comments).
@Suite("ML_EVALUATE: one row of the task's metrics, golden against hand-computed values")
struct MLEvaluateTests {
    /// The `result MAP<STRING, DOUBLE>` of the one result row.
    private func metrics(_ result: QueryResult) -> [String: Double] {
        #expect(result.schema == Schema([Column("result", .map(.string, .double))]))
        #expect(result.rows.count == 1)
        var metrics: [String: Double] = [:]
        if case .map(let entries) = result.rows[0].values[0] {
            for entry in entries {
                if case .string(let key) = entry.key, case .double(let number) = entry.value { metrics[key] = number }
            }
        }
        return metrics
    }

    private func keys(_ result: QueryResult) -> [String] {
        guard case .map(let entries) = result.rows[0].values[0] else { return [] }
        return entries.map { if case .string(let key) = $0.key { key } else { "?" } }
    }

    private func expectClose(_ actual: Double?, _ expected: Double, _ name: String) {
        #expect(abs((actual ?? .nan) - expected) < 1e-12, "\(name): \(actual.map(String.init(describing:)) ?? "missing") ≠ \(expected)")
    }

    @Test func classificationMetricsAreMacroAveraged() throws {
        let session = Session()
        try session.execute(SQLFixtures.classify)
        // Threshold 0.5 predicts 0 0 1 1 0 0 1 1 for labels 0 1 1 1 0 0 1 2: 6 of 8 correct.
        // The classes are the labels 0, 1, 2 (Flink's confusion-matrix rows).
        // Class 0: TP 3, FP 1 (a 1 predicted 0), FN 0 → P 3/4, R 1.
        // Class 1: TP 3, FP 1 (the 2 predicted 1), FN 1 → P 3/4, R 3/4.
        // Class 2: TP 0, FP 0, FN 1 → P 0, R 0.
        // F1 from the macro averages: P = 1/2, R = 7/12 → 2·(1/2)(7/12) / (1/2 + 7/12) = 7/13.
        session.registerTable(
            "points", SQLFixtures.points([(0.1, 0), (0.4, 1), (0.6, 1), (0.8, 1), (0.3, 0), (0.45, 0), (0.7, 1), (0.95, 2)]))
        let result = try session.execute(
            "SELECT * FROM ML_EVALUATE(TABLE points, MODEL classify, DESCRIPTOR(label), DESCRIPTOR(x), 'classification')")
        #expect(keys(result) == ["Accuracy", "Precision", "Recall", "F1"])
        let values = metrics(result)
        expectClose(values["Accuracy"], 6.0 / 8, "Accuracy")
        expectClose(values["Precision"], (3.0 / 4 + 3.0 / 4 + 0) / 3, "Precision")
        expectClose(values["Recall"], (1 + 3.0 / 4 + 0) / 3, "Recall")
        expectClose(values["F1"], 7.0 / 13, "F1")
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
        #expect(keys(result) == ["MAE", "MSE", "RMSE", "MAPE", "R2"])
        let values = metrics(result)
        expectClose(values["MAE"], 2.5 / 4, "MAE")
        expectClose(values["MSE"], 2.25 / 4, "MSE")
        expectClose(values["RMSE"], 0.75, "RMSE")
        // In percent: 100 · (0.5/1.5 + 1/2 + 0 + 1/8) / 4.
        expectClose(values["MAPE"], 100 * (0.5 / 1.5 + 1.0 / 2 + 0 + 1.0 / 8) / 4, "MAPE")
        // Σy = 16.5, Σy² = 95.25 → SStot = 95.25 − 16.5²/4 = 27.1875; SSres 2.25.
        expectClose(values["R2"], 1 - 2.25 / 27.1875, "R2")
    }

    @Test func embeddingMetrics() throws {
        let session = Session()
        try session.execute(SQLFixtures.createModel("embed", output: "v ARRAY<DOUBLE>", pythonClass: "Embedder"))
        // [1, 1] vs [1, 1]: cosine 1, weighted Jaccard Σmin/Σmax = 2/2 = 1, distance 0.
        // [0, 1] vs [1, 0]: cosine 0, Jaccard (0 + 0)/(1 + 1) = 0, distance √2.
        session.registerTable(
            "vectors",
            Table(
                schema: Schema([Column("x", .double), Column("truth", .array(.double))]),
                rows: [[1.0, .array([1.0, 1.0])], [0.0, .array([1.0, 0.0])]]))
        let values = metrics(
            try session.execute("SELECT * FROM ML_EVALUATE(TABLE vectors, MODEL embed, DESCRIPTOR(truth), DESCRIPTOR(x), 'embedding')"))
        expectClose(values["Mean Cosine Similarity"], 0.5, "cosine")
        expectClose(values["Mean Jaccard Similarity"], 0.5, "Jaccard")
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
            "SELECT `result` FROM ML_EVALUATE(TABLE points, MODEL classify, DESCRIPTOR(label), DESCRIPTOR(x), 'classification', MAP['timeout', '1 min'])")
        // One class (label 0), predicted 0 then 1: Accuracy 1/2, P 1/1, R 1/2, F1 2/3.
        let values = metrics(result)
        expectClose(values["Accuracy"], 0.5, "Accuracy")
        expectClose(values["Precision"], 1, "Precision")
        expectClose(values["Recall"], 0.5, "Recall")
        expectClose(values["F1"], 2.0 / 3, "F1")
    }

    @Test func errorsNameTheTaskLabelAndTypes() throws {
        let session = Session()
        _ = try session.executeAll(SQLFixtures.classify + ";" + SQLFixtures.regressor)
        session.registerTable(
            "texts", Table(schema: Schema([Column("x", .double), Column("name", .string)]), rows: [[0.5, "a"]]))
        let cases: [(String, MLPredictError.Code, String)] = [
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(name), DESCRIPTOR(x))", .syntaxError,
             "line 1, column 15: ML_EVALUATE is missing its 'task ('classification', ...)' argument"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(name), DESCRIPTOR(x), 'ranking')", .invalidArgument,
             "ML_EVALUATE: unknown task 'ranking'; tasks: 'classification', 'regression', 'clustering', 'embedding', 'text_generation'"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(name), DESCRIPTOR(x), 'text_generation')", .typeMismatch,
             "ML_EVALUATE: task 'text_generation' cannot compare label 'name' of type STRING with model 'classify' OUTPUT column 'label' of type INT; the label and the prediction must be strings"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(nope), DESCRIPTOR(x), 'classification')", .unknownColumn,
             "ML_EVALUATE: label column 'nope' is not a column of table 'texts' (x DOUBLE, name STRING)"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL classify, DESCRIPTOR(name), DESCRIPTOR(x), 'classification')", .typeMismatch,
             "ML_EVALUATE: task 'classification' cannot compare label 'name' of type STRING with model 'classify' OUTPUT column 'label' of type INT; the label and the prediction must have types that cast implicitly to each other"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL regressor, DESCRIPTOR(name), DESCRIPTOR(x), 'regression')", .typeMismatch,
             "ML_EVALUATE: task 'regression' cannot compare label 'name' of type STRING with model 'regressor' OUTPUT column 'y' of type DOUBLE; the label and the prediction must be numeric"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL regressor, DESCRIPTOR(x), DESCRIPTOR(name), 'regression')", .typeMismatch,
             "ML_EVALUATE: column 'name' of table 'texts' has type STRING, which cannot be implicitly cast to DOUBLE of model 'regressor' INPUT column 'x'"),
            ("SELECT * FROM ML_EVALUATE(TABLE texts, MODEL regressor, DESCRIPTOR(x), DESCRIPTOR(x), 'regression', MAP['k', 'v'])", .invalidArgument,
             "ML_EVALUATE CONFIG has unknown key 'k'; supported keys: "
                + "'async', 'error-handling-strategy', 'max-concurrent-operations', 'output-mode', 'retry-backoff-base-interval', 'retry-backoff-strategy', 'retry-fallback-strategy', 'retry-num', 'timeout'"),
        ]
        for (sql, code, message) in cases {
            let error = try #require(SQLFixtures.error { try session.execute(sql) }, "\(sql)")
            #expect(error.code == code, "\(sql)")
            #expect(error.message == message || error.message.hasPrefix(message + "\n"), "\(error.message)")  // syntax errors add the statement and a caret
        }
    }

    @Test func textGenerationMetricsFollowFlink() {
        // "The cat sat" vs "the cat": lowercased, reference [the, cat, sat] (r 3), hypothesis [the, cat] (h 2):
        // BLEU = exp(1 − 3/2) · 2/2, ROUGE = 2/3, semantic (word-set Jaccard) = 2/3.
        // "a b" vs "a b": BLEU 1, ROUGE 1, semantic 1.
        let metrics = Metrics.textGeneration([(label: "The cat sat", prediction: "the CAT"), (label: "a b", prediction: "a b")])
        let values = Dictionary(uniqueKeysWithValues: metrics ?? [])
        #expect(metrics?.map(\.0) == ["Mean BLEU", "Mean ROUGE", "Mean Semantic Similarity"])
        expectClose(values["Mean BLEU"], (exp(-0.5) + 1) / 2, "BLEU")
        expectClose(values["Mean ROUGE"], (2.0 / 3 + 1) / 2, "ROUGE")
        expectClose(values["Mean Semantic Similarity"], (2.0 / 3 + 1) / 2, "semantic")
        #expect(Metrics.javaWords(" a  b ") == ["", "a", "b"])
        #expect(Metrics.javaWords("") == [""])
        #expect(Metrics.textGeneration([]) == nil)
    }

    @Test func classificationComparesLabelsCaseInsensitively() {
        // Classes {cat, dog}: cat TP 2 (Cat/cat, cat/CAT), FN 0, FP 1 (a dog predicted cat); dog TP 0, FN 1.
        // Accuracy 2/3; P = (2/3 + 0)/2 = 1/3; R = (1 + 0)/2 = 1/2; F1 = 2·(1/3)(1/2)/(5/6) = 2/5.
        let values = Dictionary(
            uniqueKeysWithValues: Metrics.classification([("Cat", "cat"), ("cat", "CAT"), ("dog", "Cat")]) ?? [])
        expectClose(values["Accuracy"], 2.0 / 3, "Accuracy")
        expectClose(values["Precision"], 1.0 / 3, "Precision")
        expectClose(values["Recall"], 0.5, "Recall")
        expectClose(values["F1"], 0.4, "F1")
    }

    @Test func weightedJaccardShiftsNegativeVectors() {
        // [−1, 2] vs [1, 0]: least element −1, shifted [0, 3] vs [2, 1]: Σmin 0 + 1 = 1, Σmax 2 + 3 = 5 → 1/5.
        // Cosine (−1·1 + 2·0) / (√5 · 1) = −1/√5; distance √(4 + 4) = √8.
        let values = Dictionary(uniqueKeysWithValues: Metrics.embedding([(label: [1, 0], prediction: [-1, 2])]) ?? [])
        expectClose(values["Mean Jaccard Similarity"], 0.2, "Jaccard")
        expectClose(values["Mean Cosine Similarity"], -1 / 5.0.squareRoot(), "cosine")
        expectClose(values["Mean Euclidean Distance"], 8.0.squareRoot(), "distance")
    }

    @Test func regressionEdgeCasesFollowFlink() {
        // All labels 0: MAPE 0 (Flink's convention); identical labels: R2 NaN.
        let values = Dictionary(uniqueKeysWithValues: Metrics.regression([(0, 1), (0, 3)]) ?? [])
        #expect(values["MAPE"] == 0)
        #expect(values["R2"]?.isNaN == true)
        // MAPE divides by every row, zeros included: 100 · |(2 − 1)/2| / 2 = 25.
        expectClose(Dictionary(uniqueKeysWithValues: Metrics.regression([(2, 1), (0, 0)]) ?? [])["MAPE"], 25, "MAPE")
    }
}
