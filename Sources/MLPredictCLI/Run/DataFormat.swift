import ArgumentParser
import Foundation

/// How rows are written in a file: JSON Lines or CSV with a header.
enum DataFormat: String, CaseIterable, ExpressibleByArgument {
    case jsonl
    case csv

    /// The format a file's name suggests: `.csv` is CSV, anything else (or no file) nil.
    static func suggested(by path: String?) -> DataFormat? {
        guard let path, path != "-" else { return nil }
        let lowered = path.lowercased()
        if lowered.hasSuffix(".csv") { return .csv }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".json") { return .jsonl }
        return nil
    }

    /// `JSON Lines` / `CSV`, for messages.
    var displayName: String {
        switch self {
        case .jsonl: "JSON Lines"
        case .csv: "CSV"
        }
    }
}

/// `--columns 'review=text,id=key'`: which input field feeds each of the model's INPUT columns,
/// when the names differ (`FIELD=COLUMN`).
struct ColumnMapping: ExpressibleByArgument {
    /// The input field's name for each model column that is renamed.
    var fieldForColumn: [String: String]

    init?(argument: String) {
        var mapping: [String: String] = [:]
        for pair in argument.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let field = parts[0].trimmingCharacters(in: .whitespaces)
            let column = parts[1].trimmingCharacters(in: .whitespaces)
            guard !field.isEmpty, !column.isEmpty, mapping[column] == nil else { return nil }
            mapping[column] = field
        }
        guard !mapping.isEmpty else { return nil }
        fieldForColumn = mapping
    }

    init() { fieldForColumn = [:] }

    static var defaultCompletionKind: CompletionKind { .default }

    /// The input field read for each column of `schema`, in order.
    func fieldNames(for schema: [String]) -> [String] {
        schema.map { fieldForColumn[$0] ?? $0 }
    }
}
