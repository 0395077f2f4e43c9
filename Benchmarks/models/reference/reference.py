"""The benchmark's reference model: returns its text with the text's length as score."""

from mlpredict import PredictFunction, Row


class ReferencePredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        text = data[0]
        return [Row(text, float(len(text)))]
