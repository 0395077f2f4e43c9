import Foundation
import MLPredict
import MLPredictSQLiteCatalog
import Testing

/// A scratch SQLite file path, removed by the caller.
private func scratchFile() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-catalog-\(UUID().uuidString).sqlite").path
}

private let modelsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("MLPredictTests/Fixtures/models").path

private func createClassifier(_ name: String = "classify", temporary: Bool = false, input: String = "x DOUBLE NOT NULL COMMENT 'feature'") -> String {
    """
    CREATE \(temporary ? "TEMPORARY " : "")MODEL \(name)
    INPUT (\(input))
    OUTPUT (label INT)
    COMMENT 'threshold ''classify'''
    WITH (
      'provider' = 'generic-python',
      'model-directory-path' = 'scoring',
      'python-predict-class' = 'scoring.ThresholdClassifier',
      'properties.threshold' = '0.5',
      'task' = 'classification'
    )
    """
}

@Suite("SQLite model catalog: models survive a restart; temporary ones are never stored")
struct SQLiteModelCatalogTests {
    @Test func modelsSurviveReopeningTheFile() throws {
        let file = scratchFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        var before = "", renamedBefore = ""
        do {
            let session = Session(catalog: try SQLiteModelCatalog(path: file), baseDirectory: modelsDirectory)
            try session.executeAll(createClassifier() + ";" + createClassifier("scratch", temporary: true))
            try session.execute("CREATE MODEL default_database.copy INPUT (x DOUBLE) OUTPUT (label INT, detail ROW<score DECIMAL(10, 2), tags ARRAY<STRING NOT NULL>> NOT NULL) WITH ('provider' = 'generic-python', 'model-directory-path' = 'scoring', 'python-predict-class' = 'scoring.ThresholdClassifier')")
            try session.execute("ALTER MODEL default_database.copy RENAME TO renamed")
            before = "\(try session.execute("SHOW CREATE MODEL classify"))"
            renamedBefore = "\(try session.execute("SHOW CREATE MODEL renamed"))"
        }
        let session = Session(catalog: try SQLiteModelCatalog(path: file))
        #expect(try session.execute("SHOW MODELS").rows == [["classify"], ["renamed"]], "the temporary model is gone")
        #expect("\(try session.execute("SHOW CREATE MODEL classify"))" == before)
        #expect(try session.execute("DESCRIBE MODEL default_database.classify").rows[0] == ["x", "DOUBLE", false, true, "feature"])
        #expect("\(try session.execute("SHOW CREATE MODEL renamed"))" == renamedBefore, "nested types round-trip")
        session.registerTable("points", Table(schema: Schema([Column("x", DataType.double.notNull)]), rows: [[0.2], [0.8]]))
        let result = try session.execute("SELECT label FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x))")
        #expect(result.rows == [[.int(0)], [.int(1)]], "the relative directory resolves against the base directory stored at CREATE")
    }

    @Test func errorsAndDropsPersist() throws {
        let file = scratchFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let catalog = try SQLiteModelCatalog(path: file)
        let session = Session(catalog: catalog, baseDirectory: modelsDirectory)
        try session.execute(createClassifier())
        do {
            try session.execute(createClassifier())
            Issue.record("expected modelAlreadyExists")
        } catch {
            #expect(error.code == .modelAlreadyExists)
        }
        try session.execute("ALTER MODEL classify SET ('properties.threshold' = '0.9')")
        let reopened = Session(catalog: try SQLiteModelCatalog(path: file))
        #expect("\(try reopened.execute("SHOW CREATE MODEL classify"))".contains("'properties.threshold' = '0.9'"))
        try reopened.execute("DROP MODEL classify")
        #expect(try session.execute("SHOW MODELS").rows.isEmpty, "another catalog instance on the file sees the drop")
    }

    @Test func concurrentSessionsOnOneFile() throws {
        let file = scratchFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let catalog = try SQLiteModelCatalog(path: file)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let session = Session(catalog: catalog, baseDirectory: modelsDirectory)
            _ = try? session.executeAll(createClassifier("m\(index)") + "; " + createClassifier("shared").replacingOccurrences(of: "MODEL shared", with: "MODEL IF NOT EXISTS shared"))
        }
        #expect(try Session(catalog: catalog).execute("SHOW MODELS").rows.count == 9)
    }
}
