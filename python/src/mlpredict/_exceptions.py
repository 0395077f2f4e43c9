"""Exceptions raised by mlpredict.

Hierarchy (the host maps these to its own error codes by class name)::

    Exception
     └── MLPredictError
          ├── NonRetryableError            (raised by models: do not retry)
          ├── ModelConfigError             (also a ValueError)
          ├── ModelLoadError               (also an ImportError)
          │    ├── PredictModuleNotFoundError
          │    ├── PredictClassNotFoundError
          │    └── NotAPredictFunctionError  (also a TypeError)
          └── EnvironmentConflictError     (a model's environment would change imports)

The loader's errors carry a ``host_code`` class attribute: the code a worker
process reports to the host for them (``moduleNotFound``, ``classNotFound``,
``notAPredictFunction``, ``config``).

Errors raised by the user's own code (a ``SyntaxError`` in the model module, a
``ModuleNotFoundError`` for a missing dependency, an exception in ``open`` or
``predict``) are never wrapped: they propagate unchanged with their traceback.
"""


class MLPredictError(Exception):
    """Base class of every error raised by mlpredict itself."""


class NonRetryableError(MLPredictError):
    """Raise it (or a subclass) from ``predict`` to mark an error the host must not retry.

    Any other exception a model raises may be retried by the host (for
    example on a fresh worker process); this one fails the prediction at once.
    """


class ModelConfigError(MLPredictError, ValueError):
    """The model config is invalid; the message names the offending key path."""

    host_code: str = "config"


class ModelLoadError(MLPredictError, ImportError):
    """The predict class named by ``python-predict-class`` could not be loaded."""


class PredictModuleNotFoundError(ModelLoadError):
    """The predict class's module is not in the model directory."""

    host_code: str = "moduleNotFound"


class PredictClassNotFoundError(ModelLoadError):
    """The predict class's module does not define the named class."""

    host_code: str = "classNotFound"


class NotAPredictFunctionError(ModelLoadError, TypeError):
    """The named object is not a subclass of ``mlpredict.PredictFunction``."""

    host_code: str = "notAPredictFunction"


class EnvironmentConflictError(MLPredictError):
    """A model's environment conflicts with what the shared interpreter already has.

    Raised by the host's :func:`mlpredict._environments.add_environment`; the
    message lists each conflict (see ``docs/environments.md``).
    """
