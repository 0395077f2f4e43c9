import ArgumentParser
import Foundation
import MLPredict
import MLPredictPython
import MLPredictSQLiteCatalog

/// `mlpredict sql [--catalog FILE] [--table NAME --schema '(...)' [--input FILE]] STATEMENTS`.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Execute SQL statements (model DDL, ML_PREDICT, ML_EVALUATE) and print each result as a table.",
        discussion: """
            Example:

              mlpredict sql --table reviews --schema '(text STRING)' --input reviews.jsonl "CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING) WITH ('provider' = 'generic-python', \
            'model-directory-path' = './m', 'python-predict-class' = 'm.Model'); \
            SELECT * FROM ML_PREDICT(TABLE reviews, MODEL m, DESCRIPTOR(text))"

            Models live in memory, or with --catalog in a SQLite file that keeps them across runs. With \
            --table, the JSON Lines rows of --input (or standard input) form a table of that name whose \
            columns --schema declares, such as '(x DOUBLE, label INT)'. Relative paths in CREATE MODEL \
            options are resolved against the current directory. Anything else written to standard \
            output (Python's print) goes to standard error.
            """
    )

    @Option(name: .long, help: "A SQLite file holding the model catalog (created if missing).")
    var catalog: String?

    @Option(name: .long, help: "The name of the table read from JSON Lines.")
    var table: String?

    @Option(name: .long, help: "The table's columns, e.g. '(x DOUBLE, label INT)'.")
    var schema: String?

    @Option(name: .long, help: "The JSON Lines file of the table's rows (default: standard input).")
    var input: String?

    @Argument(help: "Statements separated by ';'.")
    var statements: String

    func run() throws {
        let output = try OutputStream.reservingStandardOutput()
        defer { output.flush() }
        do {
            try Interpreter.start(.fromEnvironment())
            let session = Session(catalog: try catalog.map(SQLiteModelCatalog.init(path:)) ?? InMemoryModelCatalog())
            if let table {
                guard let schema else { throw RunError("--table needs --schema") }
                session.registerTable(table, try readTable(schema: Schema.parse(schema)))
            }
            for result in try session.executeAll(statements) { output.write(result.description) }
            flushPythonStandardStreams()
        } catch {
            flushPythonStandardStreams()
            FileHandle.standardError.write(Data("mlpredict: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func readTable(schema: Schema) throws -> Table {
        let reader: LineReader
        do { reader = try LineReader(path: input) } catch { throw RunError(error.description) }
        let rows = JSONRowReader(schema: schema)
        var table: [Row] = []
        while let (number, line) = reader.nextLine() {
            if line.allSatisfy(\.isWhitespace) { continue }
            do { table.append(try rows.read(line).row) } catch { throw RunError("\(input ?? "<stdin>"):\(number): \(error)") }
        }
        if let failure = reader.failure { throw RunError(failure) }
        return Table(schema: schema, rows: table)
    }
}
