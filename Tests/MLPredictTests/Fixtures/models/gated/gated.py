"""A model whose open() takes as long as a test wants.

INPUT (x DOUBLE), OUTPUT (y DOUBLE): y is x. open() creates the file named by property
'opening', then waits until the file named by 'release' exists (at most 'timeout' seconds, 10 by
default) before returning.
"""

import os
import time

from mlpredict import PredictContext, PredictFunction, Row


class GatedOpenPredictFunction(PredictFunction):
    def open(self, context: PredictContext) -> None:
        with open(self.properties["opening"], "w", encoding="utf-8"):
            pass
        deadline = time.monotonic() + float(self.properties.get("timeout", "10"))
        while not os.path.exists(self.properties["release"]) and time.monotonic() < deadline:
            time.sleep(0.01)

    def predict(self, data: Row) -> list[Row]:
        return [Row(data[0])]
