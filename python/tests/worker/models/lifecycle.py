"""Fixture model for the worker's process behaviour: output, close, fork, memory, failures."""

import logging
import os
import sys
import threading
import time
from pathlib import Path

from mlpredict import NonRetryableError, PredictFunction, Row


class ModelError(Exception):
    pass


def _chatter() -> None:
    """Logs many long records from a thread of the model's own, while the worker answers."""
    for number in range(300):
        logging.getLogger("chatter").warning("record %d %s", number, "x" * 4000)


class Lifecycle(PredictFunction):
    def open(self, context):
        super().open(context)
        self.marker = Path(self.properties["marker"])

    def predict(self, data):
        kind = data.text
        if kind == "print":
            print("printed by predict")
            logging.getLogger("model").warning("logged by predict")
            os.system("echo echoed by a child process")
        elif kind == "fork":
            pid = os.fork()
            if pid == 0:
                logging.getLogger("model").warning("logged by a forked child")
                try:
                    os.write(4, b"\x05\x00\x00\x00Vgarbage")
                    outcome = "wrote fd 4"
                except OSError as error:
                    outcome = f"errno {error.errno}"
                self.marker.with_suffix(".child").write_text(outcome)
                os._exit(0)
            os.waitpid(pid, 0)
        elif kind == "chatter":
            threading.Thread(target=_chatter, name="chatter").start()
        elif kind == "debug":
            logging.getLogger("model").debug("a debug record")
        elif kind == "sleep":
            time.sleep(600)
        elif kind == "allocate":
            blob = bytearray(2 * 1024**3)
            return [Row(str(len(blob)))]
        elif kind == "fail":
            error = ModelError(f"bad input {kind}")
            error.add_note("a note from the model")
            raise error  # the raise line
        elif kind == "fatal":
            raise NonRetryableError("do not retry")
        elif kind == "exit":
            sys.exit(5)
        return [Row(kind)]

    def close(self):
        self.marker.write_text("closed")


class BrokenOpen(PredictFunction):
    def open(self, context):
        raise RuntimeError("open failed")

    def close(self):
        Path(self.properties["marker"]).write_text("closed")


class NotAModel:
    pass
