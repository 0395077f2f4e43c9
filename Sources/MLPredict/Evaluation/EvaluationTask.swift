/// What a model does, as FLIP-525's `TaskType` names it; `ML_EVALUATE` computes the metrics of its task.
public enum EvaluationTask: String, Sendable, CaseIterable {
    case classification
    case regression
    case clustering
    case embedding
    case textGeneration = "text_generation"
}
