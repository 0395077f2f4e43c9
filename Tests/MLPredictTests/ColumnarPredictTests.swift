import Testing

@testable import MLPredict

@Suite("predictColumns: columns cross as one object each, numeric ones without a copy")
struct ColumnarPredictTests {
    private static func model(_ mode: String, pythonClass: String = "ColumnsPredictFunction") throws -> Model {
        try Fixtures.model(
            name: "columns", input: "x DOUBLE, n BIGINT, flag BOOLEAN, label STRING",
            output: "y DOUBLE, n BIGINT, flag BOOLEAN, label STRING", directory: "columns",
            pythonClass: "columns.\(pythonClass)", properties: ["mode": mode])
    }

    private static let input = ColumnBatch([
        .double([0.5, 1.5, -2]), .bigInt([1, 2, 3]), .boolean([true, false, true]),
        .values(["a", nil, "c"]),
    ])

    private static let expected = ColumnBatch([
        .double([1, 3, -4]), .bigInt([2, 3, 4]), .boolean([false, true, false]), .values(["A", "", "C"]),
    ])

    private func predict(_ mode: String, _ batch: ColumnBatch = input) throws -> ColumnBatch {
        let model = try Self.model(mode)
        defer { try? model.close() }
        return try model.predictColumns(batch)
    }

    @Test(arguments: ["numpy", "columns", "lists", "memoryviews", "positional", "default", "strided"])
    func outputColumnsOfEveryFormAreRead(mode: String) throws {
        #expect(try predict(mode) == Self.expected)
    }

    @Test func narrowerBufferTypesWidenExactly() throws {
        let output = try predict("narrow_types")
        #expect(output.columns[0] == .double([1, 3, -4]))
        #expect(output.columns[1] == .bigInt([2, 3, 4]))
    }

    @Test func numericColumnsCrossAsReadOnlyMemoryviewsOfHostMemory() throws {
        let output = try predict("describe")
        #expect(output.columns[3][0] == "memoryview:d:True:HostBuffer;memoryview:q:True:HostBuffer;memoryview:?:True:HostBuffer;list")
        let values = ColumnBatch([.values([1.5]), .values([nil]), .values([true]), .values(["x"])])
        #expect(try predict("describe", values).columns[3][0] == "list;list;list;list")
    }

    @Test func everyTypedColumnTypeCrosses() throws {
        let model = try Fixtures.model(
            name: "echo", input: "a BOOLEAN, b TINYINT, c SMALLINT, d INT, e BIGINT, f FLOAT, g DOUBLE",
            output: "a BOOLEAN, b TINYINT, c SMALLINT, d INT, e BIGINT, f FLOAT, g DOUBLE", directory: "echo",
            pythonClass: "echo.EchoPredictFunction")
        defer { try? model.close() }
        let batch = ColumnBatch([
            .boolean([true, false]), .tinyInt([-128, 127]), .smallInt([-3, 4]), .int([5, -6]), .bigInt([.min, .max]),
            .float([0.25, -1]), .double([.infinity, 2.5]),
        ])
        #expect(try model.predictColumns(batch) == batch)
        #expect(try model.predictColumns(ColumnBatch(batch.columns.map { _ in .values([]) })).rowCount == 0)
    }

    @Test func nullsInOutputListsKeepTheColumnUntyped() throws {
        let output = try predict("null_in_lists")
        #expect(output.columns[0] == .values([nil, 3.0, -4.0]))
    }

