import ArgumentParser
import Foundation
import MLPredict
import MLPredictPython

/// A model given as a file of one CREATE MODEL statement or as `--ddl`.
struct ModelDefinitionOptions: ParsableArguments {
    @Argument(help: "A file holding one CREATE MODEL statement (or give --ddl).")
    var modelFile: String?

    @Option(name: .long, help: "The CREATE MODEL statement itself, instead of MODEL.sql.")
    var ddl: String?

    func validate() throws {
        switch (modelFile, ddl) {
        case (nil, nil): throw ValidationError("Missing MODEL.sql (or --ddl 'CREATE MODEL …').")
        case (.some, .some): throw ValidationError("Give MODEL.sql or --ddl, not both.")
        default: break
        }
    }

    /// The statement's text and the directory its relative paths are resolved against.
    func read() throws(RunError) -> (sql: String, baseDirectory: String) {
        if let ddl { return (ddl, FileManager.default.currentDirectoryPath) }
        let modelFile = self.modelFile!
        do {
            let sql = try String(contentsOfFile: modelFile, encoding: .utf8)
            return (sql, URL(fileURLWithPath: modelFile).deletingLastPathComponent().path)
        } catch {
            throw RunError(
                "cannot read model file \(modelFile): \(error.localizedDescription)", status: ExitStatus.modelFailed)
        }
    }

    /// The parsed statement as the registry's providers see it.
    func context() throws(RunError) -> ModelProviderContext {
        let (sql, baseDirectory) = try read()
        do {
            let statement = try CreateModelStatement.parse(sql)
            return ModelProviderContext(
                modelName: statement.name, inputSchema: statement.input, outputSchema: statement.output,
                options: statement.options, baseDirectory: baseDirectory)
        } catch {
            throw RunError("\(modelFile ?? "--ddl"): \(error)", status: ExitStatus.modelFailed)
        }
    }
}

/// The lines that describe a model as the registry sees it.
enum ModelDescription {
    static func lines(_ context: ModelProviderContext, provider: (any ModelProvider)?) -> [String] {
        var lines = [
            "model: \(context.modelName)",
            "provider: \(context.options["provider"] ?? "(none)")",
            "INPUT \(context.inputSchema)",
            "OUTPUT \(context.outputSchema)",
            "options:",
        ]
        for key in context.options.keys.sorted() {
            lines.append("  '\(key)' = '\(context.options[key]!.replacing("'", with: "''"))'")
        }
        if let python = provider as? GenericPythonModelProvider,
            let function = python.pythonPredictFunction as? GenericPythonPredictFunction
        {
            lines.append("directory: \(function.modelDirectory)")
            lines.append("class: \(function.pythonClass)")
            switch function.execution {
            case .inProcess(let instances):
                lines.append("execution: in-process, \(instances) instance\(instances == 1 ? "" : "s")")
            case .process(let workers):
                lines.append(
                    "execution: process, \(workers.workers) worker\(workers.workers == 1 ? "" : "s")"
                        + (workers.pythonExecutable.map { ", python \($0)" } ?? "")
                        + (workers.memoryLimit.map { ", memory limit \($0) bytes" } ?? ""))
            }
            lines.append(
                "batch-size: "
                    + (python.batchSize.map(String.init) ?? "not set (mlpredict run uses \(RunCommand.defaultBatchSize))"))
        }
        if let policy = try? ExecutionPolicy().merging(context.options, what: "model '\(context.modelName)'") {
            lines.append(
                "policy: timeout \(policy.timeout.map { "\($0)" } ?? "none"), "
                    + "error-handling-strategy \(policy.errorHandling.rawValue)"
                    + (policy.errorHandling == .retry
                        ? ", retry-num \(policy.retryNum), retry-fallback-strategy \(policy.retryFallback.rawValue), "
                            + "retry-backoff-strategy \(policy.retryBackoff.rawValue), "
                            + "retry-backoff-base-interval \(policy.retryBackoffBaseInterval)"
                        : ""))
        }
        return lines
    }
}

/// `mlpredict describe MODEL.sql`: the model as the registry sees it, without loading Python.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print a model as the registry sees it: name, schemas, options, execution mode and policy.",
        discussion: """
            Example:

              mlpredict describe examples/sentiment/model.sql

            The options are checked as for loading (an error exits with status 3), but the Python class \
            is not loaded: use `mlpredict check` for that.
            """
    )

    @OptionGroup var model: ModelDefinitionOptions

    func run() throws {
        do {
            let context = try model.context()
            let provider: any ModelProvider
            do {
                provider = try ModelRegistry.default.createProvider(context)
            } catch {
                throw RunError("\(model.modelFile ?? "--ddl"): \(error)", status: ExitStatus.modelFailed)
            }
            print(ModelDescription.lines(context, provider: provider).joined(separator: "\n"))
        } catch let error as RunError {
            standardError("mlpredict: \(error.description)\n")
            throw error.status
        }
    }
}

