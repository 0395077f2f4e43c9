"""MLPredict: run Python models from ``ML_PREDICT``, following Flink's FLIP-552.

A model subclasses :class:`PredictFunction`; it receives and returns
:class:`Row` values and gets its configuration as a :class:`ModelConfig` and a
:class:`PredictContext`. Column types are :class:`DataType` objects named as in
PyFlink (:class:`IntType`, :class:`ArrayType`, :class:`RowType`...), read from
Flink SQL type strings by :func:`parse_type`. Models written for FLIP-552's
prototypes run unchanged: :class:`PyPredictFunction` is :class:`PredictFunction`,
and :class:`BatchPredictFunction` predicts a pandas DataFrame at a time.
``mlpredict.testing`` runs a model in plain Python (pytest) as the host does.
"""

from ._batch_predict_function import BatchPredictFunction
from ._columns import Columns
from ._context import PredictContext
from ._exceptions import (
    MLPredictError,
    ModelConfigError,
    ModelLoadError,
    NonRetryableError,
    NotAPredictFunctionError,
    PredictClassNotFoundError,
    PredictModuleNotFoundError,
)
from ._model_config import Column, ModelConfig, Schema
from ._nested_types import ArrayType, MapType, MultisetType, RowField, RowType
from ._predict_function import PredictFunction, PyPredictFunction
from ._row import Row
from ._type_parser import parse_type
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

__version__ = "0.1.0"

__all__ = [
    "ArrayType",
    "BatchPredictFunction",
    "BigIntType",
    "BinaryType",
    "BooleanType",
    "CharType",
    "Column",
    "Columns",
    "DataType",
    "DateType",
    "DecimalType",
    "DoubleType",
    "FloatType",
    "IntType",
    "LocalZonedTimestampType",
    "MLPredictError",
    "MapType",
    "ModelConfig",
    "ModelConfigError",
    "ModelLoadError",
    "MultisetType",
    "NonRetryableError",
    "NotAPredictFunctionError",
    "PredictClassNotFoundError",
    "PredictContext",
    "PredictFunction",
    "PredictModuleNotFoundError",
    "PyPredictFunction",
    "Row",
    "RowField",
    "RowType",
    "Schema",
    "SmallIntType",
    "TimeType",
    "TimestampType",
    "TinyIntType",
    "VarBinaryType",
    "VarCharType",
    "parse_type",
]
