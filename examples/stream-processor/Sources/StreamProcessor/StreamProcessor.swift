import ArgumentParser
import CoreMetrics
import Dispatch
import Foundation
import Logging
import MLPredict
import MLPredictServiceLifecycle
import Prometheus
import ServiceLifecycle

/// Reads reviews as JSON Lines from a file or a TCP socket on 127.0.0.1, scores them with the
/// model of `model.sql` through the streaming operator, and writes JSON Lines to standard output.
/// SIGTERM or SIGINT shuts it down gracefully: every row that has arrived is answered, the model
/// is closed, the metrics are written, and it exits with status 0.
@main
struct StreamProcessor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream-processor",
        abstract: "Score a stream of reviews with a Python model (MLPredict).",
        discussion: """
            Examples:

              stream-processor --input input.jsonl
              stream-processor --listen 7070 &
              printf '{"id": 1, "text": "great"}\\n' | nc 127.0.0.1 7070
            """)

    @Option(help: "The CREATE MODEL file (default: model.sql next to this package's sources).")
    var model: String = StreamProcessor.packageDirectory.appendingPathComponent("model.sql").path

    @Option(help: "A JSON Lines file of reviews to read.")
    var input: String?

    @Option(help: "A port on 127.0.0.1 to read reviews from, one connection after another (0: any free port).")
    var listen: Int?

    @Option(help: "A file to write the listening port to, once listening.")
    var portFile: String?

    @Option(help: "A file for the metrics (Prometheus text format) at exit (default: standard error).")
    var metricsFile: String?

    @Option(help: "Rows per predict_batch call.")
    var batchSize = 32

    /// This package's directory, which `model.sql` sits in.
    static let packageDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // StreamProcessor
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    func validate() throws {
        guard (input == nil) != (listen == nil) else { throw ValidationError("give either --input FILE or --listen PORT") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "stream-processor")

        let model = try await load(model)
        let source = try input.map { try LineSource(file: $0) } ?? LineSource(listeningOn: listen!)
        if let port = source.port {
            logger.info("listening on 127.0.0.1:\(port)")
            if let portFile { try Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: portFile)) }
        }
        let processor = PredictionService(
            model: model, input: source, options: try PredictionOptions(["batch-size": "\(batchSize)"]), logger: logger)
        // Shut down in reverse order: the processor finishes its rows, then the model is closed.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: ModelService(models: [model], logger: logger)),
                    .init(service: processor, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()

        var metrics: [UInt8] = []
        registry.emit(into: &metrics)
        if let metricsFile {
            try Data(metrics).write(to: URL(fileURLWithPath: metricsFile))
        } else {
            FileHandle.standardError.write(Data(metrics))
        }
    }

    /// Loads the model of the CREATE MODEL file at `path` on a Dispatch thread: loading imports and
    /// opens Python code, which must not block Swift's cooperative pool.
    private func load(_ path: String) async throws -> Model {
        let ddl = try String(contentsOfFile: path, encoding: .utf8)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ModelRegistry.default.createModel(fromDDL: ddl, relativeTo: directory) })
            }
        }
    }
}
