import Foundation
import Testing

@Suite("mlpredict sql: a model created in one process predicts in the next through the SQLite catalog")
struct SQLCommandTests {
    @Test func aSecondProcessOpensTheCatalogAndPredicts() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-cli-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let directory = CommandLineTool.packageDirectory.appendingPathComponent("Tests/MLPredictTests/Fixtures/models/scoring").path
        let create = try CommandLineTool.run([
            "sql", "--catalog", file,
            """
            CREATE MODEL classify INPUT (x DOUBLE) OUTPUT (label INT)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(directory)',
                  'python-predict-class' = 'scoring.ThresholdClassifier');
            CREATE TEMPORARY MODEL scratch INPUT (x DOUBLE) OUTPUT (label INT)
            WITH ('provider' = 'generic-python', 'model-directory-path' = '\(directory)',
                  'python-predict-class' = 'scoring.ThresholdClassifier')
            """,
        ])
        #expect(create.status == 0, "\(create.standardError)")
        let predict = try CommandLineTool.run(
            [
                "sql", "--catalog", file, "--table", "points", "--schema", "(x DOUBLE)",
                "SHOW MODELS; SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x))",
            ],
            standardInput: "{\"x\": 0.25}\n{\"x\": 0.75}\n")
        #expect(predict.status == 0, "\(predict.standardError)")
        #expect(
            predict.standardOutput == """
                +------------+
                | model name |
                +------------+
                | classify   |
                +------------+
                +------+-------+
                | x    | label |
                +------+-------+
                | 0.25 | 0     |
                | 0.75 | 1     |
                +------+-------+

                """)
    }

    @Test func errorsGoToStandardErrorWithTheCaret() throws {
        let outcome = try CommandLineTool.run(["sql", "SHOW MODEL"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == "mlpredict: line 1, column 6: expected 'MODELS' or 'CREATE' after 'SHOW' but found 'MODEL'\nSHOW MODEL\n     ^\n")
    }
}
