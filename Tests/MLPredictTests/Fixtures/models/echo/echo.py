"""Returns its input row unchanged: the identity model for conversion tests."""

from mlpredict import PredictFunction, Row


class EchoPredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        return [Row(*data)]
