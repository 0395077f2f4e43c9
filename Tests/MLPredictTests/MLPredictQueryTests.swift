import Testing

@testable import MLPredict

@Suite("ML_PREDICT: Flink's output rows, DESCRIPTOR checks at planning time, CONFIG, table sources")
struct MLPredictQueryTests {
    private func session() throws -> Session {
        let session = Session()
        _ = try session.executeAll(SQLFixtures.classify + ";" + SQLFixtures.echo)
        session.registerTable("points", SQLFixtures.points([(0.2, 0), (0.7, 1)]))
        return session
    }

    @Test func outputIsTheInputRowThenTheModelOutput() throws {
        let result = try session().execute("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x))")
        #expect(result.schema == Schema([Column("x", .double), Column("label", .int), Column("label0", .int)]))
        #expect(result.rows == [[0.2, .int(0), .int(0)], [0.7, .int(1), .int(1)]])
    }

    @Test func namedArgumentsConfigAndProjection() throws {
        let result = try session().execute(
            """
            SELECT label0, x FROM ML_PREDICT(
              input => TABLE points, model => MODEL classify, args => DESCRIPTOR(x),
              config => MAP['async', 'false', 'max-concurrent-operations', '4', 'output-mode', 'ORDERED', 'timeout', '10 s'])
            """)
        #expect(result.schema.names == ["label0", "x"])
        #expect(result.rows == [[.int(0), 0.2], [.int(1), 0.7]])
    }

    @Test func noRowDropsTheInputAndSeveralRepeatIt() throws {
        let session = Session()
        try session.execute(SQLFixtures.createModel("repeat", input: "n BIGINT", output: "i BIGINT", pythonClass: "Repeater"))
        session.registerTable(
            "counts", Table(schema: Schema([Column("n", .int), Column("tag", .string)]), rows: [[.int(2), "a"], [.int(0), "b"], [.int(1), "c"]]))
        let result = try session.execute("SELECT tag, i FROM ML_PREDICT(TABLE counts, MODEL repeat, DESCRIPTOR(n))")
        #expect(result.rows == [["a", 0], ["a", 1], ["c", 0]])
    }

    @Test func clashingOutputNamesGetTheSmallestFreeSuffix() {
        let schema = Schema.mlPredictResult(
            input: Schema([Column("label", .string), Column("label0", .string)]),
            output: Schema([Column("label", .int), Column("score", .double)]))
        #expect(schema.names == ["label", "label0", "label1", "score"])
    }

    @Test func implicitCastsWidenBeforePredicting() throws {
        let session = try session()
        session.registerTable(
            "ints", Table(schema: Schema([Column("small", .smallInt), Column("dec", .decimal(5, 2))]), rows: [[.smallInt(1), .decimal(SQLDecimal("0.60")!)]]))
        #expect(try session.execute("SELECT label FROM ML_PREDICT(TABLE ints, MODEL classify, DESCRIPTOR(small))").rows == [[.int(1)]])
        #expect(try session.execute("SELECT label FROM ML_PREDICT(TABLE ints, MODEL classify, DESCRIPTOR(`dec`))").rows == [[.int(1)]])
    }

