"""Run an MLPredict model on Apache Flink, as a PyFlink table function.

Optional: this module needs PyFlink (``pip install apache-flink==2.3.0``, and
Java 17); ``import mlpredict`` never imports it. The same model directory and
``CREATE MODEL`` statement that ``mlpredict run`` uses become a table function::

    from pyflink.table import EnvironmentSettings, TableEnvironment
    from mlpredict.flink import register_model

    t_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
    register_model(t_env, "examples/sentiment/model.sql")  # registers 'sentiment'
    t_env.execute_sql(
        "SELECT text, label, confidence FROM reviews, LATERAL TABLE(sentiment(text))"
    ).print()

What the function does, per parallel instance (on the Flink task manager):

- ``open`` imports the predict class from the model directory
  (``mlpredict._loader.load_class``, as the Swift host does), instantiates it,
  calls ``set_model_config`` with the JSON the Swift side sends (compact, keys
  sorted), and calls the model's ``open`` with a :class:`PredictContext` built
  from the config, whose ``get_job_parameter`` answers the model's properties
  and the FLIP-552 prototype's keys, then Flink's own job parameters;
- ``eval`` converts Flink's arguments (PyFlink's Python values) into a named
  :class:`mlpredict.Row` of the INPUT columns with the values our models
  receive (see ``docs/type-mapping.md``), calls ``predict`` (waited for when it
  is an ``async def``; ``predict_batch([row])`` when only ``predict_batch`` is
  overridden; ``predict_row`` for a ``BatchPredictFunction``), and yields each
  output row converted to PyFlink's values for the OUTPUT columns' types;
- ``close`` calls the model's ``close``.

A PyFlink table function receives one row per ``eval`` and must produce that
row's results before the next one (its rows are joined laterally to their input
row), so rows are predicted one at a time: a vectorized ``predict_batch`` runs
on batches of one. The result type is ``ROW<...>`` of the OUTPUT columns with
their names and types (``flink_type`` maps each ``mlpredict.DataType`` to
``pyflink.table.DataTypes``), so ``LATERAL TABLE(sentiment(text))`` yields the
columns ``label`` and ``confidence``.

The model directory: the config holds its absolute path. When that path does not
exist where the function runs (a remote cluster), ``open`` looks for a directory
of the same name in the working directory (where ``python.archives`` are
extracted) and on ``sys.path`` (where ``add_python_file`` / ``python.files``
directories go), and passes the one it finds to ``set_model_config``.
"""

from __future__ import annotations

import datetime
import decimal
import json
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pyflink.common import Row as FlinkRow
from pyflink.table import DataTypes, TableEnvironment
from pyflink.table.udf import FunctionContext, TableFunction, udtf

from ._batch_predict_function import BatchPredictFunction
from ._columns import row_values
from ._context import PredictContext
from ._create_model import create_model_config, host_json, is_statement, load_create_model
from ._loader import load_class
from ._model_config import ModelConfig, Schema
from ._nested_types import ArrayType, MapType, MultisetType, RowType
from ._predict_function import PredictFunction, _iterable_rows
from ._row import Row
from ._types import (
    BigIntType,
    BinaryType,
    BooleanType,
    CharType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntType,
    LocalZonedTimestampType,
    SmallIntType,
    TimestampType,
    TimeType,
    TinyIntType,
    VarBinaryType,
    VarCharType,
)

__all__ = [
    "ModelTableFunction",
    "flink_type",
    "model_config",
    "model_udtf",
    "register_model",
    "udtf_for",
]

ModelSource = str | os.PathLike[str] | ModelConfig
"""A model: a ``.sql`` path, its ``CREATE MODEL`` statement, config JSON or a ``ModelConfig``."""


def model_config(model: ModelSource, base_directory: str | os.PathLike[str] = ".") -> ModelConfig:
    """Return the config of ``model``.

    ``model`` is a :class:`ModelConfig`; the config JSON the Swift side
    serialises (``docs/model-config.md``); the text of a ``CREATE MODEL``
    statement (a relative ``model-directory-path`` resolved against
    ``base_directory``); or the path of a ``.sql`` file holding one (resolved
    against the file's directory, as ``mlpredict run`` does).
    """
    if isinstance(model, ModelConfig):
        return model
    if isinstance(model, str):
        text = model.strip()
        if text.startswith("{"):
            return ModelConfig.from_json(text)
        if is_statement(text):
            return create_model_config(text, base_directory)
    return load_create_model(model)


