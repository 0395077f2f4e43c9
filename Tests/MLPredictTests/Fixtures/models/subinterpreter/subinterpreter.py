"""Creates a sub-interpreter in open(): then 3.11's PyGILState_Check always says 1."""

import _xxsubinterpreters

from mlpredict import PredictContext, PredictFunction, Row


class SubinterpreterPredictFunction(PredictFunction):
    """INPUT (id BIGINT, text STRING); OUTPUT the same: the identity model."""

    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.interpreter = _xxsubinterpreters.create()

    def predict(self, data: Row) -> list[Row]:
        # Some bytecode, so that another thread asks for the GIL while this one holds it.
        rows = [Row(*data) for _ in range(50)]
        return rows[:1]
