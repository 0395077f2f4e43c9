"""How the Swift host sees a Python object, for ``mlpredict.testing``'s checks.

The host reads objects through CPython's C API (``Sources/MLPredictPython``):
their kind by the C type checks (``PyUnicode_Check``...), lists and tuples by
their storage, dicts with ``PyDict_Next``, and it names objects in errors by
their type's qualified name and a repr shortened to 60 characters. This module
gives the same answers in Python, so the checks built on it word their errors
as the host does.
"""

from __future__ import annotations

import enum
import unicodedata
from typing import Any

_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class defined in Python (its C name has no module)


class Kind(enum.Enum):
    """What the host converts a Python object as (``PythonKind``), in the host's order of checks."""

    NONE = "none"
    STRING = "string"
    FLOAT = "float"
    BOOL = "bool"
    INT = "int"
    TUPLE = "tuple"
    LIST = "list"
    DICT = "dict"
    BYTES = "bytes"
    OTHER = "other"


def kind(obj: object) -> Kind:
    """The object's kind: subclasses count as their base (a ``str`` subclass is a ``STRING``)."""
    if obj is None:
        return Kind.NONE
    if isinstance(obj, str):
        return Kind.STRING
    if isinstance(obj, float):
        return Kind.FLOAT
    if isinstance(obj, bool):
        return Kind.BOOL
    if isinstance(obj, int):
        return Kind.INT
    if isinstance(obj, tuple):
        return Kind.TUPLE
    if isinstance(obj, list):
        return Kind.LIST
    if isinstance(obj, dict):
        return Kind.DICT
    if isinstance(obj, bytes | bytearray | memoryview):
        return Kind.BYTES
    return Kind.OTHER


def items(sequence: list[Any] | tuple[Any, ...]) -> list[Any]:
    """The items of a list or tuple as the host reads them: from its storage, not ``__iter__``."""
    if isinstance(sequence, tuple):
        return [tuple.__getitem__(sequence, index) for index in range(tuple.__len__(sequence))]
    return list.copy(sequence)


def entries(mapping: dict[Any, Any]) -> list[tuple[Any, Any]]:
    """The entries of a dict as ``PyDict_Next`` reads them (a subclass's overrides ignored)."""
    return list(dict.items(mapping))


def qualified_type_name(cls: type) -> str:
    """``module.qualname`` of a type (no module for builtins; ``pandas.DataFrame`` as written)."""
    name = getattr(cls, "__qualname__", None)
    if not isinstance(name, str):
        name = "<unknown type>"
    module = getattr(cls, "__module__", None)
    if not isinstance(module, str) or module == "builtins":
        return name
    if module.startswith("pandas.core.") and name in ("DataFrame", "Series"):
        return f"pandas.{name}"
    return f"{module}.{name}"


def type_name(obj: object) -> str:
    """The qualified name of the object's type (``str``, ``numpy.float32``), for error messages."""
    return qualified_type_name(type(obj))


def c_type_name(cls: type) -> str:
    """The type's C name (``tp_name``): ``numpy.ndarray`` for a C type, ``Series`` for a class."""
    if cls.__flags__ & _HEAP_TYPE:
        return cls.__name__
    module = cls.__module__
    return cls.__name__ if module == "builtins" else f"{module}.{cls.__name__}"


def describe(obj: object, function: Any) -> str:
    """``function(obj)`` (``str`` or ``repr``); never raises, as the host's descriptions."""
    try:
        text = function(obj)
        if isinstance(text, str):
            text.encode("utf-8")  # the host cannot hold lone surrogates
            return text
    except Exception:
        pass
    return f"<unprintable {type_name(obj)} object>"


def short_repr(obj: object, limit: int = 60) -> str:
    """``repr(obj)`` shortened to at most ``limit`` characters (user-perceived, as Swift counts)."""
    text = describe(obj, repr)
    clusters = grapheme_clusters(text)
    if len(clusters) <= limit:
        return text
    return "".join(clusters[: limit - 3]) + "..."


def value_description(obj: object) -> str:
    """The object as error messages show it: type and short repr; numpy and pandas by shape."""
    name = type_name(obj)

    def text(attribute: str) -> str | None:
        try:
            value = getattr(obj, attribute)
        except Exception:
            return None
        return describe(value, str)

    if name in ("numpy.ndarray", "pandas.Series"):
        shape = text("shape")
        if shape is not None:
            dtype = text("dtype")
            return f"{name} of shape {shape}" + ("" if dtype is None else f" and dtype {dtype}")
    elif name == "pandas.DataFrame":
        shape = text("shape")
        if shape is not None:
            return f"{name} of shape {shape}"
    elif name == "mlpredict._frames.FrameData":
        return describe(obj, str)[1:-1]
    return f"{name} {short_repr(obj)}"


def array_shape(obj: object) -> list[int] | None:
    """The shape of a numpy array or pandas Series; ``None`` for anything else (scalars too)."""
    name = c_type_name(type(obj))
    if not (name == "numpy.ndarray" or (name == "Series" and type_name(obj) == "pandas.Series")):
        return None
    try:
        shape = getattr(obj, "shape")  # noqa: B009  # an ndarray or Series attribute, read as the host does
    except Exception:
        return None
    if kind(shape) is not Kind.TUPLE:
        return None
    dimensions: list[int] = []
    for size in items(shape):
        if kind(size) is not Kind.INT or not -(2**63) <= size < 2**63:
            return None
        dimensions.append(int.__index__(size))
    return dimensions


def is_numpy_object(obj: object) -> bool:
    """Whether the object's type is numpy's (its C name starts with ``numpy.``)."""
    return c_type_name(type(obj)).startswith("numpy.")


def exception_summary(error: BaseException) -> str:
    """``Type: message`` of an exception, with its notes (the host's ``PythonError.summary``)."""
    text = f"{type_name(error)}: {exception_message(error)}"
    notes = getattr(error, "__notes__", None)
    if isinstance(notes, list) and notes:
        text += f" ({'; '.join(describe(note, str) for note in notes)})"
    return text


def exception_message(error: BaseException) -> str:
    """``str(error)``, never raising."""
    return describe(error, str)


def grapheme_clusters(text: str) -> list[str]:
    """``text`` split into user-perceived characters, as Swift's ``String`` counts them.

    Swift counts extended grapheme clusters (Unicode annex #29), which Python's
    standard library does not offer; this covers what reprs hold in practice:
    combining marks, variation selectors, emoji modifiers, zero-width joiner
    sequences, regional-indicator flags and CR LF. Swift's rules are hand-ported
    here (no maintained pure-Python package is installed), for one purpose only:
    cutting a repr at the same character as the host does.
    """
    clusters: list[str] = []
    for character in text:
        if clusters and _extends(clusters[-1], character):
            clusters[-1] += character
        else:
            clusters.append(character)
    return clusters


def _extends(cluster: str, character: str) -> bool:
    code = ord(character)
    last = ord(cluster[-1])
    if cluster[-1] == "\r" and character == "\n":
        return True
    if cluster[-1] in "\r\n" or character in "\r\n":
        return False
    if last == 0x200D:  # zero-width joiner: joins the next pictograph
        return True
    if (
        unicodedata.category(character) in ("Mn", "Me", "Mc")
        or code == 0x200D
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    ):
        return True
    if 0x1F1E6 <= code <= 0x1F1FF and 0x1F1E6 <= last <= 0x1F1FF:
        indicators = len(cluster) - len(cluster.rstrip("".join(map(chr, range(0x1F1E6, 0x1F200)))))
        return indicators % 2 == 1
    return False
