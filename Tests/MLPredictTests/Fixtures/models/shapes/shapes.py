"""Returns results of the shape the input's 'mode' column names, to test output handling."""

from collections import namedtuple
from typing import Any

from mlpredict import PredictFunction, Row

Pair = namedtuple("Pair", ["score", "label"])


class ShapesPredictFunction(PredictFunction):
    """OUTPUT (label STRING, score DOUBLE); INPUT (mode STRING)."""

    def predict(self, data: Row) -> Any:
        mode = data["mode"]
        results: dict[str, Any] = {
            "positional": [Row("a", 1.0)],
            "named": [Row(label="b", score=2.0)],
            "named_reordered": [Row(score=3.0, label="c")],
            "namedtuple": [Pair(4.0, "d")],
            "tuple": [("e", 5)],
            "list": [["f", 6.5]],
            "many": [Row("g", 1.0), ("h", 2.0), ["i", 3.0]],
            "none_list": [],
            "generator": (Row(x, float(i)) for i, x in enumerate("jk")),
            "bare_row": Row("l", 7.0),
            "null_values": [Row(None, None)],
            "none": None,
            "string": "oops",
            "wrong_arity": [Row("m")],
            "wrong_type": [Row("n", "high")],
            "bool_score": [Row("o", True)],
            "int_label": [Row(1, 1.0)],
            "row_of_scalar": [3.5],
            "wrong_fields": [Row(label="p", confidence=0.5)],
            "dict": {"label": "q"},
            "nan": [Row("r", float("nan"))],
            "huge_int": [Row("s", 2**2000)],
            "lone_surrogate": [Row("\ud800", 1.0)],
        }
        return results[mode]
