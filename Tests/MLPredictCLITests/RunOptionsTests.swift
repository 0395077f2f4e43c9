import Foundation
import Testing

/// `mlpredict run`'s options: CSV, standard input as `-`, `--ddl`, `--columns`, `--output`,
/// batches, `--on-bad-row` and the summary.
@Suite struct RunOptionsTests {
    static let typedModel = CommandLineTool.fixture("typed_echo.sql")
    static let typedCSV = CommandLineTool.fixture("typed.csv")

    @Test func csvRoundTripKeepsTypedColumns() throws {
        let outcome = try CommandLineTool.run(["run", "--quiet", Self.typedModel, "--input", Self.typedCSV])
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        // Input cells are kept; DECIMAL(10, 2) is written with 2 digits, an empty cell is NULL, a
        // quoted cell with a comma, quotes or a line break stays one cell.
        #expect(
            outcome.standardOutput == """
                id,price,ok,tags,born,note,extra,id_out,price_out,ok_out,tags_out,born_out,note_out
                1,12.50,true,"[""a"",""b""]",2024-01-31,"hello, world",x,1,12.50,true,"[""a"",""b""]",2024-01-31,"hello, world"
                2,,false,[],2024-02-01,,,2,,false,[],2024-02-01,
                3,0.1,true,,,"say ""hi""
                twice",z,3,0.10,true,,,"say ""hi""
                twice"

                """)
    }

    @Test func csvToJSONLinesTypesTheValues() throws {
        let outcome = try CommandLineTool.run(
            ["run", "-q", Self.typedModel, "--input", Self.typedCSV, "--output-format", "jsonl"])
        #expect(outcome.status == 0)
        let first = outcome.standardOutput.split(separator: "\n").first.map(String.init)
        #expect(
            first
                == #"{"id":1,"price":12.50,"ok":true,"tags":["a","b"],"born":"2024-01-31","note":"hello, world","extra":"x","#
                + #""id_out":1,"price_out":12.50,"ok_out":true,"tags_out":["a","b"],"born_out":"2024-01-31","note_out":"hello, world"}"#)
    }

    @Test func aCSVCellThatDoesNotFitItsTypeNamesTheLineAndColumn() throws {
        let outcome = try CommandLineTool.run(
            ["run", "-q", Self.typedModel, "--format", "csv"], standardInput: "id,price,ok,tags,born,note\n7,abc,true,,,\n")
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError
                == "mlpredict: <stdin>:2: column 'price' (DECIMAL(10, 2)): expected a number that fits DECIMAL(10, 2) "
                + "(at most 8 digits before the point and 2 after) but found \"abc\"\n")
    }

    @Test func dashIsStandardInputAndOutputGoesToAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try CommandLineTool.run(
            ["run", "-q", CommandLineTool.fixture("echo.sql"), "--input", "-", "--output", file.path],
            standardInput: "{\"text\":\"a,b\"}\n")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "")
        #expect(try String(contentsOf: file, encoding: .utf8) == "text,text0\n\"a,b\",\"a,b\"\n")
    }

    @Test func ddlInsteadOfAModelFile() throws {
        let directory = CommandLineTool.packageDirectory.appendingPathComponent("Tests/MLPredictTests/Fixtures/models/echo").path
        let outcome = try CommandLineTool.run(
            [
                "run", "-q", "--ddl",
                """
                CREATE MODEL e INPUT (text STRING) OUTPUT (said STRING) WITH ('provider' = 'generic-python',
                'model-directory-path' = '\(directory)', 'python-predict-class' = 'echo.EchoPredictFunction')
                """,
            ], standardInput: "{\"text\":\"hi\"}\n")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == #"{"text":"hi","said":"hi"}"# + "\n")
    }

    @Test func modelFileAndDDLTogetherIsAUsageError() throws {
        let outcome = try CommandLineTool.run(["run", CommandLineTool.fixture("echo.sql"), "--ddl", "CREATE MODEL x"])
        #expect(outcome.status == 64)
    }

    @Test func columnsMapsInputFieldsToInputColumns() throws {
        let outcome = try CommandLineTool.run(
            ["run", "-q", CommandLineTool.fixture("echo.sql"), "--columns", "review=text"],
            standardInput: "{\"review\":\"good\"}\n")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == #"{"review":"good","text":"good"}"# + "\n")

        let csv = try CommandLineTool.run(
            ["run", "-q", CommandLineTool.fixture("echo.sql"), "--columns", "review=text", "--format", "csv"],
            standardInput: "id,review\n1,fine\n")
        #expect(csv.standardOutput == "id,review,text\n1,fine,fine\n")

        let unknown = try CommandLineTool.run(
            ["run", "-q", CommandLineTool.fixture("echo.sql"), "--columns", "review=txt"], standardInput: "")
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("--columns names 'txt', which is not an INPUT column of the model"))
    }

    /// The batch fixture's predict_batch answers each row with the size of its batch.
    static func batchSizes(_ arguments: [String], rows: Int) throws -> [String] {
        let input = (0..<rows).map { "{\"text\":\"r\($0)\"}\n" }.joined()
        let outcome = try CommandLineTool.run(
            ["run", "-q", CommandLineTool.fixture("batch_rows.sql")] + arguments, standardInput: input)
        #expect(outcome.status == 0)
        return outcome.standardOutput.split(separator: "\n").map {
            String($0.split(separator: ":").last!.dropLast())
        }
    }

    @Test func rowsArePredictedInBatches() throws {
        #expect(try Self.batchSizes([], rows: 70) == Array(repeating: "64.0", count: 64) + Array(repeating: "6.0", count: 6))
        #expect(try Self.batchSizes(["--batch-size", "4"], rows: 10) == ["4.0", "4.0", "4.0", "4.0", "4.0", "4.0", "4.0", "4.0", "2.0", "2.0"])
    }

    @Test func theModelsBatchSizeOptionIsTheDefault() throws {
        let directory = CommandLineTool.packageDirectory.appendingPathComponent("Tests/MLPredictTests/Fixtures/models/batch").path
        let ddl = """
            CREATE MODEL b INPUT (text STRING) OUTPUT (echo STRING, batch_rows DOUBLE) WITH ('provider' = 'generic-python',
            'model-directory-path' = '\(directory)', 'python-predict-class' = 'batch.VectorizedPredictFunction',
            'batch-size' = '3')
            """
        let outcome = try CommandLineTool.run(
            ["run", "-q", "--ddl", ddl], standardInput: (0..<4).map { "{\"text\":\"r\($0)\"}\n" }.joined())
        #expect(outcome.standardOutput.components(separatedBy: "\"batch_rows\":3.0").count - 1 == 3)
        #expect(outcome.standardOutput.components(separatedBy: "\"batch_rows\":1.0").count - 1 == 1)
    }

    /// A slow producer gets each answer before it writes the next row: a partial batch never
    /// waits for more input.
    @Test func aTrickleOnStandardInputIsAnsweredRowByRow() throws {
        let process = Process()
        process.executableURL = CommandLineTool.executable
        process.arguments = ["run", "-q", CommandLineTool.fixture("batch_rows.sql")]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A watchdog: a tool that never answers is killed, so the reads below end.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        var answers: [String] = []
        for index in 0..<3 {
            input.fileHandleForWriting.write(Data("{\"text\":\"r\(index)\"}\n".utf8))
            var line = Data()
            while true {
                let byte = output.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty || byte == Data("\n".utf8) { break }
                line.append(byte)
            }
            answers.append(String(decoding: line, as: UTF8.self))
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(answers == (0..<3).map { #"{"text":"r\#($0)","echo":"r\#($0)","batch_rows":1.0}"# })
        #expect(process.terminationStatus == 0)
    }

    @Test func skippedBadLinesAreCountedAndNamed() throws {
        let outcome = try CommandLineTool.run(
            ["run", CommandLineTool.fixture("echo.sql"), "--on-bad-row", "skip"],
            standardInput: "{\"text\":\"a\"}\nnot json\n{\"txt\":1}\n{\"text\":\"b\"}\n")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "{\"text\":\"a\",\"text0\":\"a\"}\n{\"text\":\"b\",\"text0\":\"b\"}\n")
        let lines = outcome.standardError.split(separator: "\n")
        #expect(
            lines.first.map(String.init)
                == "mlpredict: skipped 2 bad line(s): 2, 3 (line 2: line 2 is not a JSON object; input is read as JSON Lines, "
                + "use --format csv for CSV)")
        #expect(lines.last?.hasPrefix("mlpredict: 2 rows in, 2 rows out, 2 skipped, 0 failed, 0 ignored; ") == true)
    }

    @Test func aCSVFileReadAsJSONLinesSaysSo() throws {
        let outcome = try CommandLineTool.run(
            ["run", "-q", CommandLineTool.fixture("echo.sql"), "--format", "jsonl", "--input", Self.typedCSV])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError
                == "mlpredict: \(Self.typedCSV):1: line 1 is not a JSON object; input is read as JSON Lines, "
                + "use --format csv for CSV\n")
    }

    @Test func theSummaryCountsRowsAndLatency() throws {
        let outcome = try CommandLineTool.run(
            ["run", CommandLineTool.fixture("shapes.sql")],
            standardInput: "{\"mode\":\"positional\"}\n{\"mode\":\"named\"}\n{\"mode\":\"many\"}\n")
        #expect(outcome.status == 0)
        let summary = try #require(outcome.standardError.split(separator: "\n").last)
        #expect(summary.hasPrefix("mlpredict: 3 rows in, 5 rows out, 0 skipped, 0 failed, 0 ignored; "))
        #expect(summary.contains(" rows/s; predict p50 "))
        #expect(summary.hasSuffix(" per batch (1 batch)"))
    }
}
