import Foundation

/// The `WITH` options of the `generic-python` provider.
///
/// The names are those of FLIP-552's prototype (`swapna267/flink`); the `bgeng777/flink`
/// prototype's spellings ``model`` and ``pythonPredictFunction`` are accepted instead (one
/// spelling per option in a statement).
public enum GenericPythonOptions {
    /// Directory holding the model's Python module(s) and files. Required (or ``model``).
    public static let modelDirectoryPath = "model-directory-path"
    /// The `PredictFunction` subclass, `module.Class` (or `package.module.Class`). Required (or
    /// ``pythonPredictFunction``).
    public static let pythonPredictClass = "python-predict-class"
    /// `bgeng777/flink`'s spelling of ``modelDirectoryPath``.
    public static let model = "model"
    /// `bgeng777/flink`'s spelling of ``pythonPredictClass``.
    public static let pythonPredictFunction = "python-predict-function"
    /// The most rows per batch, as FLIP-552's prototype's option: a positive integer. Optional;
    /// validated and exposed as ``GenericPythonPredictFunction/batchSize`` for batching to use.
    /// It does not set `ML_PREDICT`'s `'batch-size'` (``PredictionOptions/batchSize``).
    public static let batchSize = "batch-size"
    /// Prefix of the options handed to Python, without the prefix, as `properties`.
    public static let propertiesPrefix = "properties."

    /// The alternative spellings: alias → the option it spells.
    static let aliases = [model: modelDirectoryPath, pythonPredictFunction: pythonPredictClass]

    /// `batch-size`'s value: an integer from 1 to `Int32.max`, as Flink's integer options are.
    static func parseBatchSize(_ value: String) -> Int? {
        guard let number = Int(value.trimmingCharacters(in: .whitespaces)), (1...Int(Int32.max)).contains(number) else {
            return nil
        }
        return number
    }

    /// Whether `name` is a dotted Python name with at least one dot: `module.Class`.
    static func isQualifiedClassName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy(isIdentifier)
    }

    private static func isIdentifier(_ part: Substring) -> Bool {
        guard let first = part.first, first == "_" || first.isLetter else { return false }
        return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }
}
