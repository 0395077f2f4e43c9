import Testing

@testable import MLPredict

@Suite("Session: CREATE, DROP, ALTER, SHOW MODELS, DESCRIBE MODEL, SHOW CREATE MODEL")
struct SessionModelStatementTests {
    private func names(_ session: Session, like pattern: String? = nil) throws -> [String] {
        let result = try session.execute("SHOW MODELS" + (pattern.map { " LIKE '\($0)'" } ?? ""))
        #expect(result.schema.names == ["model name"])
        return result.rows.map { $0[0].description }
    }

    @Test func createShowAndDrop() throws {
        let session = Session()
        let created = try session.executeAll(SQLFixtures.classify + ";\n" + SQLFixtures.regressor)
        #expect(created.map(\.rows) == [[["OK"]], [["OK"]]])
        #expect(try names(session) == ["'classify'", "'regressor'"])
        #expect(try names(session, like: "class%") == ["'classify'"])
        #expect(try names(session, like: "_egressor") == ["'regressor'"])
        try session.execute("DROP MODEL classify")
        #expect(try names(session) == ["'regressor'"])
        try session.execute("DROP MODEL IF EXISTS classify")
        let error = try #require(SQLFixtures.error { try session.execute("DROP MODEL classify") })
        #expect(error.code == .unknownModel)
        #expect(error.message == "model 'default_database.classify' does not exist")
    }

    @Test func createTwiceFailsUnlessIfNotExists() throws {
        let session = Session()
        try session.execute(SQLFixtures.classify)
        let error = try #require(SQLFixtures.error { try session.execute(SQLFixtures.regressor.replacingOccurrences(of: "MODEL regressor", with: "MODEL classify")) })
        #expect(error.code == .modelAlreadyExists)
        try session.execute(SQLFixtures.regressor.replacingOccurrences(of: "MODEL regressor", with: "MODEL IF NOT EXISTS classify"))
        let described = try session.execute("DESCRIBE MODEL classify")
        #expect(described.column("name") == ["x", "label"], "the first definition stays")
    }

