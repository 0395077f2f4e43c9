"""Making a model's results picklable without changing what the host's checks see.

See "Results made picklable" in ``docs/row-framing.md``. The host checks a
worker's result exactly as an in-process result, so values of built-in and
standard-library types cross as they are (a subclass as its base type, which
the host accepts alike), iterables the host would iterate are materialized,
numpy and pandas objects become plain values through ``tolist()``, and any
other object crosses as a :mod:`~mlpredict.worker.stand_in` that the host
names and prints as the original.

Results made of plain values (a list of tuples of ``str`` and ``float``) are
returned unchanged, without copies.
"""

from __future__ import annotations

import array
import collections
import datetime
import decimal
from collections.abc import Callable, Mapping
from typing import Any

from .._frames import frame_data, is_data_frame, series_column, type_name
from .._row import _ROW_TYPES, Row
from .stand_in import _rebuild, _rebuild_tuple

_SCALARS: frozenset[type[Any]] = frozenset(
    {
        type(None),
        bool,
        int,
        float,
        str,
        bytes,
        decimal.Decimal,
        datetime.date,
        datetime.timedelta,
    }
)
"""Types whose instances cross unchanged (datetimes are checked for their ``tzinfo``)."""
_REPR_LIMIT = 10_000


def rows_result(result: object) -> object:
    """``predict``'s result: an iterable of rows, or a bare ``Row``."""
    if type(result) is list:
        return _rows(result)
    if isinstance(result, tuple | str | int | float | bytes) or result is None:
        return value(result)  # the host takes these as they are (a Row as one row)
    if _is_numpy_or_pandas(type(result)):
        return frame_data(result) if _is_data_frame(result) else value(result)
    items = _materialize(result)
    return _list(items) if isinstance(items, list) else items


def batch_result(result: object) -> object:
    """``predict_batch``'s result: an iterable with the rows of each input row."""
    if _is_data_frame(result):
        return frame_data(result)  # the host's check refuses it as it refuses the DataFrame
    if _is_numpy_or_pandas(type(result)):
        result = value(result)
    elif type(result) is not list and not isinstance(result, tuple) and result is not None:
        result = _materialize(result)
    if type(result) is list:
        entries: list[Any] = result
        changed: list[Any] | None = None
        for index, entry in enumerate(entries):
            new = rows_result(entry)
            if new is not entry:
                if changed is None:
                    changed = entries.copy()
                changed[index] = new
        return entries if changed is None else changed
    if isinstance(result, list | tuple):
        return [rows_result(entry) for entry in result]
    return value(result)


def columns_result(result: object) -> object:
    """``predict_columns``' result: a mapping of name to column, or a list of columns."""
    if _is_data_frame(result):
        return frame_data(result)  # the host reads it as it reads the DataFrame
    if isinstance(result, Mapping):
        return {value(name): _column(column) for name, column in result.items()}
    if isinstance(result, list | tuple):
        return [_column(column) for column in result]
    return stand_in(result)  # the host's check names the type only


def value(obj: object) -> object:
    """One value as the host would read it, picklable (see the module docstring)."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    if cls is tuple:
        return _tuple(obj)  # type: ignore[arg-type]
    if cls is list:
        return _list(obj)  # type: ignore[arg-type]
    convert = _CONVERTERS.get(cls)
    if convert is not None:
        return convert(obj)
    return _other(obj)


def stand_in(obj: object) -> object:
    """A stand-in for ``obj``: its type's names, its ``repr``."""
    cls = type(obj)
    try:
        text = repr(obj)
    except Exception:
        text = f"<unprintable {_type_name(cls)} object>"
    if len(text) > _REPR_LIMIT:
        text = text[: _REPR_LIMIT - 3] + "..."
    return _rebuild(str(getattr(cls, "__module__", "builtins")), cls.__qualname__, text)


def _tuple(values: tuple[Any, ...]) -> tuple[Any, ...]:
    for item in values:
        if type(item) not in _SCALARS:
            return tuple(value(item) for item in values)
    return values


def _list(items: list[Any]) -> list[Any]:
    changed: list[Any] | None = None
    for index, item in enumerate(items):
        if type(item) in _SCALARS:
            continue
        new = value(item)
        if new is not item:
            if changed is None:
                changed = items.copy()
            changed[index] = new
    return items if changed is None else changed


def _rows(rows: list[Any]) -> list[Any]:
    """The rows of a result list, as :func:`_list` makes them, except that an unnamed ``Row``
    crosses as a plain tuple: the host reads a row of either type alike, and a tuple pickles and
    unpickles in C (a ``Row`` through its Python ``__reduce__``). Plain rows are not copied."""
    changed: list[Any] | None = None
    for index, row in enumerate(rows):
        cls = type(row)
        if cls is not tuple and cls is not Row:
            return _list(rows)
        for item in row:
            if type(item) not in _SCALARS:
                return _list(rows)
        if cls is Row:
            if changed is None:
                changed = rows.copy()
            changed[index] = tuple.__new__(tuple, row)
    return rows if changed is None else changed


def _row(row: Row) -> Row:
    cls = type(row)
    fields = cls._fields
    standard = Row if fields is None else _ROW_TYPES.get(fields)
    values = _tuple(row)
    if values is row and cls is standard:
        return row
    return tuple.__new__(standard or Row.type_for(fields or ()), values)


