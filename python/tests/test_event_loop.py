"""The asyncio runner behind ``async def predict`` models."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from typing import Any

import pytest

from mlpredict import PredictFunction, Row
from mlpredict._event_loop import BlockingCall, event_loop, start
from mlpredict._host import host_method


class AsyncEcho(PredictFunction):
    def __init__(self) -> None:
        self.active = 0
        self.peak = 0

    async def predict(self, data: Row) -> list[Row]:
        self.active += 1
        self.peak = max(self.peak, self.active)
        await asyncio.sleep(0.05)
        self.active -= 1
        if data[0] == "raise":
            raise ValueError("cannot predict 'raise'")
        return [Row(data[0], threading.current_thread().name)]


class AsyncBatch(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        raise AssertionError("predict_batch is overridden")

    async def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
        await asyncio.sleep(0)
        return [[Row(len(rows))] for _ in rows]


class SyncEcho(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        if data[0] == "raise":
            raise ValueError("cannot predict 'raise'")
        return [Row(data[0])]


def test_one_loop_per_process_in_a_daemon_thread() -> None:
    loop = event_loop()
    assert event_loop() is loop
    assert loop.is_running()
    threads = [thread for thread in threading.enumerate() if thread.name == "mlpredict-asyncio"]
    assert len(threads) == 1
    assert threads[0].daemon


def test_plain_methods_are_returned_unchanged() -> None:
    function = SyncEcho()
    assert host_method(function, "predict") == function.predict
    assert host_method(function, "predict_batch") == function.predict_batch


def test_coroutine_predict_blocks_until_complete() -> None:
    predict = host_method(AsyncEcho(), "predict")
    assert isinstance(predict, BlockingCall)
    assert predict(Row("a")) == [Row("a", "mlpredict-asyncio")]
    with pytest.raises(ValueError, match="cannot predict 'raise'"):
        predict(Row("raise"))


def test_default_batch_of_a_coroutine_predict_runs_rows_concurrently() -> None:
    function = AsyncEcho()
    predict_batch = host_method(function, "predict_batch")
    began = time.monotonic()
    result = predict_batch([Row(str(index)) for index in range(40)])
    assert time.monotonic() - began < 1.5  # 40 sequential sleeps would take 2 s
    assert function.peak == 40
    assert result == [[Row(str(index), "mlpredict-asyncio")] for index in range(40)]


def test_overridden_coroutine_batch_is_used() -> None:
    predict_batch = host_method(AsyncBatch(), "predict_batch")
    assert isinstance(predict_batch, BlockingCall)
    assert predict_batch([Row("a"), Row("b")]) == [[Row(2)], [Row(2)]]


def collect(count: int) -> tuple[list[concurrent.futures.Future[Any]], threading.Event, Any]:
    futures: list[concurrent.futures.Future[Any]] = []
    finished = threading.Event()

    def done(future: concurrent.futures.Future[Any]) -> None:
        futures.append(future)
        if len(futures) == count:
            finished.set()

    return futures, finished, done


def test_start_reports_coroutines_through_the_callback_without_blocking() -> None:
    function = AsyncEcho()
    predict = host_method(function, "predict")
    futures, finished, done = collect(30)
    began = time.monotonic()
    for index in range(29):
        start(predict, Row(str(index)), done)
    start(predict, Row("raise"), done)
    assert time.monotonic() - began < 0.5  # returned before the coroutines finished
    assert finished.wait(timeout=10)
    assert function.peak >= 2
    results = sorted(future.result()[0][0] for future in futures if future.exception() is None)
    assert results == sorted(str(index) for index in range(29))
    errors = [future.exception() for future in futures if future.exception() is not None]
    assert [str(error) for error in errors] == ["cannot predict 'raise'"]


def test_start_calls_plain_methods_at_once() -> None:
    function = SyncEcho()
    futures, finished, done = collect(2)
    start(function.predict, Row("a"), done)
    start(function.predict, Row("raise"), done)
    assert finished.is_set()
    assert futures[0].result() == [Row("a")]
    with pytest.raises(ValueError, match="cannot predict 'raise'"):
        futures[1].result()


class Exiting(PredictFunction):
    """Raises what the row names: SystemExit, KeyboardInterrupt, or stops the running loop."""

    async def predict(self, data: Row) -> list[Row]:
        await asyncio.sleep(0)
        if data[0] == "exit":
            raise SystemExit(3)
        if data[0] == "interrupt":
            raise KeyboardInterrupt
        if data[0] == "stop":
            asyncio.get_running_loop().stop()
            await asyncio.sleep(10)
        return [Row(data[0])]


@pytest.mark.parametrize("name", ["predict", "predict_batch"])
@pytest.mark.parametrize(
    ("row", "raised"), [("exit", "SystemExit(3)"), ("interrupt", "KeyboardInterrupt()")]
)
def test_system_exit_and_keyboard_interrupt_become_runtime_errors(
    name: str, row: str, raised: str
) -> None:
    loop = event_loop()
    futures, finished, done = collect(1)
    start(host_method(Exiting(), name), Row(row) if name == "predict" else [Row(row)], done)
    assert finished.wait(timeout=10), "the call must complete"
    error = futures[0].exception()
    assert isinstance(error, RuntimeError)
    assert str(error) == f"async def model raised {raised}"
    assert type(error.__cause__).__name__ == raised.split("(")[0]
    assert event_loop() is loop and loop.is_running()


def test_a_stopped_loop_fails_its_pending_calls_and_is_replaced() -> None:
    loop = event_loop()
    futures, finished, done = collect(1)
    start(host_method(Exiting(), "predict"), Row("stop"), done)
    assert finished.wait(timeout=10), "the pending call must complete"
    assert futures[0].cancelled()
    assert event_loop() is not loop
    assert host_method(Exiting(), "predict")(Row("again")) == [Row("again")]
    assert host_method(AsyncEcho(), "predict")(Row("next")) == [Row("next", "mlpredict-asyncio")]
