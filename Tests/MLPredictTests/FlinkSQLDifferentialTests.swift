import Foundation
import Testing

@testable import MLPredict

/// What Apache Flink 2.3.0 answered to the model statements of `Fixtures/flink-sql/corpus.json`,
/// recorded by `scripts/record-flink-sql` into `recorded.json`.
private struct FlinkRecording: Decodable {
    struct Case: Decodable {
        var id: String
        var statements: [Outcome]
    }

    /// One statement and what Flink did with it.
    struct Outcome: Decodable {
        var sql: String
        var accepted: Bool
        var stage: String?
        var message: String?
        var columns: [String]?
        var rows: [[Cell]]?
    }

    /// A result value: Flink's model statements return strings, booleans and NULL.
    enum Cell: Decodable, Equatable, CustomStringConvertible {
        case string(String)
        case boolean(Bool)
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .boolean(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        init(_ value: Value) {
            switch value {
            case .null: self = .null
            case .boolean(let value): self = .boolean(value)
            case .string(let text): self = .string(text)
            default: self = .string(value.description)
            }
        }

        var description: String {
            switch self {
            case .string(let text): "\"\(text)\""
            case .boolean(let value): "\(value)"
            case .null: "NULL"
            }
        }
    }

    var cases: [Case]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/flink-sql")

    static func load() throws -> FlinkRecording {
        let data = try Data(contentsOf: directory.appendingPathComponent("recorded.json"))
        return try JSONDecoder().decode(FlinkRecording.self, from: data)
    }
}

@Suite("Model statements give what Flink 2.3.0 gives (recorded by scripts/record-flink-sql)")
struct FlinkSQLDifferentialTests {
    /// The cases where MLPredict deliberately differs from Flink, each with the heading of
    /// docs/flink-differences.md that explains why. Every other case must match exactly.
    static let deliberateDifferences: [String: String] = [
        "unknown-provider": optionsChecked, "missing-class-option": optionsChecked,
        "unsupported-option": optionsChecked, "alter-reset-provider": optionsChecked,
        "alter-set-provider": optionsChecked,
        "duplicate-option": "Duplicate option keys are rejected",
        "type-decimal-too-precise": precisions, "type-time-too-precise": precisions,
        "type-timestamp-too-precise": precisions, "type-varchar-zero": precisions, "type-char-zero": precisions,
        "type-binary-zero": precisions,
        "type-variant": "VARIANT is not supported",
        "create-or-replace": "CREATE OR REPLACE MODEL replaces the model",
    ]
    private static let optionsChecked = "Provider options are checked at CREATE and ALTER"
    private static let precisions = "Out-of-range precisions and zero lengths are rejected"

    private static let differencesDocument = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/flink-differences.md")

    /// How MLPredict's outcome of one statement compares with Flink's.
    private enum Comparison {
        case exactMatch
        /// Both rejected the statement.
        case bothRejected
        /// Both accepted it, with different results.
        case differentResult(String)
        /// One accepted, the other rejected.
        case differentAcceptance(String)

        var agreesOnAcceptance: Bool {
            if case .differentAcceptance = self { false } else { true }
        }

        var agrees: Bool {
            switch self {
            case .exactMatch, .bothRejected: true
            default: false
            }
        }
    }

    private func compare(_ flink: FlinkRecording.Outcome, in session: Session) -> Comparison {
        let result: QueryResult
        do {
            result = try session.execute(flink.sql)
        } catch {
            return flink.accepted
                ? .differentAcceptance("Flink accepted it; MLPredict rejected it: \(error.message)")
                : .bothRejected
        }
        guard flink.accepted else {
            return .differentAcceptance(
                "Flink rejected it (\(flink.stage ?? "?")): \(flink.message ?? ""); MLPredict accepted it")
        }
        let rows = result.rows.map { $0.values.map(FlinkRecording.Cell.init) }
        guard result.schema.names == flink.columns, rows == flink.rows else {
            return .differentResult(
                "Flink: \(flink.columns ?? []) \(flink.rows ?? [])\nMLPredict: \(result.schema.names) \(rows)")
        }
        return .exactMatch
    }

    @Test func everyCaseMatchesFlinkExceptTheDocumentedDifferences() throws {
        let recording = try FlinkRecording.load()
        let document = try String(contentsOf: Self.differencesDocument, encoding: .utf8)
        var statements = 0, acceptanceAgreements = 0, exactMatches = 0, bothAccepted = 0, agreeingCases = 0
        var failures: [String] = []
        for flinkCase in recording.cases {
            let session = Session(baseDirectory: FlinkRecording.directory.deletingLastPathComponent().path)
            var caseAgrees = true
            var disagreements: [String] = []
            for (index, flink) in flinkCase.statements.enumerated() {
                let comparison = compare(flink, in: session)
                statements += 1
                if comparison.agreesOnAcceptance { acceptanceAgreements += 1 }
                if flink.accepted, comparison.agreesOnAcceptance { bothAccepted += 1 }
                if case .exactMatch = comparison { exactMatches += 1 }
                switch comparison {
                case .exactMatch, .bothRejected:
                    break
                case .differentResult(let detail), .differentAcceptance(let detail):
                    caseAgrees = false
                    disagreements.append("  statement \(index + 1): \(flink.sql)\n  \(detail)")
                }
            }
            if caseAgrees { agreeingCases += 1 }
            if let difference = Self.deliberateDifferences[flinkCase.id] {
                if caseAgrees {
                    failures.append("case '\(flinkCase.id)' is listed as a deliberate difference but matches Flink")
                }
                if !document.contains("## \(difference)") {
                    failures.append("case '\(flinkCase.id)': docs/flink-differences.md has no heading '## \(difference)'")
                }
            } else if !caseAgrees {
                failures.append("case '\(flinkCase.id)' differs from Flink:\n" + disagreements.joined(separator: "\n"))
            }
        }
        print(
            "Flink 2.3.0 differential: \(recording.cases.count) cases (\(agreeingCases) agree in full, "
                + "\(Self.deliberateDifferences.count) deliberate differences); \(statements) statements: "
                + "acceptance agrees on \(acceptanceAgreements), \(exactMatches) of the \(bothAccepted) accepted by "
                + "both give exactly Flink's output")
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
    }
}