/// `mlpredict check MODEL.sql [--sample ROW]`: everything that loading and one prediction can find.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a model: its options, loading and opening its class, and a sample row.",
        discussion: """
            Example:

              mlpredict check examples/sentiment/model.sql --sample '{"text": "I love it"}'

            Validates the options, loads the Python class from the model directory (with the Python of \
            VIRTUAL_ENV) and opens it, prints both schemas and the config JSON that the class's \
            set_model_config receives, predicts the sample row (a JSON object of the INPUT columns) and \
            prints its output rows as JSON, then lists every problem found. Exit status: 0 when none was, \
            3 when the model could not be defined, loaded or opened, 1 when only the sample failed.
            """
    )

    @OptionGroup var model: ModelDefinitionOptions

    @Option(name: .long, help: "An input row to predict, as a JSON object of the INPUT columns.")
    var sample: String?

    func run() throws {
        let output = try OutputStream.reservingStandardOutput()
        var problems: [String] = []
        var modelProblem = false
        defer {
            flushPythonStandardStreams()
            if problems.isEmpty {
                output.write("no problems found")
            } else {
                output.write("problems:")
                for (index, problem) in problems.enumerated() { output.write("  \(index + 1). \(problem)") }
            }
            output.flush()
        }
        let context: ModelProviderContext
        do {
            context = try model.context()
        } catch {
            problems.append(error.description)
            throw error.status
        }
        var provider: (any ModelProvider)?
        do {
            provider = try ModelRegistry.default.createProvider(context)
        } catch {
            problems.append("the options: \(error)")
            modelProblem = true
        }
        for line in ModelDescription.lines(context, provider: provider) { output.write(line) }
        if let function = (provider as? GenericPythonModelProvider)?.pythonPredictFunction as? GenericPythonPredictFunction {
            output.write("config JSON (set_model_config receives it):")
            output.write("  " + function.modelConfig)
        }
        var loaded: Model?
        if let provider {
            do {
                try Interpreter.start(.fromEnvironment())
                loaded = try Model(provider: provider)
                output.write("loaded and opened: yes")
            } catch {
                problems.append("loading and opening the class: \(error)")
                modelProblem = true
            }
        }
        if let sample {
            checkSample(sample, context: context, model: loaded, output: output, problems: &problems)
        }
        if let loaded {
            do { try loaded.close() } catch { problems.append("closing: \(error)") }
        }
        if modelProblem { throw ExitStatus.modelFailed }
        if !problems.isEmpty { throw ExitStatus.rowFailed }
    }

    private func checkSample(
        _ sample: String, context: ModelProviderContext, model: Model?, output: OutputStream, problems: inout [String]
    ) {
        let record: JSONRowReader.Record
        do {
            record = try JSONRowReader(schema: context.inputSchema).read(sample)
        } catch {
            problems.append("the sample row: \(error)")
            return
        }
        guard let model else { return }
        do {
            let rows = try model.predict(record.row)
            let writer = JSONRowWriter(inputNames: [], outputSchema: context.outputSchema)
            output.write("sample: \(rows.count) output row(s)")
            for row in rows {
                do {
                    output.write("  " + (try writer.line(input: [], output: row)))
                } catch {
                    problems.append("the sample's output: \(error)")
                }
            }
        } catch {
            problems.append("predicting the sample row: \(error)")
        }
    }
}
