"""A test host for worker processes: spawns ``python -m mlpredict.worker`` and frames requests."""

from __future__ import annotations

import fcntl
import json
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mlpredict.worker.framing import read_frame, write_frame

SRC = Path(__file__).resolve().parents[2] / "src"
TIMEOUT = 120.0  # generous: a loaded 2-core machine may be slow to start Python


def high_fd(fd: int) -> int:
    """A non-inheritable duplicate of ``fd`` numbered 10 or more (never 0-4); closes ``fd``."""
    duplicate = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return duplicate


def worker_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLPREDICT_WORKER_")}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    env.update(extra or {})
    return env


def spawn(
    python: str, request_read: int, response_write: int, output_write: int, env: dict[str, str]
) -> int:
    """Start a worker with fds 3, 4 and 1-2 from these pipe ends; its pid."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, output_write, 1),
        (os.POSIX_SPAWN_DUP2, output_write, 2),
        (os.POSIX_SPAWN_DUP2, request_read, 3),
        (os.POSIX_SPAWN_DUP2, response_write, 4),
    ]
    return os.posix_spawn(python, [python, "-m", "mlpredict.worker"], env, file_actions=actions)


def config(
    directory: Path,
    python_class: str,
    inputs: Sequence[tuple[str, str]] = (("text", "STRING"),),
    outputs: Sequence[tuple[str, str]] = (("text", "STRING"),),
    properties: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The payload of an ``O`` request for a model in ``directory``."""

    def schema(columns: Sequence[tuple[str, str]]) -> dict[str, Any]:
        return {"columns": [{"name": n, "type": t, "nullable": True} for n, t in columns]}

    model_config = {
        "format_version": 1,
        "model_name": "test-model",
        "model_directory_path": str(directory),
        "python_predict_class": python_class,
        "properties": dict(properties or {}),
        "input_schema": schema(inputs),
        "output_schema": schema(outputs),
    }
    return {
        "model_config": json.dumps(model_config),
        "model_directory": str(directory),
        "python_class": python_class,
        "model_name": "test-model",
    }


class Worker:
    """One worker process, its request and response pipes and its captured output."""

    def __init__(self, python: str = sys.executable, env: Mapping[str, str] | None = None) -> None:
        request_read, self.requests = (high_fd(fd) for fd in os.pipe())
        self.responses, response_write = (high_fd(fd) for fd in os.pipe())
        output_read, output_write = (high_fd(fd) for fd in os.pipe())
        try:
            self.pid = spawn(python, request_read, response_write, output_write, worker_env(env))
        finally:
            for fd in (request_read, response_write, output_write):
                os.close(fd)
        self.returncode: int | None = None
        self.records: list[dict[str, Any]] = []
        """The log records the worker sent (``L`` frames), as JSON objects, in order."""
        self._next_id = 1
        self._output = bytearray()
        self._reader = threading.Thread(target=self._drain, args=(output_read,), daemon=True)
        self._reader.start()

    def _drain(self, fd: int) -> None:
        with os.fdopen(fd, "rb", buffering=0) as file:
            while chunk := file.read(65536):
                self._output += chunk

    @property
    def output(self) -> str:
        """What the worker wrote to fds 1 and 2 so far."""
        return self._output.decode("utf-8", "replace")

    def send(self, kind: str, payload: object) -> int:
        """Send a request; its id."""
        request_id = self._next_id
        self._next_id += 1
        write_frame(self.requests, kind, request_id, pickle.dumps(payload, protocol=5))
        return request_id

    def receive(self, timeout: float = TIMEOUT) -> tuple[str, int, Any] | None:
        """The next response ``(kind, id, value)``; ``None`` at end of file.

        Log records (``L`` frames) met on the way are kept in :attr:`records`.
        """
        while True:
            readable, _, _ = select.select([self.responses], [], [], timeout)
            if not readable:
                raise TimeoutError(f"no response within {timeout}s; output: {self.output}")
            frame = read_frame(self.responses)
            if frame is None:
                return None
            kind, request_id, payload = frame
            if kind != "L":
                return kind, request_id, pickle.loads(payload)
            self.records.append(json.loads(payload.decode("utf-8")))

    def call(self, kind: str, payload: object) -> tuple[str, Any]:
        """Send a request and return its response ``(kind, value)``."""
        request_id = self.send(kind, payload)
        response = self.receive()
        assert response is not None, f"worker exited; output: {self.output}"
        assert response[1] == request_id
        return response[0], response[2]

    def open(self, payload: Mapping[str, str]) -> dict[str, Any]:
        kind, value = self.call("O", payload)
        assert kind == "R", value
        return value  # type: ignore[no-any-return]

    def value(self, kind: str, payload: object) -> Any:
        answer, value = self.call(kind, payload)
        assert answer == "V", value
        return value

    def close_requests(self) -> None:
        if self.requests >= 0:
            os.close(self.requests)
            self.requests = -1

    def wait(self, timeout: float = TIMEOUT) -> int:
        """Wait for the worker to exit; its exit status (negative: killed by that signal)."""
        deadline = time.monotonic() + timeout
        while self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > deadline:
                raise TimeoutError(f"worker {self.pid} still running; output: {self.output}")
            else:
                time.sleep(0.05)
        self._reader.join(timeout)
        return self.returncode

    def stop(self) -> None:
        """End the worker however it is: close fd 3, then kill if needed; close our fds."""
        self.close_requests()
        if self.returncode is None:
            try:
                self.wait(30)
            except TimeoutError:
                os.kill(self.pid, signal.SIGKILL)
                self.wait()
        if self.responses >= 0:
            os.close(self.responses)
            self.responses = -1
