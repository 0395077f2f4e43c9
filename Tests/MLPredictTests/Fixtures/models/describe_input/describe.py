"""Describes the Python value it receives: input conversion tests."""

from mlpredict import PredictFunction, Row


class DescribePredictFunction(PredictFunction):
    """INPUT (v <any type>); OUTPUT (description STRING): ``type name: repr``."""

    def predict(self, data: Row) -> list[Row]:
        value = data[0]
        return [Row(f"{type(value).__name__}: {value!r}")]