def flink_type(data_type: DataType) -> Any:
    """Return the ``pyflink.table.DataTypes`` type of a ``mlpredict.DataType``, nullability kept."""
    nullable = data_type.nullable
    match data_type:
        case BooleanType():
            return DataTypes.BOOLEAN(nullable)
        case TinyIntType():
            return DataTypes.TINYINT(nullable)
        case SmallIntType():
            return DataTypes.SMALLINT(nullable)
        case IntType():
            return DataTypes.INT(nullable)
        case BigIntType():
            return DataTypes.BIGINT(nullable)
        case FloatType():
            return DataTypes.FLOAT(nullable)
        case DoubleType():
            return DataTypes.DOUBLE(nullable)
        case DecimalType(precision=precision, scale=scale):
            return DataTypes.DECIMAL(precision, scale, nullable)
        case CharType(length=length):
            return DataTypes.CHAR(length, nullable)
        case VarCharType(length=length):
            return DataTypes.VARCHAR(length, nullable)
        case BinaryType(length=length):
            return DataTypes.BINARY(length, nullable)
        case VarBinaryType(length=length):
            return DataTypes.VARBINARY(length, nullable)
        case DateType():
            return DataTypes.DATE(nullable)
        case TimeType(precision=precision):
            return DataTypes.TIME(precision, nullable)
        case TimestampType(precision=precision):
            return DataTypes.TIMESTAMP(precision, nullable)
        case LocalZonedTimestampType(precision=precision):
            return DataTypes.TIMESTAMP_LTZ(precision, nullable)
        case ArrayType(element_type=element):
            return DataTypes.ARRAY(flink_type(element), nullable)
        case MapType(key_type=key, value_type=value):
            return DataTypes.MAP(flink_type(key), flink_type(value), nullable)
        case MultisetType(element_type=element):
            return DataTypes.MULTISET(flink_type(element), nullable)
        case RowType(fields=fields):
            return DataTypes.ROW(
                [
                    DataTypes.FIELD(field.name, flink_type(field.data_type), field.description)
                    for field in fields
                ],
                nullable,
            )
    raise TypeError(f"no PyFlink type for {data_type!r}")


def _result_type(schema: Schema) -> str:
    """The table function's result type: ``ROW<...>`` of the OUTPUT columns, by name.

    PyFlink turns a list of result types (or a ``DataTypes.ROW``) into
    ``ROW<f0 ..., f1 ...>``, losing the column names, so the row type is given
    as Flink SQL text: ``str(DataType)``, which Flink's parser reads as the
    type ``flink_type`` maps to. The argument types are given as text too
    (PyFlink takes text for both or for neither).
    """
    fields = ", ".join(
        f"`{column.name.replace('`', '``')}` {column.type}" for column in schema.columns
    )
    return f"ROW<{fields}>"


class ModelTableFunction(TableFunction):  # type: ignore[misc]  # PyFlink is untyped
    """A PyFlink table function that runs an MLPredict model (see the module docstring).

    Pickled by PyFlink and rebuilt on each task: it holds the model config
    JSON and either the predict class (given to ``udtf_for``) or nothing (the
    class is then loaded from the model directory in ``open``).
    """

    def __init__(
        self, config_json: str, predict_class: type[PredictFunction] | None = None
    ) -> None:
        """Hold the model's config JSON and, optionally, its class."""
        self.config_json = config_json
        self.predict_class = predict_class
        self._function: PredictFunction | None = None
        self._predict: Any = None
        self._config: ModelConfig | None = None

    def open(self, function_context: FunctionContext) -> None:
        """Load, configure and open the model, as the Swift host does."""
        config = ModelConfig.from_json(self.config_json)
        config_json = self.config_json
        directory = _locate_model_directory(config.model_directory)
        if directory != config.model_directory:
            document = json.loads(config_json)
            document["model_directory_path"] = directory
            config_json = json.dumps(
                document, sort_keys=True, separators=(",", ":"), ensure_ascii=False
            )
            config = ModelConfig.from_json(config_json)
        cls = self.predict_class or load_class(
            config.model_directory, config.python_predict_class, config.model_name
        )
        function = cls()
        function.set_model_config(config_json)
        function.open(_FlinkPredictContext.create(config, function_context))
        self._config = config
        self._function = function
        self._predict = _row_predictor(function)

    def eval(self, *args: Any) -> Iterator[tuple[Any, ...]]:
        """Predict one input row; yield each output row as PyFlink's values."""
        config = self._config
        if config is None:
            raise RuntimeError("ModelTableFunction.eval called before open")
        schema = config.input_schema
        if len(args) != len(schema):
            raise TypeError(
                f"model '{config.model_name}' takes one argument per INPUT column "
                f"({', '.join(schema.names)}): {len(schema)}, got {len(args)}"
            )
        row = Row.type_for(schema.names)(
            *(
                to_model_value(value, column.type)
                for value, column in zip(args, schema, strict=True)
            )
        )
        output = config.output_schema
        for predicted in _iterable_rows(self._predict(row)):
            try:
                values = row_values(predicted, output.names)
                yield tuple(
                    to_flink_value(value, column.type)
                    for value, column in zip(values, output, strict=True)
                )
            except (TypeError, ValueError) as error:
                error.add_note(f"in an output row of model '{config.model_name}' for input {row!r}")
                raise

    def close(self) -> None:
        """Close the model."""
        if self._function is not None:
            self._function.close()
            self._function = None

    def is_deterministic(self) -> bool:
        """Models are taken as deterministic, as Flink takes ``ML_PREDICT``."""
        return True


