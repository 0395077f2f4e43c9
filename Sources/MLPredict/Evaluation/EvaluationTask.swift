/// What a model does, as FLIP-525's `TaskType` names it; `ML_EVALUATE` computes the metrics of its task.
public enum EvaluationTask: String, Sendable, CaseIterable {
    case classification
    case regression
    case clustering
    case embedding
    case textGeneration = "text_generation"

    /// The metric columns `ML_EVALUATE` returns, named as Confluent Cloud's ML_EVALUATE names its
    /// metric keys; `nil` for tasks MLPredict cannot evaluate yet.
    var metricNames: [String]? {
        switch self {
        case .classification: ["Accuracy", "Precision", "Recall", "F1"]
        case .regression: ["MAE", "MSE", "RMSE", "MAPE", "R²"]
        case .embedding: ["Mean Cosine Similarity", "Mean Jaccard Similarity", "Mean Euclidean Distance"]
        case .clustering: ["Mean Davies-Bouldin Index", "Intra-Cluster Variance", "Silhouette Score"]
        case .textGeneration: nil
        }
    }
}
