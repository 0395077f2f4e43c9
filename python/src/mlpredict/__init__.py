"""MLPredict: run Python models from ``ML_PREDICT``, following Flink's FLIP-552.

A model subclasses :class:`PredictFunction`; it receives and returns
:class:`Row` values and gets its configuration as a :class:`ModelConfig` and a
:class:`PredictContext`.
"""

from ._context import PredictContext
from ._exceptions import (
    MLPredictError,
    ModelConfigError,
    ModelLoadError,
    NotAPredictFunctionError,
    PredictClassNotFoundError,
    PredictModuleNotFoundError,
)
from ._model_config import Column, ModelConfig, Schema
from ._predict_function import PredictFunction
from ._row import Row

__version__ = "0.1.0"

__all__ = [
    "Column",
    "MLPredictError",
    "ModelConfig",
    "ModelConfigError",
    "ModelLoadError",
    "NotAPredictFunctionError",
    "PredictClassNotFoundError",
    "PredictContext",
    "PredictFunction",
    "PredictModuleNotFoundError",
    "Row",
    "Schema",
]
