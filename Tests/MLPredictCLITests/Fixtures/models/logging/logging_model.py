"""Logs with Python's logging (records for the host's swift-log) and prints (standard error)."""

import logging

from mlpredict import PredictContext, PredictFunction, Row

logger = logging.getLogger("logging_model")


class LoggingPredictFunction(PredictFunction):
    def open(self, context: PredictContext) -> None:
        super().open(context)
        logger.info("opened")

    def predict(self, data: Row) -> list[Row]:
        logger.warning("scoring %s", data.text)
        logger.debug("a debug detail")
        print(f"printed {data.text}")
        return [Row(len(data.text))]
