"""open() fails the way a missing model file would."""

from mlpredict import PredictContext, PredictFunction, Row


class FailingOpenPredictFunction(PredictFunction):
    def open(self, context: PredictContext) -> None:
        raise FileNotFoundError(f"weights.bin not found in {context.model_directory}")

    def predict(self, data: Row) -> list[Row]:
        return [Row(data[0])]
