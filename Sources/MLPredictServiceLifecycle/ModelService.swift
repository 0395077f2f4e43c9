import Dispatch
public import Logging
public import MLPredict
public import ServiceLifecycle

/// A swift-service-lifecycle `Service` that owns loaded models and closes them when the app shuts
/// down: run it in a `ServiceGroup` with the services that predict.
///
/// ```swift
/// let model = try ModelRegistry.default.createModel(fromDDL: ddl)
/// let group = ServiceGroup(configuration: .init(
///     services: [.init(service: ModelService(models: [model])), .init(service: processor)],
///     gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
/// try await group.run()
/// ```
///
/// `run()` waits for graceful shutdown (or cancellation), then closes every model at once:
/// each stops taking calls (new ones fail with ``MLPredictError/Code/modelClosed``), waits for
/// its calls in flight to finish, and calls its Python `close()` exactly once (in process mode,
/// in each worker, which then exits). A `ServiceGroup` shuts its services down in reverse order,
/// so list this service before the services that use its models: they finish their work first.
public final class ModelService: Service, Sendable {
    /// The models this service closes.
    public let models: [Model]
    private let logger: Logger

    /// A service that closes `models` on shutdown, logging to `logger`.
    public init(models: [Model], logger: Logger = Logger(label: "mlpredict.service")) {
        self.models = models
        self.logger = logger
    }

    /// Waits for graceful shutdown or cancellation, then closes the models.
    ///
    /// - Throws: the first model's ``MLPredictError`` with code ``MLPredictError/Code/closeFailed``
    ///   if a Python `close()` raised (after every model was closed).
    public func run() async throws {
        try? await gracefulShutdown()  // throws only if cancelled: then close at once
        logger.info("closing \(models.count) model(s): no new calls; waiting for calls in flight")
        let failures = await withTaskGroup(of: MLPredictError?.self) { group in
            for model in models {
                group.addTask { await Self.close(model) }
            }
            return await group.reduce(into: [MLPredictError]()) { failures, failure in
                if let failure { failures.append(failure) }
            }
        }
        for failure in failures {
            logger.error("\(failure.message)", metadata: ["model": "\(failure.model ?? "")"])
        }
        if let first = failures.first { throw first }
        logger.info("closed \(models.count) model(s)")
    }

    /// Closes `model` on a Dispatch thread, since closing blocks until its calls in flight finish.
    private static func close(_ model: Model) async -> MLPredictError? {
        await withCheckedContinuation { (continuation: CheckedContinuation<MLPredictError?, Never>) in
            DispatchQueue.global().async {
                do throws(MLPredictError) {
                    try model.close()
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: error)
                }
            }
        }
    }
}
