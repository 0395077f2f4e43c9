"""Results of every shape, chosen by the input, for PythonTestingDifferentialTests.swift.

The Swift host and ``mlpredict.testing`` run this model on the same statements
and rows; the test compares what each reads back (or the error each reports).
``predict`` returns ``RESULTS[mode]`` for the input's first value, except that
the property ``mode`` overrides it: ``received`` returns the repr of the input
row, ``config`` the config JSON received, ``job`` the job parameters read in
``open``. ``predict_batch`` and ``predict_columns`` return their own result for
a first row whose mode starts with ``batch:`` or ``columns:``.
"""

from __future__ import annotations

import collections
import datetime
import decimal
import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from mlpredict import Columns, PredictContext, PredictFunction, Row

Pair = collections.namedtuple("Pair", ["score", "label"])
UTC_PLUS_2 = datetime.timezone(datetime.timedelta(hours=2))


class ProbeError(Exception):
    """An error of the model's own."""


class Opaque:
    """Not iterable; the same repr in every process."""

    def __repr__(self) -> str:
        return "Opaque()"


class Failing:
    """Iterates one row, then raises."""

    def __iter__(self) -> Iterator[Any]:
        yield ("a", 1.0)
        raise ProbeError("the second row is missing")

    def __repr__(self) -> str:
        return "Failing()"


def _raise(error: Exception) -> Any:
    raise error


RESULTS: dict[str, Any] = {
    # OUTPUT (label STRING, score DOUBLE)
    "positional": lambda: [Row("a", 1.5)],
    "many": lambda: [Row("g", 1), ("h", 2.0), ["i", 3.0]],
    "named_reordered": lambda: [Row(score=3.0, label="c")],
    "namedtuple": lambda: [Pair(4.0, "d")],
    "bare_row": lambda: Row("l", 7.0),
    "generator": lambda: (Row(x, float(i)) for i, x in enumerate("jk")),
    "empty": lambda: [],
    "none": lambda: None,
    "string": lambda: "oops",
    "wrong_arity": lambda: [Row("m")],
    "wrong_type": lambda: [Row("n", "high")],
    "bool_score": lambda: [Row("o", True)],
    "row_of_scalar": lambda: [3.5],
    "wrong_fields": lambda: [Row(label="p", confidence=0.5)],
    "dict": lambda: {"label": "q"},
    "opaque": lambda: Opaque(),
    "failing": lambda: Failing(),
    "huge_int": lambda: [Row("s", 2**2000)],
    "lone_surrogate": lambda: [Row("\ud800", 1.0)],
    "nan": lambda: [Row("r", float("nan"))],
    "raises": lambda: _raise(ProbeError("cannot score this row")),
    "frame": lambda: pd.DataFrame({"score": [1.0, 2.5], "label": ["x", "y"]}),
    "frame_positional": lambda: pd.DataFrame([["x", 1.0]]),
    "frame_wrong_columns": lambda: pd.DataFrame({"label": ["x"], "confidence": [0.5]}),
    "array_row": lambda: np.array([1.0, 2.0]),
    "numpy_values": lambda: [(np.str_("n"), np.float32(0.1))],
    "numpy_item": lambda: [("n", np.array([[1.5]]))],
    "numpy_many": lambda: [("n", np.array([1.5, 2.5]))],
    # OUTPUT (label STRING NOT NULL, score DOUBLE)
    "null_label": lambda: [Row(None, 1.0)],
    # OUTPUT (t TINYINT, f FLOAT, amount DECIMAL(10, 2), c CHAR(3), b BINARY(3), v VARBINARY(4))
    "scalars": lambda: [
        (np.int8(-5), 2**24 + 1, 3, "ab", b"a", bytearray(b"xyz")),
        (100, np.float64(0.1), decimal.Decimal("1.5E+1"), "abc", memoryview(b"ab"), b""),
    ],
    "tinyint_range": lambda: [(200, 0.0, 0, "", b"", b"")],
    "float_range": lambda: [(0, 1e39, 0, "", b"", b"")],
    "decimal_digits": lambda: [(0, 0.0, decimal.Decimal("1.234"), "", b"", b"")],
    "decimal_nan": lambda: [(0, 0.0, decimal.Decimal("NaN"), "", b"", b"")],
    "decimal_float": lambda: [(0, 0.0, 1.5, "", b"", b"")],
    "char_long": lambda: [(0, 0.0, 0, "abcd", b"", b"")],
    "binary_long": lambda: [(0, 0.0, 0, "", b"", b"12345")],
    # OUTPUT (d DATE, t TIME(3), ts TIMESTAMP(3), ltz TIMESTAMP_LTZ(3))
    "times": lambda: [
        (
            datetime.date(2024, 2, 29),
            datetime.time(23, 59, 58, 123000),
            datetime.datetime(2024, 1, 1, 12, 0, 0, 500000),
            datetime.datetime(2024, 1, 1, 1, 30, tzinfo=UTC_PLUS_2),
        ),
        (None, None, None, datetime.datetime(1999, 12, 31, 23, 59, 59, 999000)),
    ],
    "date_is_datetime": lambda: [(datetime.datetime(2024, 1, 1), None, None, None)],
    "time_fraction": lambda: [(None, datetime.time(1, 2, 3, 123456), None, None)],
    "time_aware": lambda: [(None, datetime.time(1, tzinfo=datetime.UTC), None, None)],
    "timestamp_aware": lambda: [
        (None, None, datetime.datetime(2024, 1, 1, tzinfo=UTC_PLUS_2), None)
    ],
    "ltz_fraction": lambda: [(None, None, None, datetime.datetime(2024, 1, 1, 0, 0, 0, 1))],
    # OUTPUT (a ARRAY<INT NOT NULL>, m MAP<STRING, DOUBLE>, s MULTISET<STRING>,
    #         r ROW<x INT, y ARRAY<STRING>>)
    "nested": lambda: [
        (
            (1, 2),
            {"k": 1, "l": np.float64(2.5)},
            collections.Counter({"a": 2, "b": 0}),
            Row.type_for(["y", "x"])(["s"], 7),
        ),
        (np.array([3, 4]), {}, {}, (5, None)),
    ],
    "array_null": lambda: [([1, None], None, None, None)],
    "array_ravel": lambda: [(np.array([[1, 2]]), None, None, None)],
    "map_value": lambda: [(None, {"k": "v"}, None, None)],
    "map_key": lambda: [(None, {1: 1.0}, None, None)],
    "multiset_count": lambda: [(None, None, {"a": -1}, None)],
    "row_dict": lambda: [(None, None, None, {"x": 1, "y": []})],
    "row_field": lambda: [(None, None, None, Row(7, [1]))],
    # OUTPUT (label STRING, `error-string` STRING)
    "with_error_column": lambda: [Row("e")],
}

