import Foundation
import MLPredictPython
import Testing

@testable import MLPredict

/// `mlpredict.testing` (plain Python) against the host: the same statements and rows run through
/// the Swift API here and through `Fixtures/testing_differential.py` in a separate `python`
/// process must give the same outcome line for line: the config JSON and job parameters the model
/// receives, the values it receives, what is read back from what it returns (as the Python values
/// the host would hand on, compared by `repr`), and every error's code and message.
@Suite(.serialized) struct PythonTestingDifferentialTests {
    /// One statement run one way on some rows.
    struct Case: Sendable, CustomStringConvertible {
        var ddl: String
        /// `predict` (once per row), `batch` (`predict_batch`) or `columns` (`predict_columns`).
        var method = "predict"
        /// The rows (or, for `columns`, the columns) as the host takes them.
        var rows: [Row] = []
        /// The same input as a Python expression.
        var python: String

        var description: String { "\(method) \(python) on \(ddl.split(separator: "\n").first ?? "")" }
    }

    static let base = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// A statement for the probe model (`probe.ProbePredictFunction` unless `pythonClass` says).
    static func ddl(
        input: String = "mode STRING", output: String = "label STRING, score DOUBLE",
        options: [String: String] = [:], directory: String = "models/testing_probe",
        pythonClass: String = "probe.ProbePredictFunction", name: String = "probe"
    ) -> String {
        let extra = options.sorted { $0.key < $1.key }.map { ",\n  '\($0.key)' = '\($0.value)'" }.joined()
        return """
            CREATE MODEL \(name)
            INPUT (\(input))
            OUTPUT (\(output))
            WITH (
              'provider' = 'generic-python',
              'model-directory-path' = '\(directory)',
              'python-predict-class' = '\(pythonClass)'\(extra)
            )
            """
    }

    /// `predict` of the probe on rows of one mode each.
    static func modes(_ modes: [String], output: String = "label STRING, score DOUBLE", pythonClass: String? = nil)
        -> Case
    {
        Case(
            ddl: ddl(output: output, pythonClass: pythonClass ?? "probe.ProbePredictFunction"),
            rows: modes.map { [.string($0)] },
            python: "[" + modes.map { "('\($0)',)" }.joined(separator: ", ") + "]")
    }

    static let scalarOutput = "t TINYINT, f FLOAT, amount DECIMAL(10, 2), c CHAR(3), b BINARY(3), v VARBINARY(4)"
    static let timeOutput = "d DATE, t TIME(3), ts TIMESTAMP(3), ltz TIMESTAMP_LTZ(3)"
    static let nestedOutput = "a ARRAY<INT NOT NULL>, m MAP<STRING, DOUBLE>, s MULTISET<STRING>, r ROW<x INT, y ARRAY<STRING>>"

    static let outputCases: [Case] = [
        modes([
            "positional", "many", "named_reordered", "namedtuple", "bare_row", "generator", "empty", "none", "string",
            "wrong_arity", "wrong_type", "bool_score", "row_of_scalar", "wrong_fields", "dict", "opaque", "failing",
            "huge_int", "lone_surrogate", "nan", "raises", "raises_with_note", "frame", "frame_positional",
            "frame_wrong_columns", "array_row", "numpy_values", "numpy_item", "numpy_many",
        ]),
        modes(["positional", "generator", "none", "frame", "raises"], pythonClass: "probe.AsyncProbePredictFunction"),
        modes(["null_label", "positional"], output: "label STRING NOT NULL, score DOUBLE"),
        modes(
            ["scalars", "tinyint_range", "float_range", "decimal_digits", "decimal_nan", "decimal_float", "char_long",
             "binary_long"],
            output: scalarOutput),
        modes(
            ["times", "date_is_datetime", "time_fraction", "time_aware", "timestamp_aware", "ltz_fraction"],
            output: timeOutput),
        modes(
            ["nested", "array_null", "array_ravel", "map_value", "map_key", "multiset_count", "row_dict", "row_field"],
            output: nestedOutput),
        modes(["with_error_column"], output: "label STRING, `error-string` STRING"),
    ]

