"""The worker's request loop: one model, requests answered in order (``docs/row-framing.md``)."""

from __future__ import annotations

import os
import pickle
import platform
import sys
from collections.abc import Callable
from typing import Any

from .._columns import Columns
from .._loader import create_context, load_class
from .._predict_function import PredictFunction
from .._row import Row
from . import normalize
from .errors import error_payload
from .framing import FrameError, read_frame, write_frame
from .process import REQUESTS_FD, RESPONSES_FD, StartupError, set_up

PROTOCOL = 5
EXIT_STARTUP_FAILED = 1
EXIT_OPEN_FAILED = 3
EXIT_PROTOCOL_FAILED = 2


class ProtocolError(Exception):
    """The host sent a request the worker cannot take (unknown kind, out of order)."""


class Worker:
    """One opened model and its request handlers."""

    def __init__(self) -> None:
        self.function: PredictFunction | None = None
        self.row_type: type[Row] = Row
        self.input_names: tuple[str, ...] = ()
        self.methods: dict[str, Callable[[Any], Any]] = {}

    def open(self, request: dict[str, str]) -> dict[str, Any]:
        """Load, configure and open the model of an ``O`` request; the ``R`` payload."""
        if self.function is not None:
            raise ProtocolError("the model is already open")
        cls = load_class(request["model_directory"], request["python_class"], request["model_name"])
        function = cls()
        function.set_model_config(request["model_config"])
        try:
            function.open(create_context(function))
        except BaseException:
            try:
                function.close()
            except Exception as error:
                print(f"close() after the failed open() raised {error!r}", file=sys.stderr)
            raise
        self.input_names = tuple(function.input_schema.names)
        self.row_type = Row.type_for(self.input_names)
        self.methods = {
            name: function.host_method(name)
            for name in ("predict", "predict_batch", "predict_columns")
        }
        self.function = function
        return {"pid": os.getpid(), "python": platform.python_version()}

    def predict(self, values: tuple[Any, ...]) -> object:
        """Answer a ``P`` request: ``predict`` of one input row."""
        row = tuple.__new__(self.row_type, values)
        return normalize.rows_result(self._method("predict")(row))

    def predict_batch(self, rows: list[tuple[Any, ...]]) -> object:
        """Answer a ``B`` request: ``predict_batch`` of a list of input rows."""
        new, row_type = tuple.__new__, self.row_type
        batch = [new(row_type, values) for values in rows]
        return normalize.batch_result(self._method("predict_batch")(batch))

    def predict_columns(self, columns: list[Any]) -> object:
        """Answer a ``C`` request: ``predict_columns`` of the input columns."""
        if len(columns) != len(self.input_names):
            raise ProtocolError(
                f"{len(columns)} columns for the {len(self.input_names)} INPUT columns"
            )
        decoded = [_column(column) for column in columns]
        argument = Columns(dict(zip(self.input_names, decoded, strict=True)))
        return normalize.columns_result(self._method("predict_columns")(argument))

    def close(self) -> None:
        """Call the model's ``close()`` if it was opened (once)."""
        function, self.function = self.function, None
        if function is not None:
            function.close()

    def _method(self, name: str) -> Callable[[Any], Any]:
        if self.function is None:
            raise ProtocolError(f"{name} before the model was opened")
        return self.methods[name]


def _column(column: Any) -> Any:
    if isinstance(column, tuple):
        format_code, data = column
        return memoryview(data).cast(format_code).toreadonly()
    return column


def serve(worker: Worker, requests_fd: int = REQUESTS_FD, responses_fd: int = RESPONSES_FD) -> int:
    """Answer requests until end of file; return the exit status."""
    handlers: dict[str, Callable[[Any], object]] = {
        "P": worker.predict,
        "B": worker.predict_batch,
        "C": worker.predict_columns,
    }
    while True:
        frame = read_frame(requests_fd)
        if frame is None:
            worker.close()
            return 0
        kind, request_id, payload = frame
        opening = kind == "O"
        try:
            request = pickle.loads(payload)
            del payload
            if opening:
                result: object = worker.open(request)
            else:
                handler = handlers.get(kind)
                if handler is None:
                    raise ProtocolError(f"unknown request kind {kind!r}")
                result = handler(request)
            del request
            answer = pickle.dumps(result, protocol=PROTOCOL)
            del result
        except BaseException as error:  # the host gets every failure, SystemExit included
            answer = pickle.dumps(error_payload(error, loading=opening), protocol=PROTOCOL)
            del error
            write_frame(responses_fd, "E", request_id, answer)
            if opening:
                return EXIT_OPEN_FAILED
            continue
        write_frame(responses_fd, "R" if opening else "V", request_id, answer)


def main() -> int:
    """Run a worker: set up the process, then serve fds 3 and 4; the exit status."""
    try:
        set_up()
    except StartupError as error:
        print(f"mlpredict.worker: {error}", file=sys.stderr)
        return EXIT_STARTUP_FAILED
    worker = Worker()
    try:
        return serve(worker)
    except (BrokenPipeError, FrameError) as error:  # the host is gone, or out of step
        print(f"mlpredict.worker: {error!r}; exiting", file=sys.stderr)
        worker.close()
        return 0 if isinstance(error, BrokenPipeError) else EXIT_PROTOCOL_FAILED
