"""Batch fixtures: OUTPUT (text STRING, score DOUBLE); INPUT (text STRING)."""

from typing import Any

from mlpredict import PredictFunction, Row


class PerRowPredictFunction(PredictFunction):
    """Only predict: batches go through the default predict_batch."""

    def predict(self, data: Row) -> Any:
        text = data["text"]
        results: dict[str, Any] = {
            "none": [],
            "two": [Row(text, 1.0), Row(text, 2.0)],
            "bad_score": [Row(text, "x")],
            "null_result": None,
        }
        if text == "raise":
            raise ValueError("cannot predict 'raise'")
        return results.get(text, [Row(text, float(len(text)))])


class VectorizedPredictFunction(PredictFunction):
    """Overrides predict_batch; the 'result' property chooses a malformed result to test."""

    def predict(self, data: Row) -> list[Row]:
        raise AssertionError("predict must not be called: predict_batch is overridden")

    def predict_batch(self, rows: list[Row]) -> Any:
        results = [[Row(row.text, float(len(rows)))] for row in rows]
        return {
            "list": results,
            "tuple": tuple(results),
            "short": results[:-1],
            "string": "oops",
            "generator": (result for result in results),
        }[self.properties.get("result", "list")]
