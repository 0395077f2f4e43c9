"""Deterministic models for ML_PREDICT and ML_EVALUATE tests, with hand-checkable outputs."""

import sys

from mlpredict import PredictContext, PredictFunction, Row


class ThresholdClassifier(PredictFunction):
    """INPUT (x DOUBLE) OUTPUT (label INT): 1 when x >= the 'threshold' property (0.5), else 0."""

    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.threshold = float(self.properties.get("threshold", "0.5"))

    def predict(self, data: Row) -> list[Row]:
        return [Row(1 if data[0] >= self.threshold else 0)]


class LinearRegressor(PredictFunction):
    """INPUT (x DOUBLE) OUTPUT (y DOUBLE): 2x + 1."""

    def predict(self, data: Row) -> list[Row]:
        return [Row(2 * data[0] + 1)]


class Repeater(PredictFunction):
    """INPUT (n BIGINT) OUTPUT (i BIGINT): the rows 0 ..< n, so 0 drops the input row."""

    def predict(self, data: Row) -> list[Row]:
        return [Row(i) for i in range(data[0])]


class Embedder(PredictFunction):
    """INPUT (x DOUBLE) OUTPUT (v ARRAY<DOUBLE>): [x, 1]."""

    def predict(self, data: Row) -> list[Row]:
        return [Row([data[0], 1.0])]


class LoadCounter(PredictFunction):
    """INPUT (x DOUBLE) OUTPUT (opens BIGINT): how many times a model of this name was opened in the
    process when this instance was (kept on `sys`, which outlives the loader's module cleanup)."""

    def open(self, context: PredictContext) -> None:
        super().open(context)
        counts = sys.__dict__.setdefault("_mlpredict_test_opens", {})
        counts[self.model_name] = counts.get(self.model_name, 0) + 1
        self.opens = counts[self.model_name]

    def predict(self, data: Row) -> list[Row]:
        return [Row(self.opens)]
