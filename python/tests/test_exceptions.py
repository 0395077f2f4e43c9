from __future__ import annotations

import pytest

from mlpredict import (
    MLPredictError,
    ModelConfigError,
    ModelLoadError,
    NotAPredictFunctionError,
    PredictClassNotFoundError,
    PredictModuleNotFoundError,
)


@pytest.mark.parametrize(
    ("error", "bases"),
    [
        (MLPredictError, (Exception,)),
        (ModelConfigError, (MLPredictError, ValueError)),
        (ModelLoadError, (MLPredictError, ImportError)),
        (PredictModuleNotFoundError, (ModelLoadError,)),
        (PredictClassNotFoundError, (ModelLoadError,)),
        (NotAPredictFunctionError, (ModelLoadError, TypeError)),
    ],
)
def test_hierarchy(error: type[Exception], bases: tuple[type[Exception], ...]) -> None:
    assert error.__bases__ == bases


def test_load_errors_are_import_errors() -> None:
    for error in (PredictModuleNotFoundError, PredictClassNotFoundError, NotAPredictFunctionError):
        assert issubclass(error, ImportError)
        assert issubclass(error, MLPredictError)
        assert str(error("message")) == "message"
