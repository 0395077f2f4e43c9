"""What the host's interpreter does for worker processes (docs/row-framing.md).

The host converts rows with its own converters, as in-process, and pickles them
for a worker; these helpers shape what pickle cannot take as it is.
"""

from __future__ import annotations

from typing import Any

from ._columns import Columns


def plain_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The ``B`` request's payload: input rows as plain tuples, which pickle in C."""
    return list(map(tuple, rows))


def columns_payload(columns: Columns) -> list[Any]:
    """The ``C`` request's payload: each column a list, or ``(format, bytes)`` for a buffer."""
    payload: list[Any] = []
    for name in columns:
        column = columns[name]
        if isinstance(column, memoryview):
            payload.append((column.format, column.tobytes()))
        else:
            payload.append(list(column))
    return payload
