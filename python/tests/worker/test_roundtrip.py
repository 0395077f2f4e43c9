"""Requests and answers: open, predict, predict_batch and predict_columns through a worker."""

from __future__ import annotations

import array
import datetime
import glob
import os
import platform
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from worker_client import Worker, config

from mlpredict import Row

MODELS = Path(__file__).parent / "models"
StartWorker = Callable[..., Worker]

INPUTS = (
    ("text", "STRING"),
    ("price", "DECIMAL(10, 2)"),
    ("at", "TIMESTAMP(6)"),
    ("point", "ROW<x DOUBLE, y DOUBLE>"),
    ("missing", "INT"),
)
VALUES = (
    "héllo",
    Decimal("12.34"),
    datetime.datetime(2024, 5, 6, 7, 8, 9, 123456),
    Row.type_for(["x", "y"])(1.5, -2.0),
    None,
)


def other_pythons() -> list[str]:
    """Interpreters 3.12 and 3.13 of pyenv, if installed."""
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    found = []
    for version in ("3.12", "3.13"):
        candidates = sorted(glob.glob(f"{root}/versions/{version}*/bin/python{version}"))
        if candidates:
            found.append(candidates[-1])
    return found


def roundtrip(worker: Worker) -> None:
    ready = worker.open(config(MODELS, "roundtrip.Echo", INPUTS, INPUTS))
    assert ready["pid"] == worker.pid

    [row] = worker.value("P", VALUES)
    assert type(row) is Row.type_for([name for name, _ in INPUTS])
    assert row == VALUES
    assert row.point.y == -2.0
    assert type(row.point) is Row.type_for(["x", "y"])

    batch = worker.value("B", [VALUES, ("other", None, None, None, 7)])
    assert batch == [[VALUES], [("other", None, None, None, 7)]]

    columns = [[value] for value in VALUES]
    result = worker.value("C", columns)
    assert result == {
        name: ["list:", value] for (name, _), value in zip(INPUTS, VALUES, strict=True)
    }

    worker.close_requests()
    assert worker.wait() == 0


def test_roundtrip(start_worker: StartWorker) -> None:
    worker = start_worker()
    roundtrip(worker)
    assert worker.output == ""


@pytest.mark.parametrize("python", other_pythons() or [None])
def test_roundtrip_on_other_pythons(start_worker: StartWorker, python: str | None) -> None:
    if python is None:
        pytest.skip("no pyenv Python 3.12 or 3.13")
    worker = start_worker(python=python)
    roundtrip(worker)


def test_ready_names_the_python_version(start_worker: StartWorker) -> None:
    worker = start_worker()
    ready = worker.open(config(MODELS, "roundtrip.Echo"))
    assert ready == {"pid": worker.pid, "python": platform.python_version()}


def test_typed_columns_arrive_as_read_only_memoryviews(start_worker: StartWorker) -> None:
    worker = start_worker()
    outputs = (("x", "DOUBLE"), ("info", "STRING"))
    worker.open(config(MODELS, "roundtrip.Doubler", (("x", "DOUBLE"),), outputs))
    data = array.array("d", [1.0, 2.5, -3.0]).tobytes()
    result = worker.value("C", [("d", data)])
    assert result == {"x": [2.0, 5.0, -6.0], "info": ["memoryview:d:True"] * 3}


def test_pipelined_requests_are_answered_in_order(start_worker: StartWorker) -> None:
    worker = start_worker()
    worker.open(config(MODELS, "roundtrip.Echo"))
    ids = [worker.send("P", (str(i),)) for i in range(50)]
    answers = [worker.receive() for _ in ids]
    assert [(kind, request_id) for kind, request_id, _ in answers] == [("V", i) for i in ids]
    assert [value for _, _, value in answers] == [[(str(i),)] for i in range(50)]


def test_a_large_batch(start_worker: StartWorker) -> None:
    worker = start_worker()
    worker.open(config(MODELS, "roundtrip.Echo"))
    rows = [(f"row {i} " + "x" * 100,) for i in range(20_000)]
    assert worker.value("B", rows) == [[row] for row in rows]


def test_async_def_predict_and_batch(start_worker: StartWorker) -> None:
    worker = start_worker()
    worker.open(config(MODELS, "roundtrip.AsyncEcho"))
    assert worker.value("P", ("abc",)) == [("ABC",)]
    assert worker.value("B", [("a",), ("b",)]) == [[("A",)], [("B",)]]
    assert worker.value("C", [["a", "b"]]) == {"text": ["A", "B"]}


def test_async_def_predict_columns(start_worker: StartWorker) -> None:
    worker = start_worker()
    worker.open(config(MODELS, "roundtrip.AsyncColumns"))
    assert worker.value("C", [["a", "b"]]) == {"text": ["A", "B"]}


def test_requests_before_open_fail(start_worker: StartWorker) -> None:
    worker = start_worker()
    kind, error = worker.call("P", ("a",))
    assert kind == "E"
    assert error["type"] == "mlpredict.worker.server.ProtocolError"
    assert "before the model was opened" in error["message"]
    worker.open(config(MODELS, "roundtrip.Echo"))
    assert worker.value("P", ("a",)) == [("a",)]
