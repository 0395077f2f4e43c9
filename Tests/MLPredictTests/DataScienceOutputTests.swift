import Foundation
import Synchronization
import Testing

@testable import MLPredict

/// What data scientists return (issue 12 §4): pandas DataFrames for rows and columns, pandas
/// Series, numpy arrays of the wrong shape; in-process and in worker processes alike.
@Suite("pandas and numpy results", .serialized)
struct DataScienceOutputTests {
    static let modes = ["in-process", "process"]

    private static let models = Mutex<[String: Model]>([:])

    private static func model(_ mode: String) throws -> Model {
        try models.withLock { (models) throws -> Model in
            if let model = models[mode] { return model }
            let extra = mode == "process" ? ",\n  'execution-mode' = 'process'" : ""
            let ddl = Fixtures.ddl(
                name: "frames", input: "mode STRING", output: "species STRING, probability DOUBLE", directory: "frames",
                pythonClass: "frames.FramesPredictFunction")
            let model = try ModelRegistry.default.createModel(fromDDL: String(ddl.dropLast(2)) + extra + "\n)")
            models[mode] = model
            return model
        }
    }

    static let acceptedRows: [(String, [Row])] = [
        ("frame", [["setosa", 0.75], ["virginica", 0.25]]),
        ("frame_reordered", [["setosa", 0.75], ["virginica", 0.25]]),
        ("frame_positional", [["setosa", 0.5]]),
        ("frame_empty", []),
    ]

    @Test(arguments: modes, acceptedRows)
    func dataFrameIsAListOfRows(execution: String, example: (mode: String, expected: [Row])) throws {
        #expect(try Self.model(execution).predict([.string(example.mode)]) == example.expected)
    }

    @Test(arguments: modes)
    func dataFrameMissingValuesAreNullAndNaNStaysNaN(execution: String) throws {
        let rows = try Self.model(execution).predict([.string("frame_missing")])
        #expect(rows.count == 2)
        #expect(rows[0][0] == "setosa")
        if case .double(let nan) = rows[0][1] { #expect(nan.isNaN) } else { Issue.record("\(rows)") }
        #expect(rows[1] == [nil, 0.5])
    }

    @Test(arguments: modes)
    func dataFramesAreBatchEntries(execution: String) throws {
        let output = try Self.model(execution).predict(batch: [["frame"], ["frame_positional"]])
        #expect(output == [[["setosa", 0.75], ["virginica", 0.25]], [["setosa", 0.5]]])
    }

    static let rejectedRows: [(String, String)] = [
        ("frame_wrong_columns",
         "predict returned pandas.DataFrame with columns (label, p) but the OUTPUT columns are (species, probability); "
            + "name the DataFrame's columns as the OUTPUT columns: df.rename(columns={...}), "
            + "or return df.itertuples(index=False, name=None) for rows by position"),
        ("frame_extra_column",
         "predict returned pandas.DataFrame with columns (species, probability, petal) but the OUTPUT columns are "
            + "(species, probability); select them: df[['species', 'probability']], "
            + "or return df.itertuples(index=False, name=None) for rows by position"),
        ("array_1x1",
         "output column 'probability' (DOUBLE) of row 0: expected one value but found numpy.ndarray of shape (1, 1) "
            + "and dtype float64; take its one value with .item()"),
        ("array_3",
         "output column 'probability' (DOUBLE) of row 0: expected one value but found numpy.ndarray of shape (3,) "
            + "and dtype float64; a DOUBLE column holds one value per row (declare ARRAY<DOUBLE> for an array)"),
        ("series_1",
         "output column 'probability' (DOUBLE) of row 0: expected one value but found pandas.Series of shape (1,) "
            + "and dtype float64; take its one value with .item()"),
        ("vector",
         "predict returned numpy.ndarray of shape (2,) and dtype float64, which is one row's values or one column, "
            + "not a list of rows; return [tuple(array)] for one row"),
    ]

    @Test(arguments: ["in-process"], rejectedRows)
    func rejectedResultsSayWhatTheyAreAndHowToFixThem(execution: String, example: (mode: String, message: String)) throws {
        let error = try #require(Fixtures.error { _ = try Self.model(execution).predict([.string(example.mode)]) })
        #expect(error.code == .invalidOutput)
        #expect(error.message == "model 'frames': \(example.message)")
    }

    /// Process mode: DataFrames are refused with the same words; numpy and pandas values cross as
    /// plain values (the host need not have numpy), so only their type is reported alike.
    @Test(arguments: ["frame_wrong_columns", "frame_extra_column"])
    func processModeRefusesDataFramesAlike(mode: String) throws {
        let local = try #require(Fixtures.error { _ = try Self.model("in-process").predict([.string(mode)]) })
        let remote = try #require(Fixtures.error { _ = try Self.model("process").predict([.string(mode)]) })
        #expect(remote.code == .invalidOutput)
        #expect(remote.message == local.message)
    }

    @Test(arguments: modes)
    func wholeDataFrameFromPredictBatchIsRefusedWithAHint(execution: String) throws {
        let error = try #require(
            Fixtures.error { _ = try Self.model(execution).predict(batch: [["whole_frame"], ["whole_frame"]]) })
        #expect(error.code == .invalidOutput)
        #expect(
            error.message
                == "model 'frames': predict_batch returned pandas.DataFrame of shape (2, 2) for 2 input rows; it must return "
                + "a list with one list of rows per input row (for one output row per input row, with the DataFrame's "
                + "columns in OUTPUT order: [[row] for row in df.itertuples(index=False, name=None)])")
    }

    private func columns(_ execution: String, _ mode: String) throws -> ColumnBatch {
        try Self.model(execution).predictColumns(ColumnBatch([.values([.string(mode), .string(mode), .string(mode)])]))
    }

    @Test(arguments: modes, ["frame", "series"])
    func dataFramesAndSeriesAreColumns(execution: String, mode: String) throws {
        let output = try columns(execution, mode)
        #expect(output.columns[0] == .values(["s0", "s1", "s2"]))
        #expect(output.columns[1] == .double([0, 0.25, 0.5]))
    }

    @Test(arguments: modes)
    func pandasMissingStringsAreNull(execution: String) throws {
        #expect(try columns(execution, "string_dtype").columns[0] == .values(["s0", "s1", nil]))
    }

    static let rejectedColumns: [(String, String)] = [
        ("frame_wrong_columns",
         "predict_columns returned pandas.DataFrame with columns (label, p) but the OUTPUT columns are "
            + "(species, probability); name the DataFrame's columns as the OUTPUT columns: df.rename(columns={...})"),
        ("column_n1",
         "output column 'probability' (DOUBLE) of predict_columns' result is numpy.ndarray of shape (3, 1) and dtype "
            + "float64, but a column has one dimension; flatten it with .ravel()"),
        ("column_n2",
         "output column 'probability' (DOUBLE) of predict_columns' result is numpy.ndarray of shape (3, 2) and dtype "
            + "float64, but a column has one dimension; select one column (array[:, 0]) or declare ARRAY<DOUBLE>"),
    ]

    @Test(arguments: modes, rejectedColumns)
    func rejectedColumnsSayHowToFixThem(execution: String, example: (mode: String, message: String)) throws {
        let (mode, message) = example
        // Process mode sends numpy arrays as lists, so only the DataFrame's words are the same there.
        if execution == "process", mode != "frame_wrong_columns" { return }
        let error = try #require(Fixtures.error { _ = try columns(execution, mode) })
        #expect(error.code == .invalidOutput)
        #expect(error.message == "model 'frames': \(message)")
    }
}
