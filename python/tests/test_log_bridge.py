"""``logging`` records to the host: the JSON each becomes, and which model logged it."""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import redirect_stderr
from typing import Any

import pytest
from conftest import WriteModel

from mlpredict import PredictFunction, Row
from mlpredict._loader import load_class
from mlpredict._log_bridge import HostLogHandler, install

LOGGER = logging.getLogger("tests.model")


def config(model_name: str) -> str:
    column = {"name": "text", "type": "STRING", "nullable": True}
    return json.dumps(
        {
            "format_version": 1,
            "model_name": model_name,
            "model_directory_path": "/models/m",
            "python_predict_class": "m.M",
            "properties": {},
            "input_schema": {"columns": [column]},
            "output_schema": {"columns": [column]},
        }
    )


def helper(text: str) -> None:
    """A module-level function a model calls: no ``self`` of its own."""
    LOGGER.warning("helper saw %s", text)


class Logs(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        LOGGER.info("predicting %s", data.text)
        helper(data.text)
        return [Row(data.text)]


class Wrapper(PredictFunction):
    """A model that calls another PredictFunction it made itself (not configured by the host)."""

    def predict(self, data: Row) -> list[Row]:
        return Logs().predict(data)


@pytest.fixture
def records() -> Iterator[list[dict[str, Any]]]:
    """The records a host-style handler on the root logger received, as JSON objects."""
    received: list[dict[str, Any]] = []
    root = logging.getLogger()
    level = root.level
    handler = install(lambda payload: received.append(json.loads(payload)), 1, find_model=True)
    yield received
    root.removeHandler(handler)
    root.setLevel(level)


def configured(cls: type[PredictFunction], name: str) -> PredictFunction:
    function = cls()
    function.set_model_config(config(name))
    return function


def test_a_record_names_the_model_whose_code_logged_it(records: list[dict[str, Any]]) -> None:
    first, second = configured(Logs, "first"), configured(Logs, "second")
    first.predict(Row(text="a"))
    second.predict(Row(text="b"))
    assert [(r["model"], r["message"]) for r in records] == [
        ("first", "predicting a"),
        ("first", "helper saw a"),
        ("second", "predicting b"),
        ("second", "helper saw b"),
    ]
    info, warning = records[0], records[1]
    assert (info["level"], info["logger"], info["function"]) == (20, "tests.model", "predict")
    assert (warning["level"], warning["function"], warning["file"]) == (30, "helper", __file__)
    assert warning["line"] == helper.__code__.co_firstlineno + 2


def test_an_inner_unconfigured_function_logs_as_the_calling_model(
    records: list[dict[str, Any]],
) -> None:
    configured(Wrapper, "outer").predict(Row(text="x"))
    assert {r["model"] for r in records} == {"outer"}


def test_records_outside_a_model_name_none(records: list[dict[str, Any]]) -> None:
    LOGGER.warning("not in a model")
    function = configured(Logs, "threaded")
    thread = threading.Thread(target=helper, args=("from a thread",))
    thread.start()
    thread.join()
    function.predict(Row(text="in"))
    assert [(r.get("model"), r["message"]) for r in records] == [
        (None, "not in a model"),
        (None, "helper saw from a thread"),
        ("threaded", "predicting in"),
        ("threaded", "helper saw in"),
    ]


def test_a_record_logged_while_a_model_module_is_imported_names_the_model(
    write_model: WriteModel, records: list[dict[str, Any]]
) -> None:
    directory = write_model(
        "imports",
        {
            "noisy.py": """
                import logging
                from mlpredict import PredictFunction
                logging.getLogger("noisy").warning("imported")
                class Noisy(PredictFunction):
                    pass
            """
        },
    )
    load_class(str(directory), "noisy.Noisy", "noisy-model")
    assert [(r["model"], r["logger"], r["message"]) for r in records] == [
        ("noisy-model", "noisy", "imported")
    ]


def test_the_message_carries_the_traceback_and_stays_valid_utf8(
    records: list[dict[str, Any]],
) -> None:
    try:
        raise ValueError("bad value")
    except ValueError:
        LOGGER.exception("failed on %s", "b\udcff")  # a lone surrogate (surrogateescape)
    [record] = records
    assert record["level"] == logging.ERROR
    message: str = record["message"]
    assert message.startswith("failed on b?\nTraceback (most recent call last):")
    assert message.endswith("ValueError: bad value")


def test_custom_levels_cross_as_numbers(records: list[dict[str, Any]]) -> None:
    LOGGER.setLevel(1)
    try:
        LOGGER.log(5, "trace")
        LOGGER.log(25, "notice")
        LOGGER.log(60, "beyond critical")
    finally:
        LOGGER.setLevel(logging.NOTSET)
    assert [(r["level"], r["message"]) for r in records] == [
        (5, "trace"),
        (25, "notice"),
        (60, "beyond critical"),
    ]


def test_the_root_level_filters_what_reaches_the_host() -> None:
    received: list[str] = []
    root = logging.getLogger()
    level = root.level
    handler = install(received.append, logging.WARNING, find_model=True)
    try:
        LOGGER.info("dropped")
        LOGGER.warning("kept")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert [json.loads(payload)["message"] for payload in received] == ["kept"]


def test_a_failing_sink_is_reported_on_stderr_and_logging_goes_on() -> None:
    def broken(payload: str) -> None:
        raise RuntimeError("sink is broken")

    handler = HostLogHandler(broken, find_model=True)
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        handler.handle(LOGGER.makeRecord("tests.model", 30, __file__, 1, "lost", (), None))
    assert "RuntimeError: sink is broken" in stderr.getvalue()