    @Test(arguments: [
        ("short", "output column 'y' (DOUBLE) of predict_columns' result has 2 values but the batch has 3 rows (predict_columns returns one output row per input row)"),
        ("strings_for_double", "output column 'y' (DOUBLE) of row 0 of predict_columns' result: expected float or int but found str 'a'"),
        ("huge_unsigned", "output column 'n' (BIGINT) of predict_columns' result at row 0: 18446744073709551615 is out of range for BIGINT"),
        ("floats_for_bigint", "output column 'n' (BIGINT) of predict_columns' result is a buffer of format 'd', which BIGINT cannot hold"),
        ("scalar", "output column 'y' (DOUBLE) of predict_columns' result is float 3.0; expected a column: a list, numpy array or memoryview"),
        ("none_column", "output column 'label' (STRING) of predict_columns' result is NoneType None; expected a column: a list, numpy array or memoryview"),
        ("matrix", "output column 'y' (DOUBLE) of predict_columns' result is numpy.ndarray of shape (3, 2) and dtype float64, but a column has one dimension; select one column (array[:, 0]) or declare ARRAY<DOUBLE>"),
        ("int_label", "output column 'label' (STRING) of row 0 of predict_columns' result: expected str but found int 0"),
    ])
    func malformedOutputColumnsAreRejected(mode: String, message: String) throws {
        let error = try #require(Fixtures.error { _ = try predict(mode) })
        #expect(error.code == .invalidOutput)
        #expect(error.message == "model 'columns': \(message)")
    }

    @Test func missingOutputColumnsAreNamed() throws {
        let model = try Self.model("numpy", pythonClass: "MissingColumnPredictFunction")
        defer { try? model.close() }
        let error = try #require(Fixtures.error { _ = try model.predictColumns(Self.input) })
        #expect(error.code == .invalidOutput)
        #expect(error.message == "model 'columns': predict_columns returned columns (y) but the OUTPUT columns are (y, n, flag, label)")
    }

    @Test(arguments: [
        (ColumnBatch([.double([1])]), "the column batch has 1 value but INPUT has 4 columns (x DOUBLE, n BIGINT, flag BOOLEAN, label STRING)"),
        (ColumnBatch([.double([1, 2]), .bigInt([1]), .boolean([true]), .values(["a"])]), "input column 'n' (BIGINT) has 1 values but column 'x' has 2"),
        (ColumnBatch([.float([1]), .bigInt([1]), .boolean([true]), .values(["a"])]), "input column 'x' (DOUBLE) was given as float values; give .double or .values"),
        (ColumnBatch([.double([1]), .bigInt([1]), .boolean([true]), .double([2])]), "input column 'label' (STRING) was given as double values; give .values"),
        (ColumnBatch([.double([1]), .bigInt([1]), .boolean([true]), .values([3])]), "input column 'label' (STRING) of input row 0: expected a string but found BIGINT 3"),
    ])
    func invalidInputIsRejected(batch: ColumnBatch, message: String) throws {
        let error = try #require(Fixtures.error { _ = try predict("numpy", batch) })
        #expect(error.code == .invalidInput)
        #expect(error.message == "model 'columns': \(message)")
    }

    @Test func aHundredMegabyteColumnIsNotCopied() throws {
        let model = try Fixtures.model(
            name: "probe", input: "x DOUBLE", output: "ok BOOLEAN", directory: "columns",
            pythonClass: "columns.ZeroCopyProbePredictFunction")
        defer { try? model.close() }
        let rows = 12_500_000  // 100 MB of DOUBLE
        let output = try model.predictColumns(ColumnBatch([.double(Array(repeating: 1.5, count: rows))]))
        #expect(output == ColumnBatch([.boolean(Array(repeating: true, count: rows))]))
    }

    @Test func pythonMayKeepAColumnAfterTheCall() throws {
        let model = try Fixtures.model(
            name: "keeper", input: "x DOUBLE", output: "x DOUBLE", directory: "columns",
            pythonClass: "columns.KeeperPredictFunction")
        #expect(try model.predictColumns(ColumnBatch([.double([1, 2])])) == ColumnBatch([.double([0, 0])]))
        #expect(try model.predictColumns(ColumnBatch([.double([3, 4])])) == ColumnBatch([.double([1, 2])]))
        try model.close()
    }
}