    static let batchCases: [Case] = [
        Case(ddl: ddl(), method: "batch", rows: [["positional"], ["many"], ["empty"]], python: "[('positional',), ('many',), ('empty',)]"),
        Case(ddl: ddl(), method: "batch", rows: [["positional"], ["wrong_type"]], python: "[('positional',), ('wrong_type',)]"),
        Case(ddl: ddl(), method: "batch", rows: [["positional"], ["raises"]], python: "[('positional',), ('raises',)]"),
        Case(ddl: ddl(), method: "batch", rows: [["batch:short"], ["x"]], python: "[('batch:short',), ('x',)]"),
        Case(ddl: ddl(), method: "batch", rows: [["batch:frame"], ["x"]], python: "[('batch:frame',), ('x',)]"),
        Case(ddl: ddl(), method: "batch", rows: [["batch:tuple"], ["x"]], python: "[('batch:tuple',), ('x',)]"),
        Case(
            ddl: ddl(pythonClass: "probe.AsyncProbePredictFunction"), method: "batch", rows: [["positional"], ["many"]],
            python: "[('positional',), ('many',)]"),
        Case(
            ddl: ddl(output: "label STRING, `error-string` STRING"), method: "batch", rows: [["with_error_column"]],
            python: "[('with_error_column',)]"),
    ]

    static func columns(_ mode: String, count: Int = 2, output: String = "label STRING, score DOUBLE") -> Case {
        Case(
            ddl: ddl(output: output), method: "columns", rows: Array(repeating: [.string(mode)], count: count),
            python: "{'mode': [" + Array(repeating: "'\(mode)'", count: count).joined(separator: ", ") + "]}")
    }

    static let columnCases: [Case] = [
        columns("positional"), columns("columns:numpy", count: 3), columns("columns:list"), columns("columns:frame"),
        columns("columns:ravel"), columns("columns:short"), columns("columns:names"), columns("columns:scalar"),
        columns("columns:bool_buffer"), columns("columns:values"), columns("wrong_type"),
        columns("columns:range", output: "t TINYINT, f FLOAT"), columns("columns:float_range", output: "t TINYINT, f FLOAT"),
        columns("columns:typed", output: "t TINYINT, f FLOAT"),
        columns("with_error_column", output: "label STRING, `error-string` STRING"),
    ]

    /// What the model receives: the probe returns the repr of its input row.
    static let receivedCases: [Case] = [
        Case(
            ddl: ddl(
                input: "c CHAR(5), v VARCHAR(10), f FLOAT, d DOUBLE, amount DECIMAL(10, 2), b BINARY(3), vb BYTES, "
                    + "i TINYINT, bi BIGINT, bo BOOLEAN",
                output: "r STRING", options: ["properties.mode": "received"]),
            rows: [
                [
                    "ab", "it's", .float(0.1), .double(-0.0), .decimal(SQLDecimal("1.5")!), .binary([0x61]),
                    .binary([0, 255]), .tinyInt(-128), .bigInt(.max), .boolean(true),
                ],
                [nil, "", nil, .double(.infinity), .decimal(SQLDecimal("-12")!), nil, .binary([]), nil, nil, .boolean(false)],
            ],
            python: "[('ab', \"it's\", 0.1, -0.0, Decimal('1.5'), b'a', bytearray(b'\\x00\\xff'), -128, 2**63 - 1, True), "
                + "(None, '', None, float('inf'), -12, None, b'', None, None, False)]"),
        Case(
            ddl: ddl(
                input: "dt DATE, t TIME(3), ts TIMESTAMP(6), ltz TIMESTAMP_LTZ(3)", output: "r STRING",
                options: ["properties.mode": "received"]),
            rows: [
                [
                    .date(SQLDate(year: 2024, month: 2, day: 29)!), .time(SQLTime(hour: 1, minute: 2, second: 3, nanosecond: 4_000_000)!),
                    .timestamp(SQLTimestamp("2024-01-01 12:00:00.000001")!),
                    .timestampLTZ(SQLTimestamp("2023-12-31 23:30:00.5")!),
                ]
            ],
            python: "[(date(2024, 2, 29), time(1, 2, 3, 4000), datetime(2024, 1, 1, 12, 0, 0, 1), "
                + "datetime(2024, 1, 1, 1, 30, 0, 500000, timezone(timedelta(hours=2))))]"),
        Case(
            ddl: ddl(
                input: "a ARRAY<INT>, m MAP<STRING, DOUBLE>, s MULTISET<CHAR(2)>, r ROW<x INT, y ARRAY<STRING>>",
                output: "r STRING", options: ["properties.mode": "received"]),
            rows: [
                [
                    .array([.int(1), nil]), .map([.init("k", .double(1))]), .multiset([.init("a ", count: 2)]),
                    .row([.int(7), .array(["s"])]),
                ]
            ],
            python: "[((1, None), {'k': 1}, Counter({'a': 2}), Row.type_for(['y', 'x'])(['s'], 7))]"),
    ]

