import Foundation
import Logging
import MLPredict
import ServiceLifecycle

/// Predicts the reviews of its input with the streaming operator and writes one JSON line per
/// prediction to standard output. On graceful shutdown it stops taking input beyond what has
/// arrived, finishes the rows in flight, and returns; the `ModelService` then closes the model.
struct PredictionService: Service {
    let model: Model
    let input: LineSource
    let options: PredictionOptions
    let logger: Logger

    func run() async throws {
        let rows = ReviewRows(lines: input, logger: logger)
        let answered = try await withGracefulShutdownHandler {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var answered = 0
            for try await prediction in rows.predictions(with: model, options: options) {
                for review in ScoredReview.from(prediction) {
                    var line = try encoder.encode(review)
                    line.append(UInt8(ascii: "\n"))
                    try FileHandle.standardOutput.write(contentsOf: line)
                    answered += 1
                }
            }
            return answered
        } onGracefulShutdown: { [input, logger] in
            logger.info("shutting down: no new input; finishing the rows that have arrived")
            input.finishWithArrivedInput()
        }
        logger.info("input ended", metadata: ["answered": "\(answered)"])
    }
}
