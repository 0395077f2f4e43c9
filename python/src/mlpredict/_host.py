"""The Swift host's only import: every entry point it calls, by one name each.

The host reads the names of :data:`HOST_API` from this module and nothing else
of the package, so private modules can change freely as long as this contract
holds; ``tests/test_host_api.py`` checks that every entry exists and is callable.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import _host_guards, _log_bridge
from ._columns import Columns, output_columns
from ._environments import add_environment, interpreter_identity
from ._event_loop import BlockingCall, start
from ._frames import frame_rows
from ._loader import create_context, load_class
from ._predict_function import PredictFunction
from ._row import Row
from ._worker_host import columns_payload, plain_rows


def host_method(function: PredictFunction, name: str) -> Callable[[Any], Any]:
    """``function.host_method(name)``: the method as the host calls it."""
    return function.host_method(name)


def install_log_bridge(sink: _log_bridge.Sink, level: int) -> None:
    """Send ``logging`` records from ``level`` up to ``sink``, naming the model that logged them."""
    _log_bridge.install(sink, level, find_model=True)


row_type_for = Row.type_for
install_guards = _host_guards.install

__all__ = [
    "BlockingCall",
    "Columns",
    "Decimal",
    "Row",
    "add_environment",
    "columns_payload",
    "create_context",
    "frame_rows",
    "host_method",
    "install_guards",
    "install_log_bridge",
    "interpreter_identity",
    "load_class",
    "output_columns",
    "plain_rows",
    "row_type_for",
    "start",
]

HOST_API = tuple(__all__)
"""What the host reads from this module."""
