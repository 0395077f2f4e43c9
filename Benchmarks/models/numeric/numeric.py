"""The columnar benchmark's numeric model: y = 2x + 1 over whole columns with numpy."""

from typing import Any

import numpy as np

from mlpredict import Columns, PredictFunction, Row


def affine(x: Any) -> Any:
    """The model's computation; the baseline runs it alone on an array already in Python."""
    return x * 2.0 + 1.0


class NumericPredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        return [Row(data[0] * 2.0 + 1.0)]

    def predict_columns(self, columns: Columns) -> dict[str, Any]:
        return {"y": affine(np.asarray(columns["x"]))}


def numpy_alone(x: Any) -> float:
    """The baseline: the same computation on an array already in Python, and the result's sum."""
    return float(affine(x).sum())