def _row_predictor(function: PredictFunction) -> Any:
    """The call predicting one row: ``predict``, or ``predict_batch`` on a batch of one."""
    cls = type(function)
    if (
        not isinstance(function, BatchPredictFunction)
        and cls.predict is PredictFunction.predict
        and cls.predict_batch is not PredictFunction.predict_batch
    ):
        predict_batch = function.host_method("predict_batch")

        def predict(row: Row) -> Any:
            results = list(predict_batch([row]))
            if len(results) != 1:
                raise ValueError(
                    f"predict_batch returned {len(results)} results for a batch of 1 row"
                )
            return results[0]

        return predict
    return function.host_method("predict")


class _FlinkPredictContext(PredictContext):
    """Our context, whose job parameters fall back to Flink's (``pipeline.global-job-parameters``).

    The model's properties and the FLIP-552 prototype's keys come first.
    """

    _flink: Any

    @classmethod
    def create(cls, config: ModelConfig, flink: Any) -> _FlinkPredictContext:
        context = cls(
            model_name=config.model_name,
            model_directory=config.model_directory,
            properties=config.properties,
            input_schema=config.input_schema,
            output_schema=config.output_schema,
        )
        object.__setattr__(context, "_flink", flink)
        return context

    def get_job_parameter(self, key: str, default: str | None = None) -> str | None:
        """A property or a prototype key (see ``PredictContext``), else Flink's job parameter."""
        value = super().get_job_parameter(key, None)
        if value is not None:
            return value
        flink = getattr(self, "_flink", None)
        if flink is not None:
            found = flink.get_job_parameter(key, None)
            if found is not None:
                return str(found)
        return default


def _locate_model_directory(directory: str) -> str:
    """``directory`` if it exists, else a same-named directory shipped with the job."""
    if os.path.isdir(directory):
        return directory
    name = Path(directory).name
    for base in [os.getcwd(), *sys.path]:
        for candidate in (Path(base) / name, Path(base) / name / name):
            if candidate.is_dir():
                return str(candidate.resolve())
    raise FileNotFoundError(
        f"model directory {directory} does not exist here, and no directory named '{name}' was "
        "shipped with the job (add_python_file, python.files or python.archives with the target "
        f"name '{name}')"
    )


def to_model_value(value: Any, data_type: DataType) -> Any:
    """Convert a PyFlink value of ``data_type`` into the value our models receive."""
    if value is None:
        return None
    match data_type:
        case DecimalType(scale=scale):
            return decimal.Decimal(value).quantize(decimal.Decimal(1).scaleb(-scale))
        case CharType(length=length):
            return str(value).ljust(length)
        case BinaryType(length=length):
            return bytes(value).ljust(length, b"\0")
        case VarBinaryType():
            return bytes(value)
        case LocalZonedTimestampType():
            moment: datetime.datetime = value
            if moment.tzinfo is None:  # PyFlink gives the session time zone; naive is UTC
                return moment.replace(tzinfo=datetime.UTC)
            return moment.astimezone(datetime.UTC)
        case ArrayType(element_type=element):
            return [to_model_value(item, element) for item in value]
        case MapType(key_type=key_type, value_type=value_type):
            return {
                to_model_value(key, key_type): to_model_value(item, value_type)
                for key, item in _items(value)
            }
        case MultisetType(element_type=element):
            return {to_model_value(key, element): count for key, count in _items(value)}
        case RowType(fields=fields):
            values = list(value)
            return Row.type_for([field.name for field in fields])(
                *(
                    to_model_value(item, field.data_type)
                    for item, field in zip(values, fields, strict=True)
                )
            )
    return value


