"""The payload of an ``E`` frame: an exception described for the host."""

from __future__ import annotations

import traceback
from typing import Any

from .._exceptions import MLPredictError, NonRetryableError


def error_payload(error: BaseException, *, loading: bool = False) -> dict[str, Any]:
    """Describe ``error`` as ``{"type", "message", "traceback", "notes", "retryable", "code"}``.

    ``code`` is the loader's ``host_code`` for errors of loading the model
    (``loading``), else ``None``. Nothing here raises, whatever ``error``'s
    ``__str__`` or notes do.
    """
    type_name = qualified_name(type(error))
    message = _text(error, type_name)
    try:
        formatted = "".join(traceback.format_exception(error))
    except Exception:
        formatted = f"{type_name}: {message}\n"
    notes = getattr(error, "__notes__", None)
    code = getattr(error, "host_code", None) if loading else None
    return {
        "type": type_name,
        "message": message,
        "traceback": formatted,
        "notes": [_text(note, qualified_name(type(note))) for note in notes]
        if isinstance(notes, list | tuple)
        else [],
        "retryable": not isinstance(error, NonRetryableError),
        "code": code if isinstance(error, MLPredictError) and isinstance(code, str) else None,
    }


def qualified_name(cls: type[Any]) -> str:
    """``module.Qualname`` as the host names a type; just ``Qualname`` for built-ins."""
    name = getattr(cls, "__qualname__", None)
    name = name if isinstance(name, str) else "<unknown type>"
    module = getattr(cls, "__module__", None)
    return name if not isinstance(module, str) or module == "builtins" else f"{module}.{name}"


def _text(obj: object, type_name: str) -> str:
    try:
        return str(obj)
    except Exception:
        return f"<unprintable {type_name} object>"
