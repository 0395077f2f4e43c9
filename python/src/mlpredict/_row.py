"""The :class:`Row` type that carries the input and output values of a model.

``Row`` has two implementations with one contract: ``mlpredict._native._row``
(``_native/row.c``), used whenever it can be imported (the Swift host registers
it; ``python/build_native.py`` compiles it for a plain Python), and the
pure-Python :class:`PythonRow` below, the fallback. :data:`IMPLEMENTATION` says
which one ``Row`` is. Setting ``MLPREDICT_ROW=python`` in the environment forces
the pure-Python one (to compare them).
"""

from __future__ import annotations

import importlib
import keyword
import os
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, SupportsIndex, overload

_PYTHON_ROW_TYPES: dict[tuple[str, ...], type[_PythonRow]] = {}


class _PythonRow(tuple[Any, ...]):
    """An immutable row of values, optionally with field names.

    ``Row`` is a ``tuple`` subclass, like ``pyflink.common.Row``::

        Row("positive", 0.93)                    # unnamed: Row('positive', 0.93)
        row = Row(label="positive", score=0.93)  # named
        row[0], row["label"], row.label          # all 'positive'
        row.as_dict()                            # {'label': 'positive', 'score': 0.93}

    Field names belong to the row's class, not to the instance: named rows are
    instances of the cached subclass ``Row.type_for(names)``, which can also be
    called positionally (``Row.type_for(["label", "score"])("positive", 0.93)``).

    Equality and hashing are the tuple's, so field names are ignored:
    ``Row("a", 1) == ("a", 1) == Row(x="a", y=1)``.

    Attribute access works for fields whose names do not collide with tuple or
    Row attributes (``count``, ``index``, ``as_dict``...); ``row["name"]``
    always works.
    """

    # Instances are plain tuple storage: the host allocates them with tp_alloc and
    # fills the items directly, so no subclass may add an instance __dict__.
    __slots__ = ()

    _fields: ClassVar[tuple[str, ...] | None] = None
    _index: ClassVar[dict[str, int]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Require ``__slots__ = ()`` so that instances stay plain tuple storage."""
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:
            raise TypeError(f"Row subclass {cls.__qualname__} must declare __slots__ = ()")

    def __new__(cls, *values: Any, **fields: Any) -> _PythonRow:
        """Create a row from positional values or from keyword fields (not both)."""
        if not fields:
            if cls._fields is not None and len(values) != len(cls._fields):
                raise TypeError(
                    f"Row with fields {_field_list(cls._fields)} takes {len(cls._fields)} "
                    f"values, got {len(values)}"
                )
            return tuple.__new__(cls, values)
        if values:
            raise TypeError("Row() takes either positional values or keyword fields, not both")
        if cls._fields is None:
            return tuple.__new__(_PythonRow.type_for(tuple(fields)), fields.values())
        if fields.keys() != set(cls._fields):
            raise TypeError(
                f"Row with fields {_field_list(cls._fields)} got keyword fields "
                f"{_field_list(fields)}"
            )
        return tuple.__new__(cls, [fields[name] for name in cls._fields])

    @staticmethod
    def type_for(names: Sequence[str]) -> type[_PythonRow]:
        """Return the ``Row`` subclass whose instances have these field names.

        The subclass is created once per distinct names tuple and cached.
        Raises ``ValueError`` unless the names are unique non-empty strings.
        """
        if isinstance(names, str):
            raise TypeError("Row.type_for() takes a sequence of field names, not a string")
        key = tuple(names)
        try:
            return _PYTHON_ROW_TYPES[key]
        except (KeyError, TypeError):  # TypeError: an unhashable name, rejected below.
            pass
        _check_field_names(key)

        class NamedRow(_PythonRow):
            __slots__ = ()
            _fields = key
            _index = {name: position for position, name in enumerate(key)}

        NamedRow.__name__ = NamedRow.__qualname__ = "Row"
        NamedRow.__module__ = "mlpredict"
        # setdefault keeps one class per names tuple if two threads race here.
        return _PYTHON_ROW_TYPES.setdefault(key, NamedRow)

    @overload
    def __getitem__(self, key: SupportsIndex | str) -> Any: ...

    @overload
    def __getitem__(self, key: slice) -> tuple[Any, ...]: ...

    def __getitem__(self, key: SupportsIndex | slice | str) -> Any:
        """Return the value at an index or of a field name, or a slice as a tuple."""
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key])
            except KeyError:
                raise KeyError(_unknown_field(type(self), key)) from None
        return tuple.__getitem__(self, key)

    def __getattr__(self, name: str) -> Any:
        """Return the value of field ``name``."""
        try:
            position = self._index[name]
        except KeyError:
            raise AttributeError(_unknown_field(type(self), name), name=name, obj=self) from None
        return tuple.__getitem__(self, position)

    def as_dict(self) -> dict[str, Any]:
        """Return the fields as a ``{name: value}`` dict (``ValueError`` if unnamed)."""
        if self._fields is None:
            raise ValueError(
                "Row has no field names: create it with keyword arguments or Row.type_for(names)"
            )
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self) -> str:
        """Return ``Row('a', 1)`` or ``Row(label='a', score=1)``."""
        if self._fields is None:
            return f"Row({', '.join(map(repr, self))})"
        if all(name.isidentifier() and not keyword.iskeyword(name) for name in self._fields):
            pairs = zip(self._fields, self, strict=True)
            return f"Row({', '.join(f'{name}={value!r}' for name, value in pairs)})"
        return f"Row(**{self.as_dict()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and copy support that keeps the field names."""
        if self._fields is None:
            return (type(self), tuple(self))
        return (_named_row, (self._fields, tuple(self)))


_PythonRow.__name__ = _PythonRow.__qualname__ = "Row"  # pickled as mlpredict._row.Row

Row = _PythonRow
"""The row type: the C implementation if available, otherwise :class:`PythonRow`."""

PythonRow = _PythonRow
"""The pure-Python implementation, always available."""

NativeRow: type[Row] | None = None
"""The C implementation, or None if ``mlpredict._native._row`` cannot be imported."""

_ROW_TYPES: dict[tuple[str, ...], type[Row]] = _PYTHON_ROW_TYPES
"""``Row.type_for``'s cache: names -> named type (read by the worker's normalization)."""

IMPLEMENTATION: Literal["c", "python"] = "python"
"""Which implementation ``Row`` is."""


def _load_native() -> ModuleType | None:
    if os.environ.get("MLPREDICT_ROW") == "python":
        return None
    try:
        return importlib.import_module("mlpredict._native._row")
    except ImportError:  # not compiled for this Python: the pure-Python Row
        return None


_native = _load_native()
if _native is not None:
    NativeRow = _native.Row
    if not TYPE_CHECKING:  # for the type checker, Row stays the Python class: same contract
        Row = _native.Row
        _ROW_TYPES = _native._ROW_TYPES
    IMPLEMENTATION = "c"


def _named_row(names: tuple[str, ...], values: tuple[Any, ...]) -> Row:
    """Recreate a named row when unpickling (a row of the ``Row`` in use)."""
    return tuple.__new__(Row.type_for(names), values)


def _check_field_names(names: tuple[object, ...]) -> None:
    for name in names:
        if not isinstance(name, str) or not name:
            raise ValueError(f"Row field names must be non-empty strings, got {name!r}")
    duplicates = sorted({name for name in names if names.count(name) > 1}, key=str)
    if duplicates:
        raise ValueError(
            f"Row field names must be unique, got duplicates {_field_list(duplicates)}"
        )


def _field_list(names: Iterable[object]) -> str:
    return ", ".join(repr(name) for name in names)


def _unknown_field(row_type: type[_PythonRow], name: str) -> str:
    if row_type._fields is None:
        return f"Row has no field {name!r}: the row has no field names"
    return f"Row has no field {name!r}; its fields are {_field_list(row_type._fields)}"