def to_flink_value(value: Any, data_type: DataType) -> Any:
    """Convert a value a model returned for ``data_type`` into PyFlink's value of that type.

    Accepts what the Swift host accepts (``docs/type-mapping.md``): numpy
    scalars and arrays, an ``int`` for a ``DECIMAL``, rows by position or by
    field name, tuples and lists for arrays, a ``Counter`` for a ``MULTISET``.
    Raises ``TypeError`` or ``ValueError`` for a value that does not fit.
    """
    if value is None:
        if not data_type.nullable:
            raise ValueError(f"None for the NOT NULL type {data_type}")
        return None
    match data_type:
        case BooleanType():
            if not isinstance(value, bool) and type(value).__name__ != "bool_":
                raise TypeError(f"expected a bool for {data_type}, got {value!r}")
            return bool(value)
        case TinyIntType() | SmallIntType() | IntType() | BigIntType():
            if isinstance(value, bool | float) or not hasattr(value, "__index__"):
                raise TypeError(f"expected an int for {data_type}, got {value!r}")
            return int(value)
        case FloatType() | DoubleType():
            if isinstance(value, bool) or not hasattr(value, "__float__"):
                raise TypeError(f"expected a float for {data_type}, got {value!r}")
            return float(value)
        case DecimalType(precision=precision, scale=scale):
            if not isinstance(value, decimal.Decimal | int) or isinstance(value, bool):
                raise TypeError(f"expected a Decimal or int for {data_type}, got {value!r}")
            exact = decimal.Decimal(value)
            quantum = decimal.Decimal(1).scaleb(-scale)
            context = decimal.Context(prec=precision + 2, traps=[decimal.Inexact])
            try:
                result = exact.quantize(quantum, context=context)
            except (decimal.Inexact, decimal.InvalidOperation):
                raise ValueError(f"{value!r} does not fit {data_type} exactly") from None
            if len(result.as_tuple().digits) > precision:
                raise ValueError(f"{value!r} has more than {precision} digits for {data_type}")
            return result
        case CharType() | VarCharType():
            if not isinstance(value, str):
                raise TypeError(f"expected a str for {data_type}, got {value!r}")
            return value
        case BinaryType() | VarBinaryType():
            if not isinstance(value, bytes | bytearray | memoryview):
                raise TypeError(f"expected bytes for {data_type}, got {value!r}")
            return bytes(value)
        case LocalZonedTimestampType():
            moment: datetime.datetime = value
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=datetime.UTC)
            return moment
        case ArrayType(element_type=element):
            items = value.tolist() if hasattr(value, "tolist") else value
            if not isinstance(items, list | tuple):
                raise TypeError(f"expected a list for {data_type}, got {value!r}")
            return [to_flink_value(item, element) for item in items]
        case MapType(key_type=key_type, value_type=value_type):
            if not isinstance(value, Mapping):
                raise TypeError(f"expected a dict for {data_type}, got {value!r}")
            return {
                to_flink_value(key, key_type): to_flink_value(item, value_type)
                for key, item in value.items()
            }
        case MultisetType(element_type=element):
            if not isinstance(value, Mapping):
                raise TypeError(f"expected a dict of counts for {data_type}, got {value!r}")
            return {
                to_flink_value(key, element): int(count) for key, count in value.items() if count
            }
        case RowType(fields=fields):
            if isinstance(value, FlinkRow):
                value = tuple(value)
            names = [field.name for field in fields]
            values = row_values(value, names)
            return FlinkRow(
                *(
                    to_flink_value(item, field.data_type)
                    for item, field in zip(values, fields, strict=True)
                )
            )
    return value


def _items(value: Any) -> Any:
    return value.items() if isinstance(value, Mapping) else value


def udtf_for(cls: type[PredictFunction] | None = None, model: ModelSource | None = None) -> Any:
    """Return the PyFlink table function running ``model`` (a :data:`ModelSource`).

    With ``cls``, the model's predict class is ``cls`` instead of the one
    ``python-predict-class`` names (``PredictFunction.create_udtf(model)``
    calls this). The function declares the OUTPUT columns as its result row
    and the INPUT column types as its argument types.
    """
    if model is None:
        name = "PredictFunction" if cls is None else cls.__qualname__
        raise TypeError(
            f"{name}.create_udtf() needs the model: its CREATE MODEL statement or .sql file, or "
            "its config JSON, for the input and output schemas (the FLIP-552 prototype's "
            "placeholder result type does not fit every model)"
        )
    config = model_config(model)
    function = ModelTableFunction(host_json(config), cls)
    return udtf(
        function,
        input_types=[str(column.type) for column in config.input_schema],
        result_types=_result_type(config.output_schema),
        deterministic=True,
        name=config.model_name,
    )


def model_udtf(model: ModelSource) -> Any:
    """Return the PyFlink table function running ``model``, with its own predict class."""
    return udtf_for(None, model)


def register_model(
    table_env: TableEnvironment, model: ModelSource, *, name: str | None = None
) -> Any:
    """Register ``model`` in ``table_env`` as a temporary system function; return the function.

    It is named after the model (``CREATE MODEL sentiment`` → ``sentiment``)
    unless ``name`` is given, so that
    ``SELECT ... FROM t, LATERAL TABLE(sentiment(text))`` works.
    """
    config = model_config(model)
    function = udtf_for(None, config)
    table_env.create_temporary_system_function(name or config.model_name, function)
    return function
