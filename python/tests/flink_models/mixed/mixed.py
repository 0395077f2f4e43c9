"""Computes one value of each output type from the inputs; NULLs propagate.

Rows whose id is a multiple of 7 get no output, multiples of 5 get two rows.
"""

from __future__ import annotations

import datetime
import decimal
import math

from mlpredict import PredictContext, PredictFunction, Row


class MixedPredictFunction(PredictFunction):
    """See the module docstring."""

    factor: decimal.Decimal

    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.factor = decimal.Decimal(context.get_job_parameter("factor", "1") or "1")

    def predict(self, data: Row) -> list[Row]:
        key = data["id"]
        if key % 7 == 0:
            return []
        amount = data["amount"]
        seen = data["seen"]
        tags = data["tags"]
        attrs = data["attrs"]
        point = data["point"]
        note = data["note"]
        info = None
        if point is not None:
            x, y = point["x"], point["y"]
            if x is None or y is None:
                info = Row(norm=None, quadrant=None, ratio=None)
            else:
                quadrant = ("N" if y >= 0 else "S") + ("E" if x >= 0 else "W")
                ratio = None if y == 0 else x / y
                info = Row(norm=math.hypot(x, y), quadrant=quadrant, ratio=ratio)
        row = Row(
            echo_id=key,
            total=None if amount is None else amount * self.factor,
            next_seen=None if seen is None else seen + datetime.timedelta(days=1, milliseconds=5),
            day=None if seen is None else seen.date(),
            tag_count=None if tags is None else len(tags),
            upper_tags=None if tags is None else [None if t is None else t.upper() for t in tags],
            attr_sum=None if attrs is None else sum(v for v in attrs.values() if v is not None),
            doubled=None if attrs is None else {k: _twice(v) for k, v in attrs.items()},
            info=info,
            note_length=None if note is None else len(note),
            flag=None if amount is None else amount > 0,
        )
        if key % 5 == 0:
            return [row, Row(key, None, None, None, None, None, None, None, None, None, None)]
        return [row]


def _twice(value: int | None) -> int | None:
    return None if value is None else 2 * value
