"""``E`` answers: failing predictions, failing opens and their host codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from worker_client import Worker, config

from mlpredict import NonRetryableError
from mlpredict.worker.errors import error_payload, qualified_name

MODELS = Path(__file__).parent / "models"
StartWorker = Callable[..., Worker]


def lifecycle(start_worker: StartWorker, tmp_path: Path) -> Worker:
    worker = start_worker()
    marker = {"marker": str(tmp_path / "marker")}
    worker.open(config(MODELS, "lifecycle.Lifecycle", properties=marker))
    return worker


def test_a_failing_predict(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = lifecycle(start_worker, tmp_path)
    kind, error = worker.call("P", ("fail",))
    assert kind == "E"
    assert error["type"] == "lifecycle.ModelError"
    assert error["message"] == "bad input fail"
    assert "raise error  # the raise line" in error["traceback"]
    assert error["traceback"].endswith(
        "lifecycle.ModelError: bad input fail\na note from the model\n"
    )
    assert error["notes"] == ["a note from the model"]
    assert error["retryable"] is True
    assert error["code"] is None
    assert worker.value("P", ("ok",)) == [("ok",)]  # the worker goes on


def test_non_retryable_errors(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = lifecycle(start_worker, tmp_path)
    kind, error = worker.call("P", ("fatal",))
    assert kind == "E"
    assert error["type"] == "mlpredict._exceptions.NonRetryableError"
    assert error["retryable"] is False


def test_sys_exit_in_predict_is_an_error(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = lifecycle(start_worker, tmp_path)
    kind, error = worker.call("B", [("exit",)])
    assert (kind, error["type"], error["message"]) == ("E", "SystemExit", "5")
    assert worker.value("P", ("ok",)) == [("ok",)]


@pytest.mark.parametrize(
    ("python_class", "code", "error_type"),
    [
        ("missing.Model", "moduleNotFound", "mlpredict._exceptions.PredictModuleNotFoundError"),
        ("lifecycle.Missing", "classNotFound", "mlpredict._exceptions.PredictClassNotFoundError"),
        (
            "lifecycle.NotAModel",
            "notAPredictFunction",
            "mlpredict._exceptions.NotAPredictFunctionError",
        ),
        ("no-dots", "config", "mlpredict._exceptions.ModelConfigError"),
    ],
)
def test_open_failures_have_host_codes(
    start_worker: StartWorker, python_class: str, code: str, error_type: str
) -> None:
    worker = start_worker()
    kind, error = worker.call("O", config(MODELS, python_class))
    assert (kind, error["code"], error["type"]) == ("E", code, error_type)
    assert error["retryable"] is True
    assert worker.wait() == 3


def test_an_invalid_model_config_has_the_config_code(start_worker: StartWorker) -> None:
    worker = start_worker()
    request = config(MODELS, "lifecycle.Lifecycle")
    request["model_config"] = "{}"
    kind, error = worker.call("O", request)
    assert (kind, error["code"]) == ("E", "config")
    assert worker.wait() == 3


def test_a_failing_open_closes_the_model(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = start_worker()
    marker = tmp_path / "marker"
    request = config(MODELS, "lifecycle.BrokenOpen", properties={"marker": str(marker)})
    kind, error = worker.call("O", request)
    assert (kind, error["type"], error["message"], error["code"]) == (
        "E",
        "RuntimeError",
        "open failed",
        None,
    )
    assert worker.wait() == 3
    assert marker.read_text() == "closed"


def test_unprintable_exceptions() -> None:
    class UnprintableError(Exception):
        def __str__(self) -> str:
            raise ValueError("no")

    payload = error_payload(UnprintableError())
    assert payload["message"].startswith("<unprintable ")
    assert payload["message"].endswith("UnprintableError object>")


def test_loader_codes_only_while_loading() -> None:
    from mlpredict import ModelConfigError

    assert error_payload(ModelConfigError("x"), loading=True)["code"] == "config"
    assert error_payload(ModelConfigError("x"))["code"] is None
    assert error_payload(NonRetryableError("x"))["retryable"] is False


def test_qualified_names() -> None:
    assert qualified_name(ValueError) == "ValueError"
    assert qualified_name(NonRetryableError) == "mlpredict._exceptions.NonRetryableError"


def test_errors_are_described_even_when_the_model_replaced_isinstance() -> None:
    import builtins

    from mlpredict.worker.errors import error_payload

    original = builtins.isinstance

    def hostile(obj: object, cls: object) -> bool:
        raise RuntimeError("replaced")

    builtins.isinstance = hostile
    try:
        payload = error_payload(ValueError("boom"))
    finally:
        builtins.isinstance = original
    assert payload["type"] == "ValueError"
    assert payload["message"] == "boom"