    @Test func descriptorErrorsAreFoundBeforeAnyRowAndNameTheProblem() throws {
        let session = try session()
        session.registerTable("texts", Table(schema: Schema([Column("text", .string), Column("id", .bigInt)]), rows: [["a", 1]]))
        let cases: [(String, MLPredictError.Code, String)] = [
            ("SELECT * FROM ML_PREDICT(TABLE points, MODEL nope, DESCRIPTOR(x))", .unknownModel, "model 'default_database.nope' does not exist"),
            ("SELECT * FROM ML_PREDICT(TABLE nope, MODEL classify, DESCRIPTOR(x))", .unknownTable,
             "table 'nope' is not registered in the session; registered tables: 'points', 'texts'"),
            ("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(y))", .unknownColumn,
             "ML_PREDICT: DESCRIPTOR column 'y' is not a column of table 'points' (x DOUBLE, label INT)"),
            ("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x, label))", .typeMismatch,
             "ML_PREDICT: DESCRIPTOR(x, label) names 2 columns but model 'classify' has 1 INPUT column (x DOUBLE)"),
            ("SELECT * FROM ML_PREDICT(TABLE texts, MODEL classify, DESCRIPTOR(text))", .typeMismatch,
             "ML_PREDICT: column 'text' of table 'texts' has type STRING, which cannot be implicitly cast to DOUBLE of model 'classify' INPUT column 'x'"),
            ("SELECT * FROM ML_PREDICT(TABLE texts, MODEL echo, DESCRIPTOR(text, id))", .typeMismatch,
             "ML_PREDICT: column 'text' of table 'texts' has type STRING, which cannot be implicitly cast to BIGINT of model 'echo' INPUT column 'id'"),
            ("SELECT nope FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x))", .unknownColumn,
             "SELECT: column 'nope' is not in the result (x DOUBLE, label INT, label0 INT)"),
            ("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x), MAP['retries', '3'])", .invalidArgument,
             "ML_PREDICT CONFIG has unknown key 'retries'; supported keys: "
                + "'async', 'error-handling-strategy', 'max-concurrent-operations', 'output-mode', 'retry-backoff-base-interval', 'retry-backoff-strategy', 'retry-fallback-strategy', 'retry-num', 'timeout'"),
            ("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x), MAP['async', 'yes'])", .invalidArgument,
             "ML_PREDICT CONFIG 'async' must be 'true' or 'false' but is 'yes'"),
            ("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x), MAP['max-concurrent-operations', '0'])", .invalidArgument,
             "ML_PREDICT CONFIG 'max-concurrent-operations' must be a positive integer but is '0'"),
            ("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x), MAP['output-mode', 'RANDOM'])", .invalidArgument,
             "ML_PREDICT CONFIG 'output-mode' must be 'ORDERED' or 'ALLOW_UNORDERED' but is 'RANDOM'"),
            ("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x), MAP['timeout', 'soon'])", .invalidArgument,
             "ML_PREDICT CONFIG: option 'timeout' must be a positive duration such as '500 ms', '30 s' or '3 min', found 'soon'"),
        ]
        for (sql, code, message) in cases {
            let error = try #require(SQLFixtures.error { try session.execute(sql) }, "\(sql)")
            #expect(error.code == code, "\(sql)")
            #expect(error.message == message)
        }
    }

    @Test func nullableColumnsDoNotFeedNotNullInputs() throws {
        let session = Session()
        try session.execute(SQLFixtures.createModel("strict", input: "x DOUBLE NOT NULL", output: "label INT", pythonClass: "ThresholdClassifier"))
        session.registerTable("points", SQLFixtures.points([(0.2, 0)]))
        let error = try #require(SQLFixtures.error { try session.execute("SELECT * FROM ML_PREDICT(TABLE points, MODEL strict, DESCRIPTOR(x))") })
        #expect(error.code == .typeMismatch)
        session.registerTable("strict_points", Table(schema: Schema([Column("x", DataType.double.notNull)]), rows: [[0.9]]))
        #expect(try session.execute("SELECT label FROM ML_PREDICT(TABLE strict_points, MODEL strict, DESCRIPTOR(x))").rows == [[.int(1)]])
    }

    @Test func aRowOfTheWrongWidthIsATableError() throws {
        let session = try session()
        session.registerTable("ragged", Table(schema: Schema([Column("x", .double)]), rows: [[0.1, 0.2]]))
        let error = try #require(SQLFixtures.error { try session.execute("SELECT * FROM ML_PREDICT(TABLE ragged, MODEL classify, DESCRIPTOR(x))") })
        #expect(error.code == .tableFailed)
    }

    @Test func sequenceAndAsyncSequenceTables() async throws {
        let session = try session()
        session.registerTable("lazy", Table(schema: Schema([Column("x", .double)]), rows: (0..<4).lazy.map { Row([.double(Double($0) / 4)]) }))
        #expect(try await session.execute("SELECT label FROM ML_PREDICT(TABLE lazy, MODEL classify, DESCRIPTOR(x))").rows == [[.int(0)], [.int(0)], [.int(1)], [.int(1)]])
        let stream = AsyncStream<Row> { continuation in
            for x in [0.9, 0.1] { continuation.yield([.double(x)]) }
            continuation.finish()
        }
        session.registerTable("streamed", Table(schema: Schema([Column("x", .double)]), rows: stream))
        let syncError = try #require(SQLFixtures.error { try session.execute(Statement.parseAll("SELECT * FROM ML_PREDICT(TABLE streamed, MODEL classify, DESCRIPTOR(x))")[0]) })
        #expect(syncError.message.contains("try await session.execute"))
        let result = try await session.execute("SELECT label FROM ML_PREDICT(TABLE streamed, MODEL classify, DESCRIPTOR(x))")
        #expect(result.rows == [[.int(1)], [.int(0)]])
    }

    @Test func theSwiftAPIMirrorsTheSQL() throws {
        let session = try session()
        let result = try session.mlPredict(table: "points", model: "classify", descriptor: ["x"], config: ["async": "false"])
        #expect(result == (try session.execute("SELECT * FROM ML_PREDICT(TABLE points, MODEL classify, DESCRIPTOR(x), MAP['async', 'false'])")))
        try session.dropModel("classify")
        #expect(SQLFixtures.error { _ = try session.mlPredict(table: "points", model: "classify", descriptor: ["x"]) }?.code == .unknownModel)
    }
}
