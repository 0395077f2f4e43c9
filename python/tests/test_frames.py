"""DataFrames as results, read without importing pandas in the host path (issue 12 §4)."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

from mlpredict._columns import output_columns
from mlpredict._frames import FrameData, frame_data, frame_rows, is_data_frame, type_name

NAMES = ("species", "probability")


def test_rows_are_matched_by_name() -> None:
    frame = pd.DataFrame({"probability": [0.5, 0.25], "species": ["a", "b"]})
    assert frame_rows(frame, NAMES) == [("a", 0.5), ("b", 0.25)]


def test_default_labels_are_positions() -> None:
    assert frame_rows(pd.DataFrame([["a", 0.5]]), NAMES) == [("a", 0.5)]


def test_frame_data_pickles_and_reads_as_the_frame() -> None:
    frame = pd.DataFrame({"species": pd.Series(["a", None], dtype="string"), "probability": [1, 2]})
    data = pickle.loads(pickle.dumps(frame_data(frame)))
    assert isinstance(data, FrameData) and is_data_frame(data)
    assert type_name(data) == "pandas.DataFrame"
    assert frame_rows(data, NAMES) == frame_rows(frame, NAMES) == [("a", 1), (None, 2)]


def test_wrong_columns_say_how_to_fix_them() -> None:
    with pytest.raises(ValueError, match=r"columns \(x\) but the OUTPUT columns .*rename"):
        frame_rows(pd.DataFrame({"x": [1]}), NAMES)


def test_numeric_columns_are_not_copied() -> None:
    values = np.arange(3, dtype=np.float64)
    frame = pd.DataFrame({"species": ["a", "b", "c"], "probability": values}, copy=False)
    column = output_columns(frame, NAMES)[1]
    assert isinstance(column, np.ndarray) and np.shares_memory(column, frame["probability"])


def test_non_frames_are_not_frames() -> None:
    assert not is_data_frame([("a", 1.0)])
    assert not is_data_frame(pd.Series([1.0]))
    assert type_name(pd.Series([1.0])) == "pandas.Series"
    assert type_name(np.zeros(1)) == "numpy.ndarray"
