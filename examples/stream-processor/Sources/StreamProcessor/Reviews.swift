import CoreMetrics
import Foundation
import Logging
import MLPredict

/// One input line: a review to score.
struct Review: Decodable {
    var id: Int64
    var text: String

    /// The model's INPUT row (`id BIGINT, text STRING`).
    var row: Row { Row([.bigInt(id), .string(text)]) }
}

/// One output line: the review and what the model predicted for it.
struct ScoredReview: Encodable {
    var id: Int64
    var text: String
    var label: String
    var score: Double

    /// The output of `prediction` (input `id, text`, output `label, score`), one per output row.
    static func from(_ prediction: Prediction) -> [ScoredReview] {
        guard case .bigInt(let id) = prediction.input.values[0], case .string(let text) = prediction.input.values[1]
        else { return [] }
        return prediction.outputs.compactMap { output in
            guard case .string(let label) = output.values[0], case .double(let score) = output.values[1] else { return nil }
            return ScoredReview(id: id, text: text, label: label, score: score)
        }
    }
}

/// The reviews of a ``LineSource`` as the model's input rows. A line that is not a review is
/// logged, counted (`stream_bad_lines_total`) and skipped; blank lines are skipped.
struct ReviewRows: AsyncSequence, Sendable {
    typealias Element = Row

    let lines: LineSource
    let logger: Logger
    let badLines = Counter(label: "stream_bad_lines_total")

    func makeAsyncIterator() -> Iterator {
        Iterator(lines: lines.makeAsyncIterator(), logger: logger, badLines: badLines)
    }

    struct Iterator: AsyncIteratorProtocol {
        var lines: LineSource.Iterator
        let logger: Logger
        let badLines: Counter
        private var number = 0
        private let decoder = JSONDecoder()

        init(lines: LineSource.Iterator, logger: Logger, badLines: Counter) {
            self.lines = lines
            self.logger = logger
            self.badLines = badLines
        }

        mutating func next() async throws -> Row? {
            while let line = try await lines.next() {
                number += 1
                guard line.contains(where: { !$0.isWhitespace }) else { continue }
                do {
                    return try decoder.decode(Review.self, from: Data(line.utf8)).row
                } catch {
                    badLines.increment()
                    logger.warning(
                        "skipped input line \(number): expected a JSON object {\"id\": integer, \"text\": string}",
                        metadata: ["line": "\(line.prefix(200))"])
                }
            }
            return nil
        }
    }
}
