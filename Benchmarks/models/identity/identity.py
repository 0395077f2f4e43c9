"""The conversion benchmark's model: returns its input row as the only output row.

INPUT and OUTPUT have the same columns, so Python does almost nothing per row and the time is
the conversions' on both sides.
"""

from mlpredict import PredictFunction, Row


class IdentityPredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        return [data]
