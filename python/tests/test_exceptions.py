from __future__ import annotations

from typing import Any

import pytest

from mlpredict import (
    MLPredictError,
    ModelConfigError,
    ModelLoadError,
    NonRetryableError,
    NotAPredictFunctionError,
    PredictClassNotFoundError,
    PredictModuleNotFoundError,
)


@pytest.mark.parametrize(
    ("error", "bases"),
    [
        (MLPredictError, (Exception,)),
        (NonRetryableError, (MLPredictError,)),
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


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (PredictModuleNotFoundError, "moduleNotFound"),
        (PredictClassNotFoundError, "classNotFound"),
        (NotAPredictFunctionError, "notAPredictFunction"),
        (ModelConfigError, "config"),
    ],
)
def test_loader_errors_have_host_codes(error: type[Any], code: str) -> None:
    assert error.host_code == code
    assert error("message").host_code == code
