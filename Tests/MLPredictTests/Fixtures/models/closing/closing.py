"""Appends a line to the file named by property 'log' on open and on close."""

from mlpredict import PredictContext, PredictFunction, Row


class ClosingPredictFunction(PredictFunction):
    def _log(self, event: str) -> None:
        with open(self.properties["log"], "a", encoding="utf-8") as log:
            log.write(event + "\n")

    def open(self, context: PredictContext) -> None:
        self._log("open")

    def predict(self, data: Row) -> list[Row]:
        return [Row(data[0] * 2)]

    def close(self) -> None:
        self._log("close")
