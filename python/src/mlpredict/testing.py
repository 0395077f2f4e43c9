"""Test a model in plain Python (pytest), as the MLPredict host runs it, without Swift.

:func:`load_model` reads the model's ``CREATE MODEL`` statement (the ``.sql``
file ``mlpredict run`` reads, or the statement's text), checks its options as
the host does, imports the predict class from the model directory as the host
does, hands it the same config JSON (``set_model_config``), and opens it. The
:class:`LoadedModel` it returns predicts rows, batches and columns and applies
the host's checks on the way in and out, raising the host's errors with the
host's messages (``str(error)``), so a test sees what ``mlpredict run`` and the
Swift API would::

    from mlpredict import Row
    from mlpredict.testing import InvalidOutputError, load_model

    def test_sentiment() -> None:
        with load_model("examples/sentiment/model.sql") as model:
            [row] = model.predict({"text": "I love this product"})
            assert row.label == "positive"
            assert model.predict({"text": None}) == []

What the host does and this module does too:

- ``model-directory-path`` resolved against the ``.sql`` file's directory (a
  statement's against ``base_directory``, by default the working directory);
  ``properties.*`` handed over without the prefix; the options checked with the
  host's messages (``DefinitionError``).
- Loading, then ``set_model_config(json)`` and ``open(context)`` on one
  instance; the context answers ``get_job_parameter`` and sets
  ``init_properties`` as the host's does (FLIP-552's prototype). A failed
  ``open`` is followed by ``close()``.
- Input rows (a dict of column name to value, a tuple, list or ``Row``) and
  columns converted by the INPUT types to the values the host hands Python
  (``docs/type-mapping.md``: ``CHAR(n)`` padded, ``FLOAT`` rounded to 32 bits,
  ``DECIMAL(p, s)`` with ``s`` digits, ``TIMESTAMP_LTZ`` in UTC, rows as named
  ``Row``\\ s); numeric columns without NULLs as read-only ``memoryview``\\ s.
- Results checked against the OUTPUT types (row arity, field names, types and
  ranges, ``NOT NULL``, nested values, numpy and pandas results) and returned as
  the host reads them: named ``Row``\\ s of the OUTPUT columns, ``NULL`` in an
  ``error-string`` column.
- ``async def`` methods run on the model event loop as the host's synchronous
  calls run them; one call at a time on the instance; ``close()`` once, and a
  call after it fails with ``ModelClosedError``.

What it does not do: the ``'timeout'`` and the error strategy
(``'error-handling-strategy'``, ``retry-*``) are checked but not applied (an
error always raises, as under ``FAILOVER``); ``'instances'`` and
``'execution-mode' = 'process'`` run one instance in this process (the host
checks a worker's results exactly as in-process ones); the model runs in the
current interpreter and environment. A malformed statement is reported by the
Python reader, whose messages differ from the host's.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Any, Self

from ._columns import Columns
from ._context import PredictContext
from ._create_model import is_statement
from ._host_checks import InputColumns, InputRows, Origin, OutputColumns, OutputRows
from ._host_errors import (
    CloseFailedError,
    DefinitionError,
    HostError,
    InvalidInputError,
    InvalidOutputError,
    LoadFailedError,
    ModelClosedError,
    OpenFailedError,
    PredictFailedError,
)
from ._loader import create_context, load_class
from ._model_config import ModelConfig, Schema
from ._model_definition import ModelDefinition, define_model
from ._predict_function import PredictFunction
from ._python_objects import exception_message, exception_summary, type_name
from ._row import Row

__all__ = [
    "CloseFailedError",
    "DefinitionError",
    "HostError",
    "InvalidInputError",
    "InvalidOutputError",
    "LoadFailedError",
    "LoadedModel",
    "ModelClosedError",
    "OpenFailedError",
    "PredictFailedError",
    "load_model",
]

_RAISED = (Exception, SystemExit)
"""What a model's code may raise that the host reports as the call's failure."""

_LOAD_CODES = {
    "PredictModuleNotFoundError": "moduleNotFound",
    "PredictClassNotFoundError": "classNotFound",
    "NotAPredictFunctionError": "notAPredictFunction",
}


def load_model(
    model: str | os.PathLike[str], *, base_directory: str | os.PathLike[str] | None = None
) -> LoadedModel:
    """Load, configure and open the model that a ``CREATE MODEL`` statement defines.

    ``model`` is the path of a ``.sql`` file holding one statement (a relative
    ``model-directory-path`` is resolved against the file's directory, as
    ``mlpredict run MODEL.sql`` does) or the statement's text (resolved against
    the working directory, as ``mlpredict run --ddl`` does). ``base_directory``,
    when given, is used instead.

    Raises :class:`DefinitionError` for a statement or option the host refuses,
    :class:`LoadFailedError` if the class cannot be imported or instantiated, and
    :class:`OpenFailedError` if ``set_model_config`` or ``open`` raises; an
    ``OSError`` if the file cannot be read.
    """
    text = os.fspath(model)
    if isinstance(model, str) and is_statement(model):
        base = os.getcwd() if base_directory is None else base_directory
    else:
        with open(text, encoding="utf-8") as file:
            text = file.read()
        base = os.path.dirname(os.path.abspath(model)) if base_directory is None else base_directory
    return LoadedModel(define_model(text, base))


class LoadedModel:
    """An opened model: predicts as the host does (see the module docstring); a context manager
    that closes it on exit."""

    def __init__(self, definition: ModelDefinition) -> None:
        """Load the class of ``definition``, create an instance, configure and open it."""
        config = definition.config
        self.definition = definition
        self.name = config.model_name
        self._lock = threading.Lock()
        self._closed = False
        self._inputs = InputRows(self.name, config.input_schema)
        self._input_columns = InputColumns(self._inputs)
        self._outputs = OutputRows(self.name, config.output_schema)
        self._output_columns = OutputColumns(self._outputs)
        instance = self._instantiate(config)
        try:
            self._call_step("set_model_config", lambda: instance.set_model_config(self.config_json))
            self._call_step("open", lambda: instance.open(create_context(instance)))
            self._predict = self._call_step(
                "getting its predict method", lambda: instance.host_method("predict")
            )
            self._predict_batch = self._call_step(
                "getting its predict_batch method", lambda: instance.host_method("predict_batch")
            )
            self._predict_columns = self._call_step(
                "getting its predict_columns method", lambda: instance.predict_columns
            )
        except OpenFailedError:
            try:  # release what a partial open acquired, as the host does
                instance.close()
            except _RAISED:
                pass
            raise
        self.instance: PredictFunction = instance
        """The opened instance of the model's class (for assertions on its state)."""

    @property
    def config(self) -> ModelConfig:
        """The model config the instance received."""
        return self.definition.config

    @property
    def config_json(self) -> str:
        """The config JSON ``set_model_config`` received: the host's, byte for byte."""
        return self.definition.config_json

    @property
    def context(self) -> PredictContext:
        """A context as ``open`` received it."""
        return PredictContext.from_config(self.config)

    @property
    def input_schema(self) -> Schema:
        """The INPUT columns."""
        return self.config.input_schema

    @property
    def output_schema(self) -> Schema:
        """The OUTPUT columns of the rows returned here (an ``error-string`` column included)."""
        return self.definition.statement.output_schema

    @property
    def batch_size(self) -> int | None:
        """The model's ``'batch-size'`` option, or ``None``."""
        return self.definition.batch_size

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def predict(self, row: object) -> list[Row]:
        """Predict one input row: a dict of INPUT column name to value, or a tuple, list or
        ``Row`` of the values in INPUT order; ``None`` is SQL NULL.

        Returns the output rows as the host reads them (named ``Row``\\ s of the
        OUTPUT columns). Raises :class:`InvalidInputError`, :class:`PredictFailedError`
        (the model's exception as ``__cause__``), :class:`InvalidOutputError` or
        :class:`ModelClosedError`.
        """
        with self._admitted():
            encoded = self._inputs.encode(row)
            result = self._call("predict", self._predict, encoded)
            return self._with_error_column(self._outputs.decode(result, Origin()))

    def predict_batch(self, rows: Iterable[object]) -> list[list[Row]]:
        """Predict a batch of input rows with one ``predict_batch`` call; one list of output rows
        per input row. Raises as :meth:`predict` does; messages name the row's position."""
        with self._admitted():
            encoded = [self._inputs.encode(row, index) for index, row in enumerate(rows)]
            result = self._call("predict_batch", self._predict_batch, encoded)
            return [
                self._with_error_column(rows)
                for rows in self._outputs.decode_batch(result, len(encoded))
            ]

    def predict_columns(self, columns: Mapping[str, Any]) -> Columns:
        """Predict a batch given column by column with one ``predict_columns`` call.

        ``columns`` maps every INPUT column name to its values (a list, tuple,
        numpy array or ``memoryview``, one value per row). Returns the OUTPUT
        columns as lists of values, one per input row. Raises as :meth:`predict` does.
        """
        with self._admitted():
            encoded = self._input_columns.encode(columns)
            result = self._call("predict_columns", self._predict_columns, encoded)
            decoded = self._output_columns.decode(result, encoded.num_rows)
        error_column = self.definition.error_column
        if error_column is not None:
            decoded.insert(error_column, [None] * encoded.num_rows)
        return Columns(dict(zip(self.output_schema.names, decoded, strict=True)))

    def close(self) -> None:
        """Call the model's ``close()``; only the first call does (after calls in flight end).

        Raises :class:`CloseFailedError` if ``close()`` raised.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self.instance.close()
            except _RAISED as error:
                raise CloseFailedError(
                    "closeFailed",
                    f"model '{self.name}': close raised {exception_summary(error)}",
                    self.name,
                ) from error

    def __enter__(self) -> Self:
        """Return the opened model."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the model; a failing ``close`` while an exception propagates is noted on it."""
        try:
            self.close()
        except CloseFailedError as error:
            if exc is None:
                raise
            exc.add_note(f"closing the model then failed: {error}")

    def __repr__(self) -> str:
        """Return ``<LoadedModel 'name' open>``."""
        return f"<LoadedModel {self.name!r} {'closed' if self._closed else 'open'}>"

    def _instantiate(self, config: ModelConfig) -> PredictFunction:
        model, class_name = self.name, config.python_predict_class
        try:
            cls = load_class(config.model_directory, class_name, model)
        except _RAISED as error:
            code = _LOAD_CODES.get(type_name(error).split(".")[-1], "loadFailed")
            message = (
                f"model '{model}': loading '{class_name}' from {config.model_directory} raised "
                f"{type_name(error)}: {exception_message(error)}"
                if code == "loadFailed"
                else exception_message(error)
            )
            raise LoadFailedError(code, message, model) from error
        try:
            return cls()
        except _RAISED as error:
            raise LoadFailedError(
                "loadFailed",
                f"model '{model}': creating an instance of '{class_name}' raised "
                f"{exception_summary(error)}",
                model,
            ) from error

    def _call_step(self, what: str, step: Callable[[], Any]) -> Any:
        try:
            return step()
        except _RAISED as error:
            raise OpenFailedError(
                "openFailed",
                f"model '{self.name}': {what} raised {exception_summary(error)}",
                self.name,
            ) from error

    def _admitted(self) -> _Admission:
        return _Admission(self)

    def _call(self, name: str, method: Callable[[Any], Any], argument: Any) -> Any:
        try:
            return method(argument)
        except _RAISED as error:
            raise PredictFailedError(
                "predictFailed",
                f"model '{self.name}': {name} raised {exception_summary(error)}",
                self.name,
            ) from error

    def _with_error_column(self, rows: list[Row]) -> list[Row]:
        index = self.definition.error_column
        if index is None:
            return rows
        row_type = Row.type_for(self.output_schema.names)
        return [tuple.__new__(row_type, (*row[:index], None, *row[index:])) for row in rows]


class _Admission:
    """One call on the instance: refused once the model is closed, one at a time (as the
    host's instance pool of one)."""

    def __init__(self, model: LoadedModel) -> None:
        self.model = model

    def __enter__(self) -> None:
        self.model._lock.acquire()
        if self.model._closed:
            self.model._lock.release()
            raise ModelClosedError(
                "modelClosed", f"model '{self.model.name}' is closed", self.model.name
            )

    def __exit__(self, *exc_info: object) -> None:
        self.model._lock.release()
