"""An iris classifier trained by ``../train.py`` (scikit-learn), loaded with joblib in open()."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import joblib
import numpy as np

from mlpredict import PredictContext, PredictFunction, Row

FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")


class IrisPredictFunction(PredictFunction):
    """The most probable species of a flower and its probability.

    ``predict_batch`` makes one ``predict_proba`` call for the whole batch; ``predict`` is a
    batch of one. A row with a NULL measurement gets no prediction.
    """

    pipeline: Any
    classes: list[str]

    def open(self, context: PredictContext) -> None:
        super().open(context)
        saved = joblib.load(Path(self.model_directory) / "iris.joblib")
        self.pipeline = saved["pipeline"]
        self.classes = saved["classes"]

    def predict(self, data: Row) -> list[Row]:
        return self.predict_batch([data])[0]

    def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
        complete = [index for index, row in enumerate(rows) if None not in row]
        results: list[list[Row]] = [[] for _ in rows]
        if not complete:
            return results
        features = np.array([[rows[index][name] for name in FEATURES] for index in complete])
        probabilities = self.pipeline.predict_proba(features)
        best = probabilities.argmax(axis=1)
        for position, index in enumerate(complete):
            label = int(best[position])
            results[index] = [Row(self.classes[label], float(probabilities[position, label]))]
        return results
