"""Results of every shape and column type, for the PredictedRows tests.

INPUT (text STRING, n INT); OUTPUT (text STRING, n BIGINT, score DOUBLE, flag BOOLEAN, ratio FLOAT,
small TINYINT, data BYTES, amount DECIMAL(10, 2), tags ARRAY<STRING>). The text says what to return:
'tuple', 'row' or 'list' (one row of that kind), 'nulls' (every cell None), 'many' (n rows,
text repeated i times), 'none' (no row), 'subclass' (str, int and float subclasses, an int in the
DOUBLE column), 'bad' (a str in the DOUBLE column), 'overflow' (200 in the TINYINT column),
'raise', 'pair' (only text and n, for an OUTPUT (text STRING, n BIGINT, ...) with an error column).
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any

from mlpredict import PredictFunction, Row


class Label(str):
    """A str subclass, converted as its str value."""


class Level(IntEnum):
    """An int subclass, converted as its int value."""

    HIGH = 7


class Score(float):
    """A float subclass, converted as its float value."""


class PredictedRowsFunction(PredictFunction):
    def predict(self, data: Row) -> Any:
        text, n = data["text"], data["n"]
        cells = (text, n, n * 1.5, n % 2 == 0, n / 4, -n, text.encode(), Decimal(n) / 4, [text] * 2)
        if text == "tuple":
            return [cells]
        if text == "row":
            return [Row(*cells)]
        if text == "list":
            return [list(cells)]
        if text == "nulls":
            return [(None,) * 9]
        if text == "many":
            return [(text * i, i, i * 0.5, True, 0.5, i, b"", Decimal(i), []) for i in range(n)]
        if text == "none":
            return []
        if text == "subclass":
            high = Level.HIGH
            return [(Label("label"), high, n, False, Score(0.25), high, b"\x00\xff", None, None)]
        if text == "bad":
            return [(text, n, "x", True, 0.0, 0, b"", None, None)]
        if text == "overflow":
            return [(text, n, 0.0, True, 0.0, 200, b"", None, None)]
        if text == "pair":
            return [(text, n)]
        if text == "raise":
            raise ValueError(f"cannot predict {text!r}")
        return [(text, n, float(len(text)), True, 0.0, 0, b"", None, None)]
