import Foundation

/// The serialized model config that `PredictFunction.set_model_config` receives (FLIP-552's
/// `getModelConfig()`): the model's name, directory, class, properties and schemas.
///
/// Format version 1 is a JSON object; `docs/model-config.md` documents it:
/// ```json
/// {"format_version": 1, "model_name": "sentiment", "model_directory_path": "/abs/model",
///  "python_predict_class": "sentiment.SentimentPredictFunction",
///  "properties": {"threshold": "0.05"},
///  "input_schema": {"columns": [{"name": "text", "type": "STRING", "nullable": true}]},
///  "output_schema": {"columns": [{"name": "label", "type": "STRING", "nullable": false}]}}
/// ```
public struct ModelConfig: Codable, Sendable, Hashable {
    /// A column as the config describes it: its Flink SQL type string excludes nullability.
    public struct ColumnConfig: Codable, Sendable, Hashable {
        public var name: String
        public var type: String
        public var nullable: Bool
        public var comment: String?

        public init(_ column: Column) {
            name = column.name
            type = column.type.typeName
            nullable = column.type.isNullable
            comment = column.comment
        }
    }

    /// A schema as the config describes it.
    public struct SchemaConfig: Codable, Sendable, Hashable {
        public var columns: [ColumnConfig]

        public init(_ schema: Schema) {
            columns = schema.columns.map(ColumnConfig.init)
        }
    }

    /// The format version this library writes.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var modelName: String
    public var modelDirectoryPath: String
    public var pythonPredictClass: String
    /// The `properties.*` options, without the prefix.
    public var properties: [String: String]
    public var inputSchema: SchemaConfig
    public var outputSchema: SchemaConfig
    /// `'python.archives'`: each archive's unpacked directory by its target name; nil (and left out
    /// of the JSON) when the model has none.
    public var pythonArchives: [String: String]?

    public init(
        modelName: String, modelDirectoryPath: String, pythonPredictClass: String, properties: [String: String],
        inputSchema: Schema, outputSchema: Schema, pythonArchives: [String: String]? = nil
    ) {
        formatVersion = Self.currentFormatVersion
        self.modelName = modelName
        self.modelDirectoryPath = modelDirectoryPath
        self.pythonPredictClass = pythonPredictClass
        self.properties = properties
        self.inputSchema = SchemaConfig(inputSchema)
        self.outputSchema = SchemaConfig(outputSchema)
        self.pythonArchives = pythonArchives
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case modelName = "model_name"
        case modelDirectoryPath = "model_directory_path"
        case pythonPredictClass = "python_predict_class"
        case properties
        case inputSchema = "input_schema"
        case outputSchema = "output_schema"
        case pythonArchives = "python_archives"
    }

    /// The config as JSON text, keys sorted.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, booleans and integers cannot fail.
        guard let data = try? encoder.encode(self) else { preconditionFailure("ModelConfig failed to encode") }
        return String(decoding: data, as: UTF8.self)
    }
}
