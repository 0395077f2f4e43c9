"""A model that logs, prints and fails on request: for the swift-log, metrics and tracing tests.

``predict`` reads its row's text: ``log LEVEL MESSAGE`` logs MESSAGE at the number LEVEL,
``exception`` logs a caught ``ZeroDivisionError`` with its traceback, ``print`` writes to
``print`` and to ``sys.stderr``, ``raise`` raises, ``flaky N`` raises on its first N attempts
(per instance), ``twice`` returns two rows, ``meet`` waits until two calls are in ``predict`` at
once (a file each in the directory ``properties.meeting``: each instance loads its own copy of this
module, so nothing in it is shared); anything else is returned as is.
"""

import logging
import sys
import time
import uuid
from pathlib import Path

from mlpredict import PredictContext, PredictFunction, Row

logger = logging.getLogger("observed")
logging.getLogger("observed.module").warning("imported")


class ObservedPredictFunction(PredictFunction):
    def open(self, context: PredictContext) -> None:
        super().open(context)
        logger.setLevel(1)  # every level reaches the host's handler, whatever the root's level
        self.attempts: dict[str, int] = {}
        logger.info("opened")

    def predict(self, data: Row) -> list[Row]:
        text: str = data.text
        if text.startswith("log "):
            _, level, message = text.split(" ", 2)
            logger.log(int(level), message)
        elif text == "exception":
            try:
                _ = 1 / 0
            except ZeroDivisionError:
                logger.exception("division failed")
        elif text == "print":
            print("printed by the model")
            sys.stderr.write("written to stderr by the model\n")
        elif text == "raise":
            raise ValueError("bad row")
        elif text.startswith("flaky "):
            self.attempts[text] = self.attempts.get(text, 0) + 1
            if self.attempts[text] <= int(text.split(" ")[1]):
                raise ConnectionError(f"attempt {self.attempts[text]} failed")
        elif text == "meet":
            meeting = Path(self.properties["meeting"])
            (meeting / uuid.uuid4().hex).touch()
            deadline = time.monotonic() + 60
            while len(list(meeting.iterdir())) < 2:
                if time.monotonic() > deadline:
                    raise TimeoutError("the other call never came")
                time.sleep(0.01)
        elif text == "twice":
            return [Row(text), Row(text)]
        return [Row(text)]

    def close(self) -> None:
        logger.info("closing")
