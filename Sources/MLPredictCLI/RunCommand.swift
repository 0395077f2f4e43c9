import ArgumentParser
import Foundation
import MLPredict
import MLPredictPython

/// `mlpredict run MODEL.sql [--input FILE] [--format jsonl|csv] [--output FILE] ...`: predicts
/// every row of FILE (or standard input) in micro-batches.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Predict each row of JSON Lines or CSV with the model that MODEL.sql (or --ddl) creates.",
        discussion: """
            Example: a CSV file whose column 'review' feeds the model's INPUT column 'text', results as CSV:

              mlpredict run sentiment.sql --input reviews.csv --columns review=text --output scored.csv

            and JSON Lines from a pipe, results on standard output:

              tail -f events.jsonl | mlpredict run --ddl "CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING) \
            WITH ('provider'='generic-python', 'model-directory-path'='./m', 'python-predict-class'='m.Model')" --input -

            Input: JSON Lines (one object per line, its keys the INPUT column names, JSON null SQL NULL) or \
            CSV with a header line (each cell read as its column's type, an empty cell NULL; ARRAY, MAP, \
            MULTISET and ROW cells hold JSON text); --format, else the input file's extension (.csv), else \
            JSON Lines. Values take the form of Flink's json format with \
            'json.timestamp-format.standard' = 'SQL' (DECIMAL as exact numbers, BYTES as base64, TIMESTAMP \
            as "2024-01-31 12:34:56.789"; README.md lists every type). Each output row holds the input's \
            fields followed by the OUTPUT columns, one row per predicted row, in the --output-format (else \
            --output's extension, else the input's format). Relative paths in MODEL.sql are resolved \
            against its directory (with --ddl, against the current directory).

            Rows are predicted in batches through the model's predict_batch: up to --batch-size rows \
            (else the model's 'batch-size' option, else 64), but never waiting for more input while rows \
            are waiting to be predicted, so a slow producer gets each answer at once. Result rows are \
            written before each prediction of an in-process model (a crash loses no predicted row), \
            before waiting for input, and at least every 50 ms. When a batch fails, its rows are \
            predicted again one by one, so the rows before the failing one are written and the error \
            names its line.

            The Python environment is the virtual environment named by VIRTUAL_ENV. Anything else \
            written to standard output (Python's print, C extensions, child processes) goes to standard \
            error. On standard error: a progress line (redrawn in place on a terminal, every 10 s \
            otherwise), the error of a failed row with its Python traceback, and a summary at the end \
            (rows in and out, skipped, failed, ignored by the error strategy, rows/s, predict latency); \
            --quiet leaves out the progress and the summary.

            Exit status: 0 when every row was predicted (or skipped with --on-bad-row skip, or ignored by \
            the model's error strategy), 1 when a row failed, 3 when the model could not be defined, \
            loaded or opened, 4 when reading the input or writing the output failed, 64 for a usage \
            error, 130 when interrupted.
            """
    )

    /// What to do with an input line that cannot be read as a row.
    enum BadRowAction: String, CaseIterable, ExpressibleByArgument {
        case fail
        case skip
    }

    @Argument(help: "A file holding one CREATE MODEL statement (or give --ddl).")
    var modelFile: String?

    @Option(name: .long, help: "The CREATE MODEL statement itself, instead of MODEL.sql.")
    var ddl: String?

    @Option(name: .long, help: "The file to read rows from; '-' for standard input (the default).")
    var input: String?

    @Option(name: .long, help: "The input's format: jsonl or csv (default: by --input's extension, else jsonl).")
    var format: DataFormat?

    @Option(name: .long, help: "The file to write rows to; '-' for standard output (the default).")
    var output: String?

    @Option(
        name: .customLong("output-format"),
        help: "The output's format: jsonl or csv (default: by --output's extension, else the input's format).")
    var outputFormat: DataFormat?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Input fields for INPUT columns of other names: FIELD=COLUMN,… (e.g. review=text).",
            valueName: "mapping"))
    var columns: ColumnMapping?

    @Option(name: .customLong("batch-size"), help: "The most rows per predict_batch call (default: the model's 'batch-size' option, else 64).")
    var batchSize: Int?

    @Option(name: .customLong("on-bad-row"), help: "fail: stop at an input line that is not a row (default); skip: count it and go on.")
    var onBadRow: BadRowAction = .fail

    @Flag(name: .shortAndLong, help: "No progress line and no summary on standard error.")
    var quiet = false

    static let defaultBatchSize = 64

    func validate() throws {
        switch (modelFile, ddl) {
        case (nil, nil): throw ValidationError("Missing MODEL.sql (or --ddl 'CREATE MODEL …').")
        case (.some, .some): throw ValidationError("Give MODEL.sql or --ddl, not both.")
        default: break
        }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
    }

    func run() throws {
        let result = Result { () throws(RunError) in try predictAll() }
        // The interpreter is never finalized, so what Python still buffers must be written out
        // here, before the error message and the exit.
        flushPythonStandardStreams()
        if case .failure(let error) = result {
            standardError("mlpredict: \(error.description)\n")
            if let summary = error.summary { standardError(summary) }
            throw error.status
        }
    }

    private func predictAll() throws(RunError) {
        let (sql, baseDirectory, what) = try modelDefinition()
        let output: OutputStream
        if let path = self.output, path != "-" {
            output = try OutputStream.file(path)
        } else {
            output = try OutputStream.reservingStandardOutput()
        }
        defer { output.flush() }
        let model: Model
        do {
            try Interpreter.start(.fromEnvironment())
            model = try ModelRegistry.default.createModel(fromDDL: sql, relativeTo: baseDirectory)
        } catch {
            throw RunError("\(what): \(error)", status: ExitStatus.modelFailed)
        }
        defer { try? model.close() }

        let fieldNames = try inputFieldNames(model.inputSchema)
        let reader: LineReader
        do {
            reader = try LineReader(path: input)
        } catch {
            throw RunError(error.description, status: ExitStatus.ioFailed)
        }
        let inputFormat = format ?? DataFormat.suggested(by: input) ?? .jsonl
        let source: any RowSource =
            switch inputFormat {
            case .jsonl: JSONLinesSource(reader: reader, schema: model.inputSchema, fieldNames: fieldNames)
            case .csv: CSVSource(reader: reader, schema: model.inputSchema, fieldNames: fieldNames)
            }
        let sink: any RowSink =
            switch outputFormat ?? DataFormat.suggested(by: self.output) ?? inputFormat {
            case .jsonl: JSONLinesSink(stream: output, outputSchema: model.outputSchema)
            case .csv: CSVSink(stream: output, outputSchema: model.outputSchema)
            }
        let size = batchSize ?? (model.provider as? GenericPythonModelProvider)?.batchSize ?? Self.defaultBatchSize
        var run = BatchRun(
            model: model, source: source, sink: sink, output: output, batchSize: size,
            skipBadRows: onBadRow == .skip, inputName: input.flatMap { $0 == "-" ? nil : $0 } ?? "<stdin>",
            progress: ProgressLine(quiet: quiet, totalBytes: inputSize))
        do {
            try run.run()
        } catch var error {
            output.flush()
            error.summary = report(run)
            throw error
        }
        output.flush()
        standardError(report(run))
    }

    /// The progress line cleared, then the skipped lines, rows ignored by the error strategy and
    /// (unless quiet) the summary, as lines for standard error.
    private func report(_ run: BatchRun) -> String {
        run.progress.clear()
        flushPythonStandardStreams()
        var lines: [String] = []
        if let skipped = run.counts.skippedReport { lines.append(skipped) }
        let ignored = run.model.statistics.ignoredRows
        if ignored > 0 { lines.append("\(ignored) row(s) failed and were ignored (error-handling-strategy IGNORE)") }
        if !quiet { lines.append(run.counts.summary(ignored: ignored, elapsed: run.progress.elapsed)) }
        return lines.map { "mlpredict: \($0)\n" }.joined()
    }

    /// The CREATE MODEL text, the directory its relative paths are resolved against, and how
    /// errors name it.
    private func modelDefinition() throws(RunError) -> (String, String?, String) {
        if let ddl { return (ddl, nil, "--ddl") }
        let modelFile = self.modelFile!
        do {
            let sql = try String(contentsOfFile: modelFile, encoding: .utf8)
            return (sql, URL(fileURLWithPath: modelFile).deletingLastPathComponent().path, modelFile)
        } catch {
            throw RunError(
                "cannot read model file \(modelFile): \(error.localizedDescription)", status: ExitStatus.modelFailed)
        }
    }

    /// The input field read for each INPUT column, after `--columns`.
    private func inputFieldNames(_ schema: Schema) throws(RunError) -> [String] {
        let names = schema.columns.map(\.name)
        guard let columns else { return names }
        for column in columns.fieldForColumn.keys.sorted() where !names.contains(column) {
            throw RunError(
                "--columns names '\(column)', which is not an INPUT column of the model; INPUT \(schema)",
                status: ExitCode.validationFailure)
        }
        return columns.fieldNames(for: names)
    }

    /// The input file's size, when it is a regular file, for the progress line's ETA.
    private var inputSize: Int? {
        guard let input, input != "-",
            let attributes = try? FileManager.default.attributesOfItem(atPath: input),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        return (attributes[.size] as? NSNumber)?.intValue
    }
}

/// A failure that ends the run: printed to standard error, with its exit status.
struct RunError: Error, CustomStringConvertible {
    let description: String
    let status: ExitCode
    /// What the run did before it failed, printed after the error.
    var summary: String?

    init(_ description: String, status: ExitCode = ExitStatus.rowFailed) {
        self.description = description
        self.status = status
    }
}
