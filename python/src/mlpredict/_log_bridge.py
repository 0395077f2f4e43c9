"""Python ``logging`` records to the host's swift-log (the host installs it).

:class:`HostLogHandler` on the root logger hands each record, as one JSON
object (:func:`record_payload`), to a sink: in the host's own interpreter a
callable over Swift that logs it with swift-log, in a worker process a frame on
the answer pipe (``docs/row-framing.md``). ``print`` and writes to
``sys.stderr`` are not records and stay standard error.

Several models share the host's interpreter, so a record there names the model
whose code logged it, found when the record is emitted (never on the predict
path): the innermost frame on the logging thread's stack whose ``self`` is a
``PredictFunction`` with a ``model_name``, or the loader importing a model's
module. A record logged outside any model call (a thread the model started, a
callback of its own) names none.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from types import FrameType

from ._loader import load_class
from ._predict_function import PredictFunction

Sink = Callable[[str], object]
"""Receives one record as a JSON object (:func:`record_payload`)."""

_LOGGING_FILE = logging.Handler.handle.__code__.co_filename
_LOAD_CLASS_CODE = load_class.__code__


class HostLogHandler(logging.Handler):
    """Hands every record to ``sink`` as a JSON object; ``find_model``: name the calling model.

    The handler takes no lock of its own (``Handler.handle`` would): the sink is
    safe to call from many threads at once.
    """

    def __init__(self, sink: Sink, *, find_model: bool) -> None:
        super().__init__()
        self.sink = sink
        self.find_model = find_model

    def handle(self, record: logging.LogRecord) -> bool:
        """As ``Handler.handle``, without the handler's lock."""
        kept = self.filter(record)
        if isinstance(kept, logging.LogRecord):  # Python 3.12+: a filter may replace the record
            record = kept
        if kept:
            self.emit(record)
        return bool(kept)

    def emit(self, record: logging.LogRecord) -> None:
        """Hand the record to the sink; a failure is reported as ``Handler.handleError`` does."""
        try:
            model = calling_model() if self.find_model else None
            self.sink(record_payload(record, self.format(record), model))
        except Exception:
            self.handleError(record)


def install(sink: Sink, level: int, *, find_model: bool) -> HostLogHandler:
    """Add a :class:`HostLogHandler` over ``sink`` to the root logger; set the root's ``level``.

    ``level`` is the Python level from which records reach the host (from the
    level the host's logger has); a model may set its own loggers' levels.
    """
    handler = HostLogHandler(sink, find_model=find_model)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return handler


def record_payload(record: logging.LogRecord, message: str, model: str | None) -> str:
    """The record as the host reads it: a JSON object (``docs/row-framing.md``, kind ``L``).

    ``message`` is the formatted message (with the exception's traceback and the
    stack, if the record has them). Lone surrogates become ``?``, so the text is
    valid UTF-8.
    """
    fields: dict[str, object] = {
        "level": record.levelno,
        "logger": record.name,
        "message": message,
        "file": record.pathname,
        "line": record.lineno,
        "function": record.funcName,
    }
    if model is not None:
        fields["model"] = model
    text = json.dumps(fields, ensure_ascii=False)
    return text.encode("utf-8", "replace").decode("utf-8")


def calling_model() -> str | None:
    """The name of the model whose code is running on this thread, if any (see the module)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code is _LOAD_CLASS_CODE:
            name = frame.f_locals.get("model_name")
            return name if isinstance(name, str) else None
        if code.co_argcount and code.co_varnames[0] == "self" and code.co_filename != _LOGGING_FILE:
            instance = frame.f_locals.get("self")
            if isinstance(instance, PredictFunction):
                name = instance.__dict__.get("model_name")
                if isinstance(name, str):
                    return name
        frame = frame.f_back
    return None
