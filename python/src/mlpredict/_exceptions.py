"""Exceptions raised by mlpredict.

Hierarchy (the host maps these to its own error codes by class name)::

    Exception
     └── MLPredictError
          ├── ModelConfigError             (also a ValueError)
          └── ModelLoadError               (also an ImportError)
               ├── PredictModuleNotFoundError
               ├── PredictClassNotFoundError
               └── NotAPredictFunctionError  (also a TypeError)

Errors raised by the user's own code (a ``SyntaxError`` in the model module, a
``ModuleNotFoundError`` for a missing dependency, an exception in ``open`` or
``predict``) are never wrapped: they propagate unchanged with their traceback.
"""


class MLPredictError(Exception):
    """Base class of every error raised by mlpredict itself."""


class ModelConfigError(MLPredictError, ValueError):
    """The model config is invalid; the message names the offending key path."""


class ModelLoadError(MLPredictError, ImportError):
    """The predict class named by ``python-predict-class`` could not be loaded."""


class PredictModuleNotFoundError(ModelLoadError):
    """The predict class's module is not in the model directory."""


class PredictClassNotFoundError(ModelLoadError):
    """The predict class's module does not define the named class."""


class NotAPredictFunctionError(ModelLoadError, TypeError):
    """The named object is not a subclass of ``mlpredict.PredictFunction``."""
