""":class:`Columns`: a batch of rows as one object per column, for ``predict_columns``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ._frames import frame_columns, is_data_frame, series_column, type_name
from ._row import Row


class Columns(Mapping[str, Any]):
    """A batch of rows held column by column: column name → column.

    Every column has ``num_rows`` values. Columns the host hands to
    ``predict_columns`` are, for BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT
    and DOUBLE columns without NULLs, read-only ``memoryview``s of the host's
    memory (formats ``?``, ``b``, ``h``, ``i``, ``q``, ``f``, ``d``):
    ``numpy.asarray(column)`` or ``numpy.frombuffer(column, dtype)`` wraps them
    without copying. Other columns are lists of the values ``predict`` would
    receive (``None`` for NULL).

    A model may return a ``Columns`` (or any mapping of OUTPUT column name to
    column) from ``predict_columns``; a column may then be a list, a numpy
    array, a ``memoryview`` or an ``array.array``.
    """

    __slots__ = ("_columns", "num_rows")

    _columns: dict[str, Any]
    num_rows: int
    """The number of rows: the length of every column."""

    def __init__(self, columns: Mapping[str, Any]) -> None:
        """Hold ``columns`` (name → column); ``ValueError`` unless all have one length."""
        self._columns = dict(columns)
        lengths = {name: len(column) for name, column in self._columns.items()}
        if len(set(lengths.values())) > 1:
            listed = ", ".join(f"{name!r}: {length}" for name, length in lengths.items())
            raise ValueError(f"Columns must all have the same length, got {listed}")
        self.num_rows = next(iter(lengths.values()), 0)

    def __getitem__(self, name: str) -> Any:
        """Return column ``name`` (``KeyError`` naming the columns if unknown)."""
        try:
            return self._columns[name]
        except KeyError:
            known = ", ".join(self._columns)
            raise KeyError(f"no column {name!r}; the columns are {known}") from None

    def __iter__(self) -> Iterator[str]:
        """Iterate over the column names, in order."""
        return iter(self._columns)

    def __len__(self) -> int:
        """Return the number of columns (``num_rows`` is the number of rows)."""
        return len(self._columns)

    def rows(self) -> list[Row]:
        """Return the batch as ``Row``s with the column names as field names."""
        row_type = Row.type_for(tuple(self._columns))
        return [row_type(*values) for values in zip(*self._columns.values(), strict=True)]

    def __repr__(self) -> str:
        """Return ``Columns(names=[...], num_rows=n)``."""
        return f"Columns(names={list(self._columns)!r}, num_rows={self.num_rows})"


def output_columns(result: object, names: Sequence[str]) -> list[Any]:
    """Return what ``predict_columns`` returned as a list of columns in OUTPUT order.

    ``result`` is a mapping of every OUTPUT column name (and no other) to its
    column, a pandas DataFrame with the OUTPUT columns (see :mod:`._frames`), or
    a list or tuple of one column per OUTPUT column, in order. A pandas Series
    column is taken as its numpy array. The host checks each column's length
    and values.
    """
    expected = ", ".join(names)
    if is_data_frame(result):
        try:
            return frame_columns(result, names)
        except ValueError as error:
            raise ValueError(f"predict_columns returned {error}") from None
    if isinstance(result, Mapping):
        given = list(result)
        if set(given) != set(names) or len(given) != len(names):
            raise ValueError(
                f"predict_columns returned columns ({', '.join(map(str, given))}) "
                f"but the OUTPUT columns are ({expected})"
            )
        return [_series_values(result[name]) for name in names]
    if isinstance(result, list | tuple):
        if len(result) != len(names):
            raise ValueError(
                f"predict_columns returned {len(result)} columns "
                f"but there are {len(names)} OUTPUT columns ({expected})"
            )
        return [_series_values(column) for column in result]
    raise TypeError(
        f"predict_columns returned {type_name(result)}; it must return a mapping of "
        f"OUTPUT column name to column, a pandas DataFrame with the OUTPUT columns, "
        f"or a list of columns in OUTPUT order ({expected})"
    )


def _series_values(column: Any) -> Any:
    """A pandas Series as :func:`~._frames.series_column` takes it (no copy for numpy dtypes)."""
    if type_name(column) == "pandas.Series":
        return series_column(column)
    return column


def row_values(row: Any, names: Sequence[str]) -> list[Any]:
    """Return the values of one output row in the order of ``names``.

    Rows with field names (a named ``Row``, a namedtuple) are read by name;
    other rows (an unnamed ``Row``, a tuple, a list) by position.
    """
    fields = getattr(row, "_fields", None)
    if isinstance(fields, tuple) and tuple(fields) != tuple(names):
        return [_field(row, fields, name) for name in names]
    values = list(row)
    if len(values) != len(names):
        raise ValueError(
            f"an output row has {len(values)} values but OUTPUT has {len(names)} columns"
        )
    return values


def _field(row: Any, fields: tuple[str, ...], name: str) -> Any:
    if name not in fields:
        raise ValueError(f"an output row has fields ({', '.join(fields)}) but no field {name!r}")
    return row[fields.index(name)]