    /// The config JSON and job parameters the model receives, and the directory resolved.
    static let configCases: [Case] = [
        Case(
            ddl: ddl(
                input: "`the text` VARCHAR(10) NOT NULL COMMENT 'it''s / \"quoted\"', n DEC(5,2), "
                    + "ts TIMESTAMP(3) WITH LOCAL TIME ZONE, m MAP<STRING NOT NULL, ARRAY<ROW<a INT, `b c` TIMESTAMP>>>",
                output: "config STRING COMMENT 'the JSON', `error-string` STRING",
                options: [
                    "properties.mode": "config", "properties.threshold": "0.5", "properties.path": "a/b\\c",
                    "properties.unicode": "é 😀 \u{1F}", "properties.Zeta": "z", "properties.alpha": "a",
                    "properties.é": "accent", "batch-size": "16", "timeout": "30 s",
                ],
                directory: "./models/../models//testing_probe/", name: "`cat`.db.`the model`"),
            rows: [["x", nil, nil, nil]], python: "[('x', None, None, None)]"),
        Case(
            ddl: ddl(
                output: "job STRING",
                options: [
                    "properties.mode": "job", "properties.threshold": "0.7", "properties.input_schema": "a property",
                ]),
            rows: [["x"]], python: "[('x',)]"),
    ]

    /// Statements the host refuses, and classes it cannot load or open.
    static let definitionCases: [Case] = [
        "'unknown-option' = 'x'", "'python-predict-function' = 'probe.X'", "'batch-size' = '0'",
        "'execution-mode' = 'threads'", "'workers' = '2'", "'execution-mode' = 'process', 'instances' = '2'",
        "'execution-mode' = 'process', 'worker-memory-limit' = '1 mb'",
        "'execution-mode' = 'process', 'python.executable' = ' '", "'instances' = '300'", "'timeout' = '0 s'",
        "'timeout' = 'soon'", "'retry-num' = '-1'",
        "'error-handling-strategy' = 'ignore', 'retry-backoff-base-interval' = '1 fortnight'",
        "'retry-fallback-strategy' = 'RETRY'", "'task' = 'ranking'", "'properties.' = 'x'",
    ].map { options in
        Case(
            ddl: ddl().replacingOccurrences(of: "\n)", with: ",\n  \(options)\n)"), rows: [["positional"]],
            python: "[('positional',)]")
    } + [
        Case(ddl: ddl(pythonClass: "probe"), python: "[]"),
        Case(ddl: ddl(directory: "models/no_such_model"), python: "[]"),
        Case(ddl: ddl(directory: ""), python: "[]"),
        Case(ddl: ddl(directory: "ftp://127.0.0.1/model.zip"), python: "[]"),
        Case(ddl: ddl(directory: "file://remote-host/model.zip"), python: "[]"),
        Case(ddl: ddl(directory: "file:///no/such/model.zip"), python: "[]"),
        Case(ddl: ddl(directory: "models/testing_probe/probe.py"), python: "[]"),
        Case(ddl: ddl(options: ["model-sha256": "abc"]), python: "[]"),
        Case(ddl: ddl(options: ["model-sha256": String(repeating: "A", count: 64)]), python: "[]"),
        Case(ddl: ddl(pythonClass: "nowhere.Model"), python: "[]"),
        Case(ddl: ddl(pythonClass: "probe.Missing"), python: "[]"),
        Case(ddl: ddl(pythonClass: "probe.helper"), python: "[]"),
        Case(ddl: ddl(pythonClass: "probe.FailingInit"), python: "[]"),
        Case(ddl: ddl(directory: "models/failing_open", pythonClass: "failing.FailingOpenPredictFunction"), python: "[]"),
        Case(ddl: ddl(directory: "models/broken_syntax", pythonClass: "broken.Model"), python: "[]"),
        Case(ddl: ddl(output: "label STRING NOT NULL, `error-string` STRING"), python: "[]"),
        Case(ddl: ddl(output: "label STRING, `error-string` INT"), python: "[]"),
        Case(ddl: ddl().replacingOccurrences(of: "'provider' = 'generic-python',", with: "'provider' = 'openai',"), python: "[]"),
        Case(ddl: ddl().replacingOccurrences(of: "'provider' = 'generic-python',\n", with: ""), python: "[]"),
        Case(
            ddl: ddl().replacingOccurrences(of: "  'python-predict-class' = 'probe.ProbePredictFunction'", with: "  'model' = 'x'"),
            python: "[]"),
    ]

    static let allCases = outputCases + batchCases + columnCases + receivedCases + configCases + definitionCases