    @Test func optionsRejectedByTheProviderChangeNothing() throws {
        let session = Session()
        let error = try #require(
            SQLFixtures.error {
                try session.execute(SQLFixtures.createModel("bad", output: "y INT", pythonClass: "X", extraOptions: ",\n  'colour' = 'red'"))
            })
        #expect(error.code == .unsupportedOption)
        #expect(error.message.contains("unsupported option 'colour'"))
        #expect(try names(session).isEmpty)
        let task = try #require(
            SQLFixtures.error {
                try session.execute(SQLFixtures.createModel("bad", output: "y INT", pythonClass: "X", extraOptions: ",\n  'task' = 'ranking'"))
            })
        #expect(task.code == .invalidOption)
        #expect(task.message.contains("option 'task' must be one of 'classification', 'regression'"))
    }

    @Test func describeListsInputThenOutputColumns() throws {
        let session = Session()
        try session.execute(
            SQLFixtures.createModel("m", input: "x DOUBLE NOT NULL COMMENT 'feature'", output: "label INT", pythonClass: "ThresholdClassifier"))
        let result = try session.execute("DESCRIBE MODEL m")
        #expect(result.schema.names == ["name", "type", "null", "is input", "comment"])
        #expect(result.rows == [["x", "DOUBLE", false, true, "feature"], ["label", "INT", true, false, nil]])
        #expect(result.description.contains("| x     | DOUBLE | false | true     | feature |"))
    }

    @Test func showCreateModelRoundTrips() throws {
        let session = Session()
        try session.execute(
            SQLFixtures.createModel("m", output: "label INT COMMENT 'it''s 0 or 1'", pythonClass: "ThresholdClassifier", extraOptions: ",\n  'properties.threshold' = '0.7'"))
        let text = try #require(try session.execute("SHOW CREATE MODEL m").rows.first?[0])
        guard case .string(let ddl) = text else { Issue.record("not a string"); return }
        #expect(ddl.hasPrefix("CREATE MODEL `default_catalog`.`default_database`.`m`\nINPUT (`x` DOUBLE)\nOUTPUT (`label` INT COMMENT 'it''s 0 or 1')\nWITH (\n  'model-directory-path'"))
        #expect(ddl.hasSuffix("\n)\n"))
        let other = Session()
        try other.execute(ddl)
        #expect(try other.execute("SHOW CREATE MODEL m") == session.execute("SHOW CREATE MODEL m"))
    }

    @Test func alterSetResetAndRename() throws {
        let session = Session()
        try session.execute(SQLFixtures.classify)
        try session.execute("ALTER MODEL classify SET ('properties.threshold' = '0.9', 'task' = 'classification')")
        var ddl = SQLFixtures.text(try session.execute("SHOW CREATE MODEL classify"))
        #expect(ddl.contains("'properties.threshold' = '0.9'") && ddl.contains("'task' = 'classification'"))
        try session.execute("ALTER MODEL classify RESET ('properties.threshold')")
        ddl = SQLFixtures.text(try session.execute("SHOW CREATE MODEL classify"))
        #expect(!ddl.contains("threshold"))
        try session.execute("ALTER MODEL classify RENAME TO default_database.renamed")
        #expect(try names(session) == ["'renamed'"])
        try session.execute("ALTER MODEL IF EXISTS classify SET ('task' = 'regression')")
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classify SET ('task' = 'regression')") }?.code == .unknownModel)
    }

    @Test func rejectedAltersChangeNothing() throws {
        let session = Session()
        _ = try session.executeAll(SQLFixtures.classify + ";" + SQLFixtures.regressor)
        let before = try session.execute("SHOW CREATE MODEL classify")
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classify SET ('colour' = 'red')") }?.code == .unsupportedOption)
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classify RESET ('python-predict-class')") }?.code == .missingOption)
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classify RESET ('provider')") }?.code == .invalidOption)
        #expect(SQLFixtures.error { try session.execute("ALTER MODEL classify RENAME TO regressor") }?.code == .modelAlreadyExists)
        #expect(try session.execute("SHOW CREATE MODEL classify") == before)
    }

    @Test func temporaryModelsShadowAndDropSeparately() throws {
        let session = Session()
        try session.execute(SQLFixtures.classify)
        try session.execute(SQLFixtures.createModel("classify", output: "y DOUBLE", pythonClass: "LinearRegressor", temporary: true))
        #expect(try session.execute("DESCRIBE MODEL classify").column("name") == ["x", "y"])
        #expect(SQLFixtures.text(try session.execute("SHOW CREATE MODEL classify")).contains("CREATE TEMPORARY MODEL"))
        // As in Flink: SHOW MODELS lists only catalog models, ALTER refuses a temporary model, and
        // DROP MODEL drops the catalog's model even when a temporary one shadows it.
        #expect(try session.execute("SHOW MODELS").rows == [["classify"]])
        let error = try #require(SQLFixtures.error { try session.execute("ALTER MODEL classify SET ('task' = 'regression')") })
        #expect(error.message.contains("is a temporary model"))
        try session.execute("DROP MODEL classify")
        #expect(try session.execute("SHOW MODELS").rows.isEmpty)
        #expect(try session.execute("DESCRIBE MODEL classify").column("name") == ["x", "y"])
        try session.execute("DROP TEMPORARY MODEL classify")
        #expect(SQLFixtures.error { try session.execute("DESCRIBE MODEL classify") }?.code == .unknownModel)
    }

    @Test func qualifiedNamesAndUnknownCatalogs() throws {
        let session = Session()
        try session.execute(SQLFixtures.classify.replacingOccurrences(of: "MODEL classify", with: "MODEL default_database.classify"))
        #expect(try session.execute("DESCRIBE MODEL default_catalog.default_database.classify").rows.count == 2)
        let missing = try #require(
            SQLFixtures.error { try session.execute(SQLFixtures.classify.replacingOccurrences(of: "MODEL classify", with: "MODEL other_db.classify")) })
        #expect(missing.code == .unknownDatabase)
        #expect(missing.message == "database 'other_db' does not exist in catalog 'default_catalog'; the session's database is 'default_database'")
        let error = try #require(SQLFixtures.error { try session.execute("DROP MODEL elsewhere.db.m") })
        #expect(error.code == .unknownCatalog)
        try session.execute("DROP MODEL IF EXISTS elsewhere.db.m")
    }

    @Test func aFailingStatementStopsTheRestButKeepsEarlierOnes() throws {
        let session = Session()
        let error = try #require(
            SQLFixtures.error { _ = try session.executeAll(SQLFixtures.classify + "; DROP MODEL nope; " + SQLFixtures.regressor) })
        #expect(error.code == .unknownModel)
        #expect(try names(session) == ["'classify'"])
    }
}
