"""The payload of an ``E`` frame: an exception described for the host."""

from __future__ import annotations

import traceback
from typing import Any

from .._exceptions import MLPredictError, NonRetryableError

# Bound when the worker starts, before any model is imported: a model that replaces
# builtins.isinstance or builtins.getattr must not break the reporting of its own errors.
_isinstance = isinstance
_getattr = getattr
_str = str


def error_payload(error: BaseException, *, loading: bool = False) -> dict[str, Any]:
    """Describe ``error`` as ``{"type", "message", "traceback", "notes", "retryable", "code"}``.

    ``code`` is the loader's ``host_code`` for errors of loading the model
    (``loading``), else ``None``. Nothing here raises, whatever ``error``'s
    ``__str__`` or notes do: a description that fails anyway gives the type's
    name alone (:func:`minimal_payload`).
    """
    try:
        return _payload(error, loading)
    except BaseException:
        return minimal_payload(error)


def minimal_payload(error: BaseException) -> dict[str, Any]:
    """A description of ``error`` that runs no code of the model's: its C type name only."""
    name = type(error).__name__
    return {
        "type": name,
        "message": "",
        "traceback": f"{name}\n",
        "notes": [],
        "retryable": True,
        "code": None,
    }


def _payload(error: BaseException, loading: bool) -> dict[str, Any]:
    type_name = qualified_name(type(error))
    message = _text(error, type_name)
    try:
        formatted = "".join(traceback.format_exception(error))
    except Exception:
        formatted = f"{type_name}: {message}\n"
    notes: Any = _getattr(error, "__notes__", None)
    code = _getattr(error, "host_code", None) if loading else None
    return {
        "type": type_name,
        "message": message,
        "traceback": formatted,
        "notes": [_text(note, qualified_name(type(note))) for note in notes]
        if _isinstance(notes, list | tuple)
        else [],
        "retryable": not _isinstance(error, NonRetryableError),
        "code": code if _isinstance(error, MLPredictError) and _isinstance(code, _str) else None,
    }


def qualified_name(cls: type[Any]) -> str:
    """``module.Qualname`` as the host names a type; just ``Qualname`` for built-ins."""
    found: Any = _getattr(cls, "__qualname__", None)
    name: str = found if _isinstance(found, _str) else "<unknown type>"
    module: Any = _getattr(cls, "__module__", None)
    return name if not _isinstance(module, _str) or module == "builtins" else f"{module}.{name}"


def _text(obj: object, type_name: str) -> str:
    try:
        return _str(obj)
    except Exception:
        return f"<unprintable {type_name} object>"