    @Test func pythonTestingGivesTheHostsOutcomes() async throws {
        let cases = Self.allCases
        let python = try await Self.offThePool { try Self.pythonOutcomes(cases) }
        #expect(python.count == cases.count)
        for (index, testCase) in cases.enumerated() where index < python.count {
            let host = Self.hostOutcome(testCase)
            #expect(host == python[index], "case \(index): \(testCase)")
        }
    }

    @Test func theCasesCoverSuccessesAndEveryKindOfFailure() {
        let outcomes = Self.allCases.map(Self.hostOutcome).joined().joined(separator: "\n")
        for code in [
            "invalidOutput", "predictFailed", "invalidOption", "unsupportedOption", "missingOption", "unknownProvider",
            "invalidModel", "moduleNotFound", "classNotFound", "notAPredictFunction", "loadFailed", "openFailed",
        ] {
            #expect(outcomes.contains("error[\(code)]"), "no case fails with \(code)")
        }
        #expect(outcomes.contains("0: Row(label='a', score=1.5)"))
        #expect(outcomes.contains(#"{"format_version":1,"#))
    }

    // MARK: The host's side

    /// The host's outcome lines for `testCase`, in the driver's format.
    static func hostOutcome(_ testCase: Case) -> [String] {
        let model: Model
        do {
            model = try ModelRegistry.default.createModel(fromDDL: testCase.ddl, relativeTo: base)
        } catch {
            return [line(error)]
        }
        defer { try? model.close() }
        switch testCase.method {
        case "predict":
            return testCase.rows.enumerated().flatMap { index, row in
                do {
                    return try reprs(try model.predict(row), model).map { "\(index): \($0)" }
                } catch {
                    return ["\(index): \(line(error))"]
                }
            }
        case "batch":
            do {
                let batch = try model.predict(batch: testCase.rows)
                return try batch.enumerated().flatMap { index, rows in try reprs(rows, model).map { "\(index): \($0)" } }
            } catch {
                return [line(error)]
            }
        default:
            do {
                let input = ColumnBatch([.values(testCase.rows.map { $0[0] })])
                let output = try model.predictColumns(input)
                return try zip(model.outputSchema.columns, output.columns).map { column, values in
                    "\(column.name): \(try repr(values.elements, type: column.type))"
                }
            } catch {
                return [line(error)]
            }
        }
    }

    static func line(_ error: any Error) -> String {
        guard let error = error as? MLPredictError else { return "unexpected \(error)" }
        return "error[\(error.code)]: \(error.message)"
    }

    /// The reprs of the Python rows the host would hand on for `rows`.
    static func reprs(_ rows: [Row], _ model: Model) throws -> [String] {
        let runtime = try PythonRuntime.prepare(for: model.name)
        return try Interpreter.withGIL { gil in
            let converter = try RowConverter(
                names: model.outputSchema.names, types: model.outputSchema.columns.map(\.type), runtime, gil)
            return try rows.map { try converter.toPython($0.values, gil).shortRepr(gil, limit: .max) }
        }
    }

    /// The repr of the Python list the host would hand on for a column of `type`.
    static func repr(_ values: [Value], type: DataType) throws -> String {
        let runtime = try PythonRuntime.prepare(for: "differential")
        return try Interpreter.withGIL { gil in
            let converter = try RowConverter(names: ["column"], types: [.array(type)], runtime, gil)
            return try converter.toPython([.array(values)], gil).sequenceItem(0, gil).shortRepr(gil, limit: .max)
        }
    }

    // MARK: mlpredict.testing's side

    /// Runs `Fixtures/testing_differential.py` with the virtual environment's Python on `cases`.
    static func pythonOutcomes(_ cases: [Case]) throws -> [[String]] {
        let environment = ProcessInfo.processInfo.environment
        let python = environment["VIRTUAL_ENV"].map { "\($0)/bin/python" } ?? "/usr/bin/python3"
        let request: [String: Any] = [
            "base": base,
            "cases": cases.map { ["ddl": $0.ddl, "method": $0.method, "rows": $0.python] },
        ]
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (input, output, errors) = (
            scratch.appendingPathComponent("in.json"), scratch.appendingPathComponent("out.json"),
            scratch.appendingPathComponent("err.txt")
        )
        try JSONSerialization.data(withJSONObject: request).write(to: input)
        for file in [output, errors] { try Data().write(to: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["\(base)/testing_differential.py"]
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("python/src").path
        process.environment = environment.merging(["PYTHONPATH": source]) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        let errorText = try String(contentsOf: errors, encoding: .utf8)
        try #require(process.terminationStatus == 0, "testing_differential.py failed:\n\(errorText)")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [[String]])
    }

    /// `body` on a thread of its own, so waiting for the Python process holds no cooperative thread.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
