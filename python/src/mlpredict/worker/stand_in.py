"""Stand-ins for a worker's result values that cannot cross to the host as they are.

A value whose type the host cannot unpickle (a model's own class, an object of
a library the host does not have) crosses as a stand-in: an instance of a class
with the original type's ``__module__``, ``__qualname__`` and ``__name__``,
whose ``repr`` is the original's. The host's checks name it exactly as they
would name the original. A tuple with ``_fields`` (a namedtuple) crosses as a
tuple of a class with the same names and ``_fields``, so the host matches its
fields by name as it would in-process.

This module is pure standard library: the host imports it to unpickle
(:func:`_rebuild`, :func:`_rebuild_tuple`), without numpy or the model.
"""

from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_classes: dict[tuple[str, str], type[StandIn]] = {}
_tuple_classes: dict[tuple[str, str, tuple[str, ...]], type[FieldTuple]] = {}


class StandIn:
    """An object standing in for one of another type; ``repr`` gives the original's."""

    __slots__ = ("_repr",)

    _repr: str

    def __repr__(self) -> str:
        return self._repr

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        return (_rebuild, (cls.__module__, cls.__qualname__, self._repr))


class FieldTuple(tuple[Any, ...]):
    """A tuple standing in for a namedtuple-like tuple: same type names and ``_fields``."""

    __slots__ = ()

    _fields: tuple[str, ...] = ()

    def __repr__(self) -> str:
        pairs = ", ".join(
            f"{name}={value!r}" for name, value in zip(self._fields, self, strict=False)
        )
        return f"{type(self).__name__}({pairs})"

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        return (_rebuild_tuple, (cls.__module__, cls.__qualname__, self._fields, tuple(self)))


def stand_in_class(module: str, qualname: str) -> type[StandIn]:
    """The cached :class:`StandIn` subclass named ``module.qualname``."""
    key = (module, qualname)
    cls = _classes.get(key)
    if cls is None:
        with _lock:
            cls = _classes.get(key)
            if cls is None:
                cls = _classes[key] = type(
                    qualname.rpartition(".")[2] or qualname,
                    (StandIn,),
                    {"__slots__": (), "__module__": module, "__qualname__": qualname},
                )
    return cls


def field_tuple_class(module: str, qualname: str, fields: tuple[str, ...]) -> type[FieldTuple]:
    """The cached :class:`FieldTuple` subclass named ``module.qualname`` with ``fields``."""
    key = (module, qualname, fields)
    cls = _tuple_classes.get(key)
    if cls is None:
        with _lock:
            cls = _tuple_classes.get(key)
            if cls is None:
                namespace = {
                    "__slots__": (),
                    "__module__": module,
                    "__qualname__": qualname,
                    "_fields": fields,
                }
                name = qualname.rpartition(".")[2] or qualname
                cls = _tuple_classes[key] = type(name, (FieldTuple,), namespace)
    return cls


def _rebuild(module: str, qualname: str, repr_text: str) -> StandIn:
    """Create a stand-in of type ``module.qualname`` whose ``repr`` is ``repr_text``."""
    stand_in = object.__new__(stand_in_class(module, qualname))
    stand_in._repr = repr_text
    return stand_in


def _rebuild_tuple(
    module: str, qualname: str, fields: tuple[str, ...], values: tuple[Any, ...]
) -> FieldTuple:
    """Create a tuple of ``values`` of type ``module.qualname`` with ``_fields``."""
    return tuple.__new__(field_tuple_class(module, qualname, fields), values)