def _datetime(obj: datetime.datetime) -> datetime.datetime:
    tzinfo = obj.tzinfo
    if type(obj) is datetime.datetime and (tzinfo is None or type(tzinfo) is datetime.timezone):
        return obj
    return datetime.datetime(
        obj.year,
        obj.month,
        obj.day,
        obj.hour,
        obj.minute,
        obj.second,
        obj.microsecond,
        _timezone(obj.utcoffset()) if tzinfo is not None else None,
        fold=obj.fold,
    )


def _time(obj: datetime.time) -> datetime.time:
    tzinfo = obj.tzinfo
    if type(obj) is datetime.time and (tzinfo is None or type(tzinfo) is datetime.timezone):
        return obj
    offset = _timezone(obj.utcoffset()) if tzinfo is not None else None
    return datetime.time(obj.hour, obj.minute, obj.second, obj.microsecond, offset, fold=obj.fold)


def _timezone(offset: datetime.timedelta | None) -> datetime.timezone | None:
    return None if offset is None else datetime.timezone(offset)


def _timedelta(span: datetime.timedelta) -> datetime.timedelta:
    return datetime.timedelta(span.days, span.seconds, span.microseconds)


def _dict(items: dict[Any, Any]) -> dict[Any, Any]:
    return {value(key): value(item) for key, item in items.items()}


_CONVERTERS: dict[type[Any], Callable[[Any], object]] = {
    Row: _row,
    datetime.datetime: _datetime,
    datetime.time: _time,
    dict: _dict,
    set: lambda items: {value(item) for item in items},
    frozenset: lambda items: frozenset(value(item) for item in items),
    collections.Counter: lambda items: collections.Counter(_dict(items)),
    bytearray: bytes,
    memoryview: lambda view: view.tobytes(),
}
"""Exact types with their conversion; subclasses are found by :func:`_other`."""


def _other(obj: object) -> object:
    if isinstance(obj, Row):
        row_type = type(obj)
        if _ROW_TYPES.get(row_type._fields or ()) is row_type:
            _CONVERTERS[row_type] = _row  # a named row type: found at once next time
        return _row(obj)
    cls = type(obj)
    if _is_numpy_or_pandas(cls):
        return _numpy_or_pandas(obj)
    if isinstance(obj, tuple):
        fields = getattr(cls, "_fields", None)
        values = tuple(value(item) for item in obj)
        if isinstance(fields, tuple) and all(isinstance(name, str) for name in fields):
            return _rebuild_tuple(str(cls.__module__), cls.__qualname__, fields, values)
        return values
    for base, convert in _SUBCLASS_CONVERTERS:
        if isinstance(obj, base):
            return convert(obj)
    return stand_in(obj)


_SUBCLASS_CONVERTERS: tuple[tuple[type[Any], Callable[[Any], object]], ...] = (
    (int, int.__int__),  # an IntEnum as the int the host reads
    (float, float.__float__),
    (str, str.__str__),
    (bytes, lambda data: bytes(memoryview(data))),
    (decimal.Decimal, decimal.Decimal),
    (datetime.datetime, _datetime),
    (datetime.date, lambda day: datetime.date(day.year, day.month, day.day)),
    (datetime.time, _time),
    (datetime.timedelta, _timedelta),
    (list, lambda items: [value(item) for item in items]),
    (collections.Counter, lambda items: collections.Counter(_dict(items))),
    (dict, _dict),
    (bytearray, bytes),
    (memoryview, lambda view: view.tobytes()),
)
"""Subclasses of the types the host reads, as their base type's values."""


def _column(column: object) -> object:
    """One column of ``predict_columns``' result."""
    cls = type(column)
    if cls is list:
        return _list(column)  # type: ignore[arg-type]
    if isinstance(column, memoryview | array.array):
        return value(column.tolist())
    if _is_numpy_or_pandas(cls):
        return _numpy_or_pandas(column)
    if isinstance(column, tuple | str | int | float | bytes | bytearray | dict) or column is None:
        return value(column)  # the host takes tuples as columns and rejects the others
    return value(_materialize(column))


def _materialize(obj: object) -> object:
    """``list(obj)`` as the host would iterate it; a stand-in if it is not iterable."""
    try:
        iterator = iter(obj)  # type: ignore[call-overload]
    except TypeError:
        return stand_in(obj)
    return list(iterator)


def _is_numpy_or_pandas(cls: type[Any]) -> bool:
    module = getattr(cls, "__module__", None)
    return isinstance(module, str) and module.startswith(("numpy", "pandas"))


def _is_data_frame(obj: object) -> bool:
    return _is_numpy_or_pandas(type(obj)) and is_data_frame(obj)


def _numpy_or_pandas(obj: Any) -> object:
    if _is_data_frame(obj):
        return stand_in(obj)  # a DataFrame inside a value: the host's check names it
    if type_name(obj) == "pandas.Series":
        column = series_column(obj)  # pandas' missing values as None, as the host reads them
        return value(column if isinstance(column, list) else column.tolist())
    tolist = getattr(obj, "tolist", None)
    if tolist is not None:
        return value(tolist())
    to_pydatetime = getattr(obj, "to_pydatetime", None)
    if to_pydatetime is not None:
        return value(to_pydatetime())
    return stand_in(obj)


def _type_name(cls: type[Any]) -> str:
    module = getattr(cls, "__module__", "builtins")
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"
