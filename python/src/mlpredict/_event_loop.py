"""Runs ``async def`` models: one asyncio event loop in a daemon thread per process.

The host calls a model's methods as ``PredictFunction.host_method`` returns
them: a coroutine function becomes a :class:`BlockingCall` (the host's
synchronous API: the caller waits, the GIL released, until the coroutine
completes on the loop); :func:`start` reports completion to a callback instead
of blocking (the host's asynchronous API: many coroutines in flight at once).
This module knows nothing of ``PredictFunction``, which imports it.

A ``SystemExit`` or ``KeyboardInterrupt`` raised by a model's coroutine reaches
the host as a ``RuntimeError`` (the original as its ``__cause__``) instead of
stopping the loop; a loop stopped anyway (``loop.stop()``, such an exception in
a task the model created) cancels its pending coroutines and is replaced on the
next call.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import inspect
import threading
from collections.abc import Callable, Coroutine
from typing import Any

CoroutineFunction = Callable[[Any], Coroutine[Any, Any, Any]]
Done = Callable[["concurrent.futures.Future[Any]"], object]

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def event_loop() -> asyncio.AbstractEventLoop:
    """The process's model event loop, started in a daemon thread on first use and when stopped."""
    global _loop
    with _lock:
        if _loop is None or not _loop.is_running() or _loop.is_closed():
            loop = asyncio.new_event_loop()
            ready = threading.Event()
            threading.Thread(
                target=_run, args=(loop, ready), name="mlpredict-asyncio", daemon=True
            ).start()
            ready.wait()
            _loop = loop
        return _loop


def _run(loop: asyncio.AbstractEventLoop, ready: threading.Event) -> None:
    """Runs ``loop`` until it stops, then cancels the tasks it left, so no caller waits forever."""
    global _loop
    asyncio.set_event_loop(loop)
    loop.call_soon(ready.set)
    try:
        loop.run_forever()
    finally:
        with _lock:
            if _loop is loop:
                _loop = None  # later calls start a new loop
        with contextlib.suppress(BaseException):  # the model may stop this loop too
            while tasks := asyncio.all_tasks(loop):
                for task in tasks:
                    task.cancel()
                loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.close()


async def _guarded(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Awaits ``coroutine``, raising ``SystemExit`` and ``KeyboardInterrupt`` as ``RuntimeError``.

    asyncio lets those two escape the task and stop the loop.
    """
    try:
        return await coroutine
    except (SystemExit, KeyboardInterrupt) as error:
        raise RuntimeError(f"async def model raised {error!r}") from error


def submit(coroutine: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
    """Schedule ``coroutine`` on the model event loop; its outcome arrives in the future."""
    return asyncio.run_coroutine_threadsafe(_guarded(coroutine), event_loop())


class BlockingCall:
    """A coroutine function called synchronously: waits for the coroutine on the model loop."""

    def __init__(self, coroutine_function: CoroutineFunction) -> None:
        self.coroutine_function = coroutine_function

    def __call__(self, argument: Any) -> Any:
        return submit(self.coroutine_function(argument)).result()

    def __repr__(self) -> str:
        return f"BlockingCall({self.coroutine_function!r})"


def blocking(method: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``method`` as the host's synchronous API calls it (a coroutine function is waited for)."""
    return BlockingCall(method) if inspect.iscoroutinefunction(method) else method


def gather_batch(predict: CoroutineFunction) -> CoroutineFunction:
    """A ``predict_batch`` that runs an ``async def predict`` for every row at once."""

    async def predict_batch(rows: list[Any]) -> list[Any]:
        return list(await asyncio.gather(*(_guarded(predict(row)) for row in rows)))

    return predict_batch


def start(method: Callable[[Any], Any], argument: Any, done: Done) -> None:
    """Call ``method(argument)`` and pass the completed future to ``done``.

    For a :class:`BlockingCall` the coroutine is scheduled on the model loop
    and ``done`` runs in the loop's thread when it completes; otherwise
    ``method`` runs now and ``done`` is called before ``start`` returns. The
    future holds the result or the exception raised.
    """
    if isinstance(method, BlockingCall):
        submit(method.coroutine_function(argument)).add_done_callback(done)
        return
    future: concurrent.futures.Future[Any] = concurrent.futures.Future()
    try:
        future.set_result(method(argument))
    except BaseException as error:  # handed to the host, traceback included
        future.set_exception(error)
    done(future)
