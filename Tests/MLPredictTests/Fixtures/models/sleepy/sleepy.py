"""Slow models for the async API and streams.

INPUT (text STRING), OUTPUT (text STRING, calls BIGINT): each output row is the input text and
the number of predict calls begun so far, so a test can ask how many calls Python has seen.
"""

import asyncio
import os
import time

from mlpredict import PredictFunction, Row


class SleepingPredictFunction(PredictFunction):
    """A plain predict that sleeps 50 ms (time.sleep releases the GIL); 'raise' raises.

    With the property 'gate' (a file path) it sleeps instead until that file exists, 60 s at most
    (then it raises): a test opens the gate from a task, which proves that tasks still ran while
    this prediction was awaited, however loaded the machine.
    """

    calls = 0

    def predict(self, data: Row) -> list[Row]:
        self.calls += 1
        calls = self.calls
        if data.text == "raise":
            raise ValueError("cannot predict 'raise'")
        gate = self.properties.get("gate")
        if gate is None:
            time.sleep(float(self.properties.get("seconds", "0.05")))
        else:
            deadline = time.monotonic() + 60
            while not os.path.exists(gate):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the gate {gate} was not opened in 60 s")
                time.sleep(0.005)
        return [Row(data.text, calls)]


class AsyncSleepingPredictFunction(PredictFunction):
    """An async def predict awaiting asyncio.sleep(0.05), as a model calling a remote service.

    The input 'peak' returns the most predictions that were sleeping at once instead.
    """

    calls = 0
    sleeping = 0
    peak = 0

    async def predict(self, data: Row) -> list[Row]:
        if data.text == "peak":
            return [Row("peak", self.peak)]
        self.calls += 1
        calls = self.calls
        self.sleeping += 1
        self.peak = max(self.peak, self.sleeping)
        await asyncio.sleep(float(self.properties.get("seconds", "0.05")))
        self.sleeping -= 1
        if data.text == "raise":
            raise ValueError("cannot predict 'raise'")
        return [Row(data.text, calls)]


class AsyncBatchPredictFunction(PredictFunction):
    """An async def predict_batch: one output row per input, with the batch's size."""

    async def predict(self, data: Row) -> list[Row]:
        raise AssertionError("predict_batch is overridden")

    async def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
        await asyncio.sleep(0.01)
        return [[Row(row.text, len(rows))] for row in rows]


class ExitingPredictFunction(PredictFunction):
    """An async def predict: 'exit' raises SystemExit('bye'), 'interrupt' KeyboardInterrupt."""

    async def predict(self, data: Row) -> list[Row]:
        await asyncio.sleep(0)
        if data.text == "exit":
            raise SystemExit("bye")
        if data.text == "interrupt":
            raise KeyboardInterrupt
        return [Row(data.text, 0)]