BATCH_RESULTS: dict[str, Any] = {
    "batch:short": lambda rows: [],
    "batch:frame": lambda rows: pd.DataFrame(
        {"label": ["a"] * len(rows), "score": [1.0] * len(rows)}
    ),
    "batch:tuple": lambda rows: tuple([Row("t", 1.0)] for _ in rows),
}

COLUMN_RESULTS: dict[str, Any] = {
    # OUTPUT (label STRING, score DOUBLE)
    "columns:numpy": lambda n: {
        "label": np.array(["a"] * n),
        "score": np.arange(n, dtype=np.float64),
    },
    "columns:list": lambda n: [["a"] * n, [float(i) for i in range(n)]],
    "columns:frame": lambda n: pd.DataFrame({"score": np.ones(n), "label": ["f"] * n}),
    "columns:ravel": lambda n: {"label": ["a"] * n, "score": np.ones((n, 1))},
    "columns:short": lambda n: {"label": ["a"] * (n - 1), "score": [1.0] * (n - 1)},
    "columns:names": lambda n: {"label": ["a"] * n, "confidence": [1.0] * n},
    "columns:scalar": lambda n: {"label": ["a"] * n, "score": 3},
    "columns:bool_buffer": lambda n: {"label": ["a"] * n, "score": np.ones(n, dtype=bool)},
    "columns:values": lambda n: {"label": [1] * n, "score": [1.0] * n},
    # OUTPUT (t TINYINT, f FLOAT)
    "columns:range": lambda n: {"t": np.full(n, 300), "f": np.zeros(n)},
    "columns:float_range": lambda n: {"t": np.zeros(n, dtype=np.int8), "f": np.full(n, 1e39)},
    "columns:typed": lambda n: {"t": np.arange(n, dtype=np.int64), "f": np.full(n, 2**24 + 1)},
}


def job_parameters(function: PredictFunction, context: PredictContext) -> dict[str, Any]:
    """What a model reads in ``open``: FLIP-552's prototype's job parameters, init_properties."""
    job: dict[str, Any] = {
        key: context.get_job_parameter(key)
        for key in ("model_directory_path", "init_properties", "input_schema", "output_schema")
    }
    job["init_properties attribute"] = function.init_properties
    job["threshold"] = context.get_job_parameter("threshold", "default")
    return job


def answer(function: PredictFunction, job: dict[str, Any], data: Row) -> Any:
    """The result the input row (or the ``mode`` property) names."""
    mode = function.properties.get("mode") or data[0]
    if mode == "received":
        return [Row(repr(data))]
    if mode == "config":
        return [Row(function.model_config_json)]
    if mode == "job":
        return [Row(json.dumps(job, sort_keys=True))]
    return RESULTS[mode]()


class ProbePredictFunction(PredictFunction):
    """Returns the result its input (or its ``mode`` property) names."""

    job: dict[str, Any]

    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.job = job_parameters(self, context)

    def predict(self, data: Row) -> Any:
        if data[0] == "raises_with_note":
            error = ProbeError("cannot score this row")
            error.add_note("a note")
            raise error
        return answer(self, self.job, data)

    def predict_batch(self, rows: list[Row]) -> Any:
        if rows and str(rows[0][0]).startswith("batch:"):
            return BATCH_RESULTS[rows[0][0]](rows)
        return super().predict_batch(rows)

    def predict_columns(self, columns: Columns) -> Any:
        first = next(iter(columns.values()))
        if columns.num_rows and str(first[0]).startswith("columns:"):
            return COLUMN_RESULTS[first[0]](columns.num_rows)
        return super().predict_columns(columns)


class AsyncProbePredictFunction(PredictFunction):
    """The same results from an ``async def predict`` (its batches run concurrently)."""

    job: dict[str, Any]

    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.job = job_parameters(self, context)

    async def predict(self, data: Row) -> Any:  # type: ignore[override]
        return answer(self, self.job, data)


class FailingInit(PredictFunction):
    """Cannot be created."""

    def __init__(self) -> None:
        raise ProbeError("no GPU here")


def helper() -> None:
    """Not a PredictFunction."""
