"""``PredictFunction``: the base class of every Python model (FLIP-552)."""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from . import _event_loop
from ._columns import Columns, row_values
from ._context import PredictContext
from ._model_config import ModelConfig, Schema
from ._row import Row


class PredictFunction:
    """Base class of a Python model used by ``ML_PREDICT``.

    A model is a directory holding Python modules and model files, declared as::

        CREATE MODEL sentiment
        INPUT (text STRING)
        OUTPUT (label STRING, confidence FLOAT)
        WITH (
            'provider' = 'generic-python',
            'model-directory-path' = '/models/sentiment',
            'python-predict-class' = 'sentiment.SentimentPredictFunction',
            'properties.threshold' = '0.05'
        );

    where ``/models/sentiment/sentiment.py`` subclasses ``PredictFunction``::

        from mlpredict import PredictContext, PredictFunction, Row

        class SentimentPredictFunction(PredictFunction):
            def open(self, context: PredictContext) -> None:
                super().open(context)
                threshold = context.get_job_parameter("threshold", "0.05")
                self.threshold = float(threshold)
                self.analyzer = load_analyzer(self.model_directory)

            def predict(self, data: Row) -> list[Row]:
                score = self.analyzer.score(data["text"])
                label = "positive" if score >= self.threshold else "negative"
                return [Row(label=label, confidence=abs(score))]

    Lifecycle, all on one instance and never concurrently:

    1. the class is instantiated without arguments;
    2. ``set_model_config`` receives the model config as JSON and sets
       ``model_config``, ``model_name``, ``model_directory``, ``properties``,
       ``init_properties``, ``input_schema`` and ``output_schema``;
    3. ``open`` is called once, before any prediction: load the model here;
    4. ``predict`` is called once per input row, or ``predict_batch`` once per
       batch of rows, or ``predict_columns`` once per batch of columns;
    5. ``close`` is called once at the end: release resources here.

    Only ``predict`` must be implemented: ``predict_batch`` calls it per row,
    and ``predict_columns`` calls ``predict_batch``. Override ``predict_batch``
    to run one vectorized call for many rows, or ``predict_columns`` to work on
    whole columns (numpy arrays over the host's memory, without copies).

    Models written for FLIP-552's prototypes run unchanged: ``PyPredictFunction``
    (the FLIP text's name) is this class; ``init_properties`` holds the
    properties as a dict and ``self.init_properties.get("threshold", 0.5)``
    works as in the ``swapna267/flink`` prototype; the context answers that
    prototype's job parameters (``context.get_job_parameter("model_directory_path")``,
    see :meth:`PredictContext.get_job_parameter`); ``eval(*args)`` and
    ``create_udtf()`` are there for PyFlink (``mlpredict.flink``). For the
    pandas ``BatchPredictFunction`` of the ``bgeng777/flink`` prototype, see
    :class:`BatchPredictFunction`.

    Modules in the model directory can be imported only while the module named
    by ``python-predict-class`` is being imported (the directory is on
    ``sys.path`` just for that, so that models with same-named modules can be
    loaded side by side): import your sibling modules at the top of that module,
    not inside ``open`` or ``predict``. They are not in ``sys.modules`` afterwards,
    so unpickling (``pickle``, ``joblib``) an object whose class one of them
    defines fails with ``ModuleNotFoundError``: define such classes in a package
    installed in the environment, or register the module while unpickling
    (``sys.modules["features"] = features``, removed again in a ``finally``).
    """

    model_config_json: str | None = None
    """The model config JSON given to ``set_model_config``, or ``None`` before."""
    model_config: ModelConfig | None = None
    """The parsed model config, or ``None`` before ``set_model_config``."""
    model_name: str
    """The model's name (set by ``set_model_config``)."""
    model_directory: str
    """The absolute path of the model directory (set by ``set_model_config``)."""
    properties: dict[str, str]
    """The model's ``properties.*`` options without the prefix (set by ``set_model_config``)."""
    init_properties: dict[str, Any]
    """The properties as a dict, as FLIP-552's prototype names them.

    Set by ``set_model_config`` (a copy of ``properties``) and again by
    ``open`` from the job parameter ``init_properties``, as the prototype does.
    """
    input_schema: Schema
    """The columns of the rows given to ``predict`` (set by ``set_model_config``)."""
    output_schema: Schema
    """The columns of the rows ``predict`` returns (set by ``set_model_config``)."""
    python_archives: Mapping[str, str]
    """``'python.archives'`` by target name: the absolute directory each was unpacked to.

    Empty when the model has none. Worker processes also start in a directory
    holding each under its name, so ``open("data/file.txt")`` works there as in
    Flink; in-process the current directory is the host's: use these paths.
    """

    def set_model_config(self, model_config_json: str) -> None:
        """Parse the model config and set the model attributes from it.

        Called by the host before ``open``. Sets ``model_config_json``,
        ``model_config``, ``model_name``, ``model_directory``, ``properties``,
        ``init_properties``, ``input_schema``, ``output_schema`` and ``python_archives``. Raises
        ``ModelConfigError`` if
        the JSON is invalid, in which case no attribute is changed.
        """
        config = ModelConfig.from_json(model_config_json)
        self.model_config_json = model_config_json
        self.model_config = config
        self.model_name = config.model_name
        self.model_directory = config.model_directory
        self.properties = dict(config.properties)
        self.init_properties = dict(config.properties)
        self.input_schema = config.input_schema
        self.output_schema = config.output_schema
        self.python_archives = config.python_archives

    def open(self, context: PredictContext) -> None:
        """Prepare for predictions: load the model, read properties, warm up.

        Called once, after ``set_model_config`` and before the first ``predict``.
        ``context`` gives the model's name, directory, properties and schemas;
        ``context.get_job_parameter(key, default)`` reads a property (or one of
        the job parameters FLIP-552's prototype sets).

        The base implementation checks that the model config was set
        (``RuntimeError`` otherwise) and then, as the prototype's ``open``
        does, sets ``model_directory`` and ``init_properties`` from the
        context's job parameters ``model_directory_path`` and
        ``init_properties`` (the values ``set_model_config`` set, for the
        context the host passes). Overrides may skip calling it. An exception
        raised here fails the model's start-up.
        """
        if self.model_config is None:
            raise RuntimeError("Model config not set: call set_model_config before open")
        directory = context.get_job_parameter("model_directory_path")
        if directory is not None:
            self.model_directory = directory
        properties = json.loads(context.get_job_parameter("init_properties", "{}") or "{}")
        if isinstance(properties, dict):
            self.init_properties = properties

    def predict(self, data: Row) -> list[Row]:
        """Return the output rows predicted for one input row.

        ``data`` has one value per ``input_schema`` column, in order, and the
        column names as field names (``data[0]``, ``data["text"]`` and
        ``data.text`` are equivalent). Each returned row has one value per
        ``output_schema`` column, in order: build it positionally
        (``Row("positive", 0.9)``) or with keywords in column order
        (``Row(label="positive", confidence=0.9)``). ``None`` stands for SQL
        NULL. Return an empty list for no output.

        Subclasses must implement this method.
        """
        raise NotImplementedError(
            f"{type(self).__qualname__} must implement predict(self, data): "
            "subclasses of PredictFunction must implement predict"
        )

    def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
        """Return the output rows predicted for each of a batch of input rows.

        ``rows`` are input rows as ``predict`` receives them. The result has one
        entry per input row, in order: the list of its output rows, as
        ``predict`` would return them (``[]`` for none). The host makes one call
        for the whole batch.

        The base implementation calls ``predict`` for each row. Override it to
        predict the batch in one vectorized call.
        """
        results: list[list[Row]] = []
        for index, row in enumerate(rows):
            try:
                results.append(self.predict(row))
            except Exception as error:
                error.add_note(f"in predict for input row {index} of the batch")
                raise
        return results

    def predict_columns(self, columns: Columns) -> Mapping[str, Any] | Sequence[Any]:
        """Return one output row per input row, column by column.

        ``columns`` maps each ``input_schema`` column name to a column of
        ``columns.num_rows`` values: a read-only ``memoryview`` over the host's
        memory for numeric and BOOLEAN columns without NULLs (wrap it with
        ``numpy.asarray``, which does not copy), a list otherwise (see
        :class:`Columns`). Return a mapping of every ``output_schema`` column
        name to its column (a ``Columns``, a ``dict``) or a list of columns in
        OUTPUT order; each column has ``num_rows`` values: a list, a numpy
        array, a ``memoryview`` or an ``array.array``.

        The base implementation calls ``predict_batch`` on ``columns.rows()``
        (waiting for it when it, or ``predict``, is an ``async def``) and
        requires exactly one output row per input row.
        """
        names = self.output_schema.names
        output: list[list[Any]] = [[] for _ in names]
        predict_batch = self.host_method("predict_batch")  # waits for an ``async def``
        for index, predicted in enumerate(predict_batch(columns.rows())):
            rows = list(_iterable_rows(predicted))
            if len(rows) != 1:
                raise ValueError(
                    f"predict_columns needs exactly one output row per input row, "
                    f"but predict returned {len(rows)} for input row {index}"
                )
            for column, value in zip(output, row_values(rows[0], names), strict=True):
                column.append(value)
        return Columns(dict(zip(names, output, strict=True)))

    def host_method(self, name: str) -> Callable[[Any], Any]:
        """The method ``name`` (``predict``, ``predict_batch``) as the host calls it.

        A coroutine function is waited for (a blocking call on the model event
        loop). When ``predict`` is a coroutine function and ``predict_batch``
        is not overridden, the batch runs the rows' ``predict`` coroutines
        concurrently. Subclasses whose ``predict`` is not per row (as
        ``BatchPredictFunction``) override this.
        """
        method: Callable[[Any], Any] = getattr(self, name)
        if (
            name == "predict_batch"
            and type(self).predict_batch is PredictFunction.predict_batch
            and inspect.iscoroutinefunction(self.predict)
        ):
            method = _event_loop.gather_batch(self.predict)
        return _event_loop.blocking(method)

    def close(self) -> None:
        """Release resources acquired in ``open``; called once at the end.

        The base implementation does nothing.
        """

    def eval(self, *args: Any) -> Iterator[Row]:
        """Predict for one input row given as arguments; yield each output row.

        PyFlink's table-function entry point, as in FLIP-552's prototype: the
        arguments, one per ``input_schema`` column in order, become a ``Row``
        with the column names as field names (an unnamed ``Row`` before
        ``set_model_config``), which is predicted as the host predicts a row
        (``predict``, waited for if it is an ``async def``).
        """
        if self.model_config is None:
            row = Row(*args)
        else:
            names = self.input_schema.names
            if len(args) != len(names):
                raise TypeError(
                    f"eval takes one argument per INPUT column ({', '.join(names)}): "
                    f"{len(names)}, got {len(args)}"
                )
            row = Row.type_for(names)(*args)
        yield from _iterable_rows(self.host_method("predict")(row))

    @classmethod
    def create_udtf(cls, model: Any = None) -> Any:
        """Return this model class as a PyFlink table function (FLIP-552's prototype).

        ``model`` is the model this class serves: the path of its ``.sql``
        file, its ``CREATE MODEL`` statement, or its config JSON (the
        prototype's placeholder result type fits no real model, so the OUTPUT
        schema must come from somewhere); see ``mlpredict.flink.udtf_for``.
        Needs the optional module ``mlpredict.flink`` and PyFlink
        (``pip install apache-flink``); the core package never imports
        PyFlink. Raises ``ImportError`` saying so when either is missing.
        """
        try:
            flink = importlib.import_module("mlpredict.flink")
        except ImportError as error:
            raise ImportError(
                f"{cls.__qualname__}.create_udtf() needs the module mlpredict.flink and PyFlink "
                f"(pip install apache-flink); importing mlpredict.flink failed: {error}"
            ) from error
        return flink.udtf_for(cls, model)


PyPredictFunction = PredictFunction
"""The name FLIP-552's text gives the base class: the same class as ``PredictFunction``."""


def _iterable_rows(predicted: Iterable[Row] | Row) -> Iterable[Row]:
    """``predict``'s result as rows: a bare ``Row`` counts as one, as the host reads it."""
    return [predicted] if isinstance(predicted, Row) else predicted
