"""The iris classifier exported to ONNX by ``../export.py``, served by onnxruntime by columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime

from mlpredict import Columns, PredictContext, PredictFunction, Row

FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")


class IrisOnnxPredictFunction(PredictFunction):
    """Numbers in, numbers out: the index of the most probable species and its probability.

    ``predict_columns`` wraps the host's DOUBLE columns with numpy (no copy), stacks them into
    the model's one float32 input, and returns numpy arrays the host reads without a copy.
    ``predict`` and ``predict_batch`` go through it.
    """

    session: onnxruntime.InferenceSession

    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.session = onnxruntime.InferenceSession(
            str(Path(self.model_directory) / "iris.onnx"), providers=["CPUExecutionProvider"]
        )

    def predict_columns(self, columns: Columns) -> dict[str, Any]:
        features = np.column_stack([np.asarray(columns[name]) for name in FEATURES])
        _, probabilities = self.session.run(None, {"features": features.astype(np.float32)})
        best = probabilities.argmax(axis=1)
        return {
            "class_index": best.astype(np.int32),
            "probability": probabilities[np.arange(len(best)), best].astype(np.float64),
        }

    def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
        if not rows:
            return []
        batch = Columns({name: [row[name] for row in rows] for name in FEATURES})
        result = self.predict_columns(batch)
        return [
            [Row(int(index), float(probability))]
            for index, probability in zip(result["class_index"], result["probability"], strict=True)
        ]

    def predict(self, data: Row) -> list[Row]:
        return self.predict_batch([data])[0]
