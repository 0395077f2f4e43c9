import Testing

@testable import MLPredict

@Suite("what predict returns is checked against the OUTPUT schema")
struct OutputShapeTests {
    private static let model = Result { () throws -> Model in
        try Fixtures.model(
            name: "shapes", input: "mode STRING", output: "label STRING, score DOUBLE", directory: "shapes",
            pythonClass: "shapes.ShapesPredictFunction")
    }

    private func predict(_ mode: String) throws -> [Row] {
        try Self.model.get().predict([.string(mode)])
    }

    static let accepted: [(String, [Row])] = [
        ("positional", [["a", 1.0]]),
        ("named", [["b", 2.0]]),
        ("named_reordered", [["c", 3.0]]),
        ("namedtuple", [["d", 4.0]]),
        ("tuple", [["e", 5.0]]),
        ("list", [["f", 6.5]]),
        ("many", [["g", 1.0], ["h", 2.0], ["i", 3.0]]),
        ("none_list", []),
        ("generator", [["j", 0.0], ["k", 1.0]]),
        ("bare_row", [["l", 7.0]]),
        ("null_values", [[nil, nil]]),
    ]

    @Test(arguments: accepted)
    func acceptedShapes(mode: String, expected: [Row]) throws {
        #expect(try predict(mode) == expected)
    }

    @Test(arguments: [
        ("none", "predict returned None; it must return a list of rows (return [] for no result)"),
        ("string", "predict returned str 'oops'; it must return a list of rows"),
        ("wrong_arity", "row 0 of predict's result has 1 value but OUTPUT has 2 columns (label STRING, score DOUBLE)"),
        ("wrong_type", "output column 'score' (DOUBLE) of row 0: expected float or int but found str 'high'"),
        ("bool_score", "output column 'score' (DOUBLE) of row 0: expected float or int but found bool True"),
        ("int_label", "output column 'label' (STRING) of row 0: expected str but found int 1"),
        ("row_of_scalar", "row 0 of predict's result is float 3.5; expected a Row, tuple or list of the OUTPUT columns (label STRING, score DOUBLE)"),
        ("wrong_fields", "row 0 of predict's result has fields (label, confidence) but the OUTPUT columns are (label STRING, score DOUBLE)"),
        ("dict", "row 0 of predict's result is str 'label'; expected a Row, tuple or list of the OUTPUT columns (label STRING, score DOUBLE)"),
        ("huge_int", "output column 'score' (DOUBLE) of row 0: 114813069527425452423283320117768198402231770208869520047... is out of range for DOUBLE"),
        ("lone_surrogate", "output column 'label' (STRING) of row 0: the str '\\ud800' is not valid Unicode: 'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed"),
    ])
    func rejectedShapes(mode: String, message: String) throws {
        let error = try #require(Fixtures.error { _ = try predict(mode) })
        #expect(error.code == .invalidOutput)
        #expect(error.message == "model 'shapes': \(message)")
        #expect(try predict("positional") == [["a", 1.0]])
    }

    @Test func nanPassesThroughDouble() throws {
        let rows = try predict("nan")
        guard case .double(let score) = rows.first?[1] else {
            Issue.record("expected a DOUBLE, got \(rows)")
            return
        }
        #expect(score.isNaN)
    }

    @Test func integerRangeIsCheckedOnOutput() throws {
        let model = try Fixtures.model(
            name: "ints", input: "t TINYINT, l BIGINT", output: "t TINYINT, l BIGINT", directory: "echo",
            pythonClass: "echo.EchoPredictFunction")
        #expect(try model.predict([.tinyInt(127), .bigInt(.min)]) == [[.tinyInt(127), .bigInt(.min)]])
    }

    @Test func nullInNotNullOutputColumnIsRejected() throws {
        let model = try Fixtures.model(
            name: "strict", input: "v STRING", output: "v STRING NOT NULL", directory: "echo",
            pythonClass: "echo.EchoPredictFunction")
        let error = try #require(Fixtures.error { _ = try model.predict([nil]) })
        #expect(error.code == .invalidOutput)
        #expect(
            error.message
                == "model 'strict': output column 'v' (STRING NOT NULL) of row 0: expected a value (the type is NOT NULL) but found None")
    }

    @Test func outputStringsAreCheckedAgainstVarcharAndPaddedForChar() throws {
        let model = try Fixtures.model(
            name: "strings", input: "v STRING, c STRING", output: "v VARCHAR(3), c CHAR(4)", directory: "echo",
            pythonClass: "echo.EchoPredictFunction")
        #expect(try model.predict(["abc", "ab"]) == [["abc", "ab  "]])
        let error = try #require(Fixtures.error { _ = try model.predict(["abcd", "ab"]) })
        #expect(
            error.message == "model 'strings': output column 'v' (VARCHAR(3)) of row 0: a string of 4 characters does not fit VARCHAR(3)")
    }
}
