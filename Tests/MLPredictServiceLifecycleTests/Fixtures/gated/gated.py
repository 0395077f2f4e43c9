"""A model whose "slow" rows wait for a release file, and which records its lifecycle in files.

``properties.directory`` names a directory: ``open`` appends the process id to ``opened``,
``predict("slow")`` creates ``started`` and waits (up to 2 minutes) until ``release`` exists, and
``close`` appends one line per instance to ``closed`` (or raises, with ``properties.fail-close``).
"""

import os
import time
from pathlib import Path

from mlpredict import PredictContext, PredictFunction, Row


class GatedPredictFunction(PredictFunction):
    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.directory = Path(self.properties["directory"])
        with open(self.directory / "opened", "a") as opened:
            opened.write(f"{os.getpid()}\n")

    def predict(self, data: Row) -> list[Row]:
        if data.text != "slow":
            return [Row(data.text.upper())]
        (self.directory / "started").touch()
        deadline = time.monotonic() + 120
        while not (self.directory / "release").exists():
            if time.monotonic() > deadline:
                raise TimeoutError("the test never released the slow row")
            time.sleep(0.01)
        return [Row("slow done")]

    def close(self) -> None:
        if self.properties.get("fail-close"):
            raise RuntimeError("close failed on purpose")
        with open(self.directory / "closed", "a") as closed:
            closed.write(f"{os.getpid()} {id(self)}\n")
