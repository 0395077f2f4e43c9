"""A model that misbehaves on demand, for the isolation tests.

INPUT (text STRING), OUTPUT (text STRING, n BIGINT). The text says what to do: 'segfault',
'abort', 'exit' (os._exit(0)), 'fork', 'loop' (endless pure-Python loop), 'deadlock' (a
threading.Lock taken twice), 'raise', 'nonretryable', 'flaky' (raises until called 3 times),
'hijack' (replaces builtins.isinstance with one that raises, then raises), 'restore', 'count'
(read-modify-write of a counter with a sleep in between), 'allocate' (2 GiB), 'version', 'pid',
'fds' (the open descriptors); anything else is echoed with n = 1. Properties: 'pid-file' (each
process appends its pid on open), 'open-once-file' (open fails if the file exists, else creates
it), 'closed-file' (close appends).
"""

from __future__ import annotations

import builtins
import ctypes
import os
import threading
import time

from mlpredict import NonRetryableError, PredictFunction, Row

_isinstance = builtins.isinstance


def _hostile_isinstance(obj: object, cls: object) -> bool:
    raise RuntimeError("isinstance was replaced by the model")


class HostilePredictFunction(PredictFunction):
    def open(self, context: object) -> None:
        self.count = 0
        self.flaky_calls = 0
        self.final_calls = 0
        self.lock = threading.Lock()
        once = self.properties.get("open-once-file")
        if once:
            if os.path.exists(once):
                raise RuntimeError("open refuses: this model opens in one process only")
            with open(once, "w") as file:
                file.write("opened\n")
        marker = self.properties.get("pid-file")
        if marker:
            with open(marker, "a") as file:
                file.write(f"{os.getpid()}\n")

    def predict(self, data: Row) -> list[Row]:
        text = data.text
        if text == "segfault":
            ctypes.string_at(0)
        elif text == "abort":
            os.abort()
        elif text == "exit":
            os._exit(0)
        elif text == "fork":
            child = os.fork()
            return [Row("forked", child)]
        elif text == "loop":
            while True:
                pass
        elif text == "deadlock":
            self.lock.acquire()
            self.lock.acquire()
        elif text == "raise":
            raise ValueError("cannot predict 'raise'")
        elif text == "nonretryable":
            self.final_calls += 1
            raise NonRetryableError(f"attempt {self.final_calls} is final")
        elif text == "flaky":
            self.flaky_calls += 1
            if self.flaky_calls < 3:
                raise ConnectionError(f"attempt {self.flaky_calls} failed")
            return [Row("flaky", self.flaky_calls)]
        elif text == "hijack":
            builtins.isinstance = _hostile_isinstance
            raise ValueError("hijacked")
        elif text == "restore":
            builtins.isinstance = _isinstance
        elif text == "count":
            value = self.count
            time.sleep(0.002)
            self.count = value + 1
            return [Row("count", self.count)]
        elif text == "allocate":
            block = bytearray(2 << 30)
            return [Row("allocated", len(block))]
        elif text == "version":
            import sys

            return [Row(".".join(map(str, sys.version_info[:2])), 0)]
        elif text == "pid":
            return [Row("pid", os.getpid())]
        elif text == "fds":
            return [Row(" ".join(sorted(os.listdir("/proc/self/fd"), key=int)), 0)]
        return [Row(text, 1)]

    def close(self) -> None:
        marker = self.properties.get("closed-file")
        if marker:
            time.sleep(0.2)
            with open(marker, "a") as file:
                file.write("closed\n")
