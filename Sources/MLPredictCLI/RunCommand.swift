import ArgumentParser
import Foundation
import MLPredict
import MLPredictPython

/// `mlpredict run MODEL.sql [--input FILE]`: predicts every JSON Lines row of FILE (or stdin).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Predict each JSON Lines row with the model that MODEL.sql creates.",
        discussion: """
            Each input line is a JSON object whose keys include the model's INPUT columns (JSON null is \
            SQL NULL), their values in the form of Flink's json format with \
            'json.timestamp-format.standard' = 'SQL' (DECIMAL as exact numbers, BYTES as base64, TIMESTAMP \
            as "2024-01-31 12:34:56.789"; README.md lists every type). Each output line holds the input \
            object's fields followed by the OUTPUT columns, one line per predicted row. Relative paths in \
            MODEL.sql are resolved against its directory. \
            The Python environment is the virtual environment named by VIRTUAL_ENV. Anything else \
            written to standard output (Python's print, C extensions, child processes) goes to \
            standard error. On a model or row error the error (with the Python \
            traceback) goes to standard error. Exit status: 0 when every row was predicted (or \
            ignored by the model's error strategy), 1 when a row failed, 3 when the model could not be \
            defined, loaded or opened, 4 when reading the input or writing the output failed, 64 for a \
            usage error, 130 when interrupted. Result lines are written before each prediction of an \
            in-process model (a crash loses no predicted row), before waiting for input, and at least \
            every 50 ms.
            """
    )

    @Argument(help: "A file holding one CREATE MODEL statement.")
    var modelFile: String

    @Option(name: .long, help: "The JSON Lines file to read (default: standard input).")
    var input: String?

    func run() throws {
        let result = Result { () throws(RunError) in try predictAll() }
        // The interpreter is never finalized, so what Python still buffers must be written out
        // here, before the error message and the exit.
        flushPythonStandardStreams()
        if case .failure(let error) = result {
            FileHandle.standardError.write(Data("mlpredict: \(error.description)\n".utf8))
            throw error.status
        }
    }

    private func predictAll() throws(RunError) {
        let sql: String
        do {
            sql = try String(contentsOfFile: modelFile, encoding: .utf8)
        } catch {
            throw RunError("cannot read model file \(modelFile): \(error.localizedDescription)", status: ExitStatus.modelFailed)
        }
        let output = try OutputStream.reservingStandardOutput()
        defer { output.flush() }
        let model: Model
        do {
            try Interpreter.start(.fromEnvironment())
            model = try ModelRegistry.default.createModel(
                fromDDL: sql, relativeTo: URL(fileURLWithPath: modelFile).deletingLastPathComponent().path)
        } catch {
            throw RunError("\(modelFile): \(error)", status: ExitStatus.modelFailed)
        }
        defer {
            try? model.close()
            let ignored = model.statistics.ignoredRows
            if ignored > 0 {
                FileHandle.standardError.write(
                    Data("mlpredict: \(ignored) row(s) failed and were ignored (error-handling-strategy IGNORE)\n".utf8))
            }
        }
        let inProcess = !model.isIsolated

        let reader: LineReader
        do {
            reader = try LineReader(path: input)
        } catch {
            throw RunError(error.description, status: ExitStatus.ioFailed)
        }
        let rows = JSONRowReader(schema: model.inputSchema)
        var writer: JSONRowWriter?
        while true {
            if output.hasBufferedLines, reader.wouldBlock { output.flush() }
            guard let (number, line) = reader.nextLine() else { break }
            if line.allSatisfy(\.isWhitespace) { continue }
            let place = "\(input ?? "<stdin>"):\(number)"
            do {
                let record = try rows.read(line)
                let names = record.members.map(\.key)
                if writer == nil || writer?.inputNames != names {
                    writer = JSONRowWriter(inputNames: names, outputSchema: model.outputSchema)
                }
                if inProcess { output.flush() } else { output.flushIfDue() }
                for predicted in try model.predict(record.row) {
                    output.write(try writer!.line(input: record.members, output: predicted))
                }
            } catch {
                throw RunError("\(place): \(error)")
            }
        }
        if let failure = reader.failure { throw RunError(failure, status: ExitStatus.ioFailed) }
    }
}

/// A failure that ends the run: printed to standard error, with its exit status.
struct RunError: Error, CustomStringConvertible {
    let description: String
    let status: ExitCode
    init(_ description: String, status: ExitCode = ExitStatus.rowFailed) {
        self.description = description
        self.status = status
    }
}
