"""Columnar fixtures.

ColumnsPredictFunction: INPUT (x DOUBLE, n BIGINT, flag BOOLEAN, label STRING), OUTPUT (y DOUBLE,
n BIGINT, flag BOOLEAN, label STRING); the 'mode' property chooses what predict_columns returns.
"""

import array
import os
import resource
from typing import Any

import numpy as np

from mlpredict import Columns, PredictFunction, Row


class ColumnsPredictFunction(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        return [Row(data.x * 2, data.n + 1, not data.flag, (data.label or "").upper())]

    def predict_columns(self, columns: Columns) -> Any:
        mode = self.properties.get("mode", "numpy")
        if mode == "default":
            return super().predict_columns(columns)
        if mode == "describe":
            kinds = ";".join(_describe(columns[name]) for name in columns)
            count = columns.num_rows
            zeros = [np.zeros(count, dtype=dtype) for dtype in (np.float64, np.int64, bool)]
            return [*zeros, [kinds] * count]
        x, n, flag = (np.asarray(columns[name]) for name in ("x", "n", "flag"))
        label = [(text or "").upper() for text in columns["label"]]
        results: dict[str, Any] = {"y": x * 2, "n": n + 1, "flag": ~flag, "label": label}
        if mode == "lists":
            results["y"] = [float(value) for value in results["y"]]
            results["n"] = [int(value) for value in results["n"]]
            results["flag"] = [bool(value) for value in results["flag"]]
        elif mode == "memoryviews":
            results["y"] = memoryview(array.array("d", results["y"].tolist()))
            results["n"] = memoryview(array.array("q", results["n"].tolist()))
            results["label"] = np.array(label)
        elif mode == "narrow_types":
            results["y"] = results["y"].astype(np.float32)
            results["n"] = results["n"].astype(np.uint8)
            results["y"] = results["y"][::1]
        elif mode == "strided":
            results["y"] = np.repeat(results["y"], 2)[::2]
        elif mode == "positional":
            return (results["y"], results["n"], results["flag"], results["label"])
        elif mode == "null_in_lists":
            results["y"] = [None] + [float(value) for value in results["y"][1:]]
        else:
            results.update(_malformed(mode, results))
        return Columns(results) if mode == "columns" else results


def _malformed(mode: str, results: dict[str, Any]) -> dict[str, Any]:
    y, n = results["y"], results["n"]
    return {
        "numpy": {},
        "columns": {},
        "short": {"y": y[:-1]},
        "strings_for_double": {"y": np.array(["a"] * len(y))},
        "huge_unsigned": {"n": np.full(len(n), 2**64 - 1, dtype=np.uint64)},
        "floats_for_bigint": {"n": n.astype(np.float64)},
        "scalar": {"y": 3.0},
        "matrix": {"y": np.zeros((len(y), 2))},
        "int_label": {"label": list(range(len(y)))},
        "none_column": {"label": None},
    }[mode]


def _describe(column: Any) -> str:
    if isinstance(column, memoryview):
        return f"memoryview:{column.format}:{column.readonly}:{type(column.obj).__name__}"
    return type(column).__name__


class MissingColumnPredictFunction(ColumnsPredictFunction):
    def predict_columns(self, columns: Columns) -> Any:
        return {"y": np.asarray(columns["x"])}


class ZeroCopyProbePredictFunction(PredictFunction):
    """INPUT (x DOUBLE), OUTPUT (ok BOOLEAN): sums x, asserting nothing was copied."""

    def predict(self, data: Row) -> list[Row]:
        raise AssertionError("only predict_columns is used")

    def predict_columns(self, columns: Columns) -> Any:
        before = _current_rss()
        column = columns["x"]
        values = np.frombuffer(column, dtype=np.float64)
        wrapped = np.asarray(column)
        total = float(values.sum()) + float(wrapped.sum())
        grown = _peak_rss() - before
        assert type(column.obj).__name__ == "HostBuffer", f"the column's exporter is {column.obj!r}"
        assert values.base.obj is column.obj, f"frombuffer's base is over {values.base.obj!r}"
        assert not values.flags.writeable and column.readonly
        assert np.shares_memory(values, wrapped)
        assert total == 2 * 1.5 * columns.num_rows, f"sum {total}"
        assert grown < 20 * 2**20, f"peak RSS grew by {grown / 2**20:.1f} MiB over the current RSS"
        return {"ok": np.ones(columns.num_rows, dtype=bool)}


def _current_rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class KeeperPredictFunction(PredictFunction):
    """INPUT (x DOUBLE), OUTPUT (x DOUBLE): returns the previous batch's column."""

    def open(self, context: Any) -> None:
        super().open(context)
        self.kept = np.zeros(2)

    def predict(self, data: Row) -> list[Row]:
        raise AssertionError("only predict_columns is used")

    def predict_columns(self, columns: Columns) -> Any:
        previous, self.kept = self.kept, np.asarray(columns["x"])
        return {"x": previous}
