"""Models for tests/test_testing.py: one good model and models that break the host's rules.

Every class here reads the same INPUT (text STRING, stars INT) and declares
OUTPUT (label STRING NOT NULL, score DOUBLE) in reviews.sql (or a statement in
the test). With the property ``log``, the lifecycle calls are appended to that file.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from mlpredict import Columns, PredictContext, PredictFunction, Row


def log(function: PredictFunction, event: str) -> None:
    """Append ``event`` to the file the property ``log`` names, if any."""
    path = function.properties.get("log")
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(event + "\n")


class ReviewPredictFunction(PredictFunction):
    """Labels a review by its stars; the score is the stars over the property ``scale``."""

    scale: float

    def open(self, context: PredictContext) -> None:
        super().open(context)
        log(self, "open")
        self.scale = float(context.get_job_parameter("scale", "5") or "5")

    def predict(self, data: Row) -> list[Row]:
        if data["stars"] is None:
            return []
        label = "positive" if data["stars"] >= 3 else "negative"
        return [Row(label=label, score=data["stars"] / self.scale)]

    def close(self) -> None:
        log(self, "close")


class WrongTypePredictFunction(ReviewPredictFunction):
    """Returns the score as text."""

    def predict(self, data: Row) -> list[Row]:
        return [Row("positive", "high")]


class MissingLabelPredictFunction(ReviewPredictFunction):
    """Returns no label, where the label is NOT NULL."""

    def predict(self, data: Row) -> list[Row]:
        return [Row(None, 0.5)]


class FramePredictFunction(ReviewPredictFunction):
    """Returns a pandas DataFrame per row, and for a batch one DataFrame per input row."""

    def predict(self, data: Row) -> Any:
        import pandas as pd

        return pd.DataFrame({"score": [1.0, 0.5], "label": [data["text"], "second"]})


class AsyncPredictFunction(ReviewPredictFunction):
    """An ``async def predict``: runs on the model event loop, not in the caller's thread."""

    async def predict(self, data: Row) -> list[Row]:  # type: ignore[override]
        await asyncio.sleep(0)
        return [Row(threading.current_thread().name, float(data["stars"] or 0))]


class ColumnsPredictFunction(ReviewPredictFunction):
    """Works on whole columns: records what it received, returns numpy arrays."""

    received: list[Any]

    def predict_columns(self, columns: Columns) -> Any:
        import numpy as np

        self.received = [columns["text"], columns["stars"]]
        stars = np.asarray(columns["stars"])
        return {"label": np.where(stars >= 3, "positive", "negative"), "score": stars / self.scale}


class EchoInputPredictFunction(ReviewPredictFunction):
    """Returns the repr of the row it received as the label."""

    def predict(self, data: Row) -> list[Row]:
        return [Row(repr(data), None)]


class SlowPredictFunction(ReviewPredictFunction):
    """Counts the calls in flight on this instance (the host makes one at a time)."""

    in_flight = 0
    most_in_flight = 0

    def predict(self, data: Row) -> list[Row]:
        type(self).in_flight += 1
        type(self).most_in_flight = max(type(self).most_in_flight, type(self).in_flight)
        time.sleep(0.001)
        type(self).in_flight -= 1
        return super().predict(data)


class FailingOpenPredictFunction(ReviewPredictFunction):
    """``open`` fails after acquiring something that ``close`` releases."""

    def open(self, context: PredictContext) -> None:
        log(self, "open")
        raise FileNotFoundError("weights.bin is missing")


class FailingClosePredictFunction(ReviewPredictFunction):
    """``close`` fails."""

    def close(self) -> None:
        log(self, "close")
        raise RuntimeError("the connection is already gone")


class RaisingPredictFunction(ReviewPredictFunction):
    """``predict`` raises on an empty text."""

    def predict(self, data: Row) -> list[Row]:
        if not data["text"]:
            raise ValueError("an empty review cannot be scored")
        return super().predict(data)
