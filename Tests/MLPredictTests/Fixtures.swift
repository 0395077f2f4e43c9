import Foundation
import MLPredict

/// The fixture models under `Tests/MLPredictTests/Fixtures/models`, and DDL for them.
enum Fixtures {
    static let modelsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/models").path

    /// The absolute path of fixture model `name`.
    static func directory(_ name: String) -> String { "\(modelsDirectory)/\(name)" }

    /// A `CREATE MODEL` statement for fixture model `directory`.
    static func ddl(
        name: String = "fixture", input: String, output: String, directory: String, pythonClass: String,
        properties: [String: String] = [:]
    ) -> String {
        let extra = properties.sorted { $0.key < $1.key }.map { ",\n  'properties.\($0.key)' = '\($0.value)'" }.joined()
        return """
            CREATE MODEL \(name)
            INPUT (\(input))
            OUTPUT (\(output))
            WITH (
              'provider' = 'generic-python',
              'model-directory-path' = '\(Fixtures.directory(directory))',
              'python-predict-class' = '\(pythonClass)'\(extra)
            )
            """
    }

    /// Loads fixture model `directory`.
    static func model(
        name: String = "fixture", input: String, output: String, directory: String, pythonClass: String,
        properties: [String: String] = [:]
    ) throws -> Model {
        try ModelRegistry.default.createModel(
            fromDDL: ddl(
                name: name, input: input, output: output, directory: directory, pythonClass: pythonClass,
                properties: properties))
    }

    /// The error `body` throws, or nil if it throws none.
    static func error(_ body: () throws -> Void) -> MLPredictError? {
        do {
            try body()
            return nil
        } catch {
            return error as? MLPredictError
        }
    }
}
