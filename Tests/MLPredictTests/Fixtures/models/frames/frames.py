"""Returns what data scientists return: pandas DataFrames and Series, numpy arrays of any shape.

INPUT (mode STRING); OUTPUT (species STRING, probability DOUBLE). The mode picks the result.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mlpredict import Columns, PredictFunction, Row


def _rows(mode: str) -> Any:
    frame = pd.DataFrame({"species": ["setosa", "virginica"], "probability": [0.75, 0.25]})
    return {
        "frame": frame,
        "frame_reordered": frame[["probability", "species"]],
        "frame_positional": pd.DataFrame([["setosa", 0.5]]),
        "frame_wrong_columns": frame.rename(columns={"species": "label", "probability": "p"}),
        "frame_extra_column": frame.assign(petal=[1.0, 2.0]),
        "frame_missing": pd.DataFrame(
            {
                "species": pd.Series(["setosa", pd.NA], dtype="string"),
                "probability": [float("nan"), 0.5],
            }
        ),
        "frame_empty": frame.iloc[0:0],
        "array_1x1": [Row("setosa", np.array([[1.5]]))],
        "array_3": [Row("setosa", np.array([1.0, 2.0, 3.0]))],
        "series_1": [Row("setosa", pd.Series([1.5]))],
        "vector": np.array([0.5, 0.25]),
    }[mode]


class FramesPredictFunction(PredictFunction):
    """Returns the result its input's mode names (see ``_rows``)."""

    def predict(self, data: Row) -> Any:
        return _rows(data["mode"])

    def predict_batch(self, rows: list[Row]) -> Any:
        if rows and rows[0]["mode"] == "whole_frame":
            return pd.DataFrame({"species": ["a"] * len(rows), "probability": [0.5] * len(rows)})
        return super().predict_batch(rows)

    def predict_columns(self, columns: Columns) -> Any:
        n = columns.num_rows
        species = [f"s{index}" for index in range(n)]
        probability = np.arange(n, dtype=np.float64) / 4
        return {
            "frame": pd.DataFrame({"probability": probability, "species": species}),
            "frame_wrong_columns": pd.DataFrame({"label": species, "p": probability}),
            "series": {"species": pd.Series(species), "probability": pd.Series(probability)},
            "column_n1": {"species": species, "probability": probability.reshape(n, 1)},
            "column_n2": {"species": species, "probability": np.ones((n, 2))},
            "string_dtype": {
                "species": pd.Series(species[:-1] + [None], dtype="string"),
                "probability": probability,
            },
        }[columns["mode"][0]]
