"""A model whose module and sibling module names clash with the other twin's."""

import helpers

from mlpredict import PredictFunction, Row


class TwinPredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        return [Row(f"{helpers.GREETING}: {data[0]}")]
