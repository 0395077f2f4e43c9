"""The errors ``mlpredict.testing`` raises where the Swift host fails a call.

Each carries the host's error code (``MLPredictError.Code``: ``invalidOutput``,
``predictFailed``...) and the host's message, word for word where the check is
the same; the Python exception that caused it (a model's own) is ``__cause__``.

Hierarchy::

    MLPredictError
     └── HostError                 (code, model)
          ├── DefinitionError       the statement or its options
          ├── LoadFailedError       importing the class, creating an instance
          ├── OpenFailedError       set_model_config or open
          ├── InvalidInputError     a row that does not fit the INPUT columns
          ├── PredictFailedError    predict, predict_batch or predict_columns raised
          ├── InvalidOutputError    a result that does not fit the OUTPUT columns
          ├── CloseFailedError      close raised
          └── ModelClosedError      a call after close
"""

from __future__ import annotations

from ._exceptions import MLPredictError


class HostError(MLPredictError):
    """A failure the host reports: ``str(error)`` is the host's message."""

    def __init__(self, code: str, message: str, model: str | None = None) -> None:
        """Hold the host's error ``code``, its ``message`` and the model's name."""
        super().__init__(message)
        self.code = code
        """The host's error code (``MLPredictError.Code``), such as ``invalidOutput``."""
        self.model = model
        """The model concerned, when there is one."""


class DefinitionError(HostError):
    """The ``CREATE MODEL`` statement or its options are not valid (before Python is touched)."""


class LoadFailedError(HostError):
    """The predict class could not be loaded or instantiated (``moduleNotFound``...)."""


class OpenFailedError(HostError):
    """``set_model_config`` or ``open`` raised (``openFailed``)."""


class InvalidInputError(HostError):
    """An input row or column does not fit the INPUT columns (``invalidInput``)."""


class PredictFailedError(HostError):
    """The model's predict method raised (``predictFailed``); the exception is ``__cause__``."""


class InvalidOutputError(HostError):
    """What the model returned does not fit the OUTPUT columns (``invalidOutput``)."""


class CloseFailedError(HostError):
    """The model's ``close`` raised (``closeFailed``)."""


class ModelClosedError(HostError):
    """The model was used after it was closed (``modelClosed``)."""
