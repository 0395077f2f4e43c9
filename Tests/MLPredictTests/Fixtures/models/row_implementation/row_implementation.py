"""Reports which ``Row`` implementation the model sees: the host's C one, or the Python one."""

import sys

import mlpredict._row
from mlpredict import PredictFunction, Row


def _implementation(row_type: type) -> str:
    native = mlpredict._row.NativeRow
    return "c" if native is not None and issubclass(row_type, native) else "python"


class RowImplementationPredictFunction(PredictFunction):
    """INPUT (x INT); OUTPUT (active, input, built, module STRING).

    ``active``: ``mlpredict._row.IMPLEMENTATION``; ``input``: the implementation of the row
    received; ``built``: of a ``Row(...)`` the model builds; ``module``: where the C module came
    from (``host`` when the host registered it, else its file, or ``none``).
    """

    def predict(self, data: Row) -> list[Row]:
        module = sys.modules.get("mlpredict._native._row")
        origin = "none" if module is None else getattr(module, "__file__", None) or "host"
        built = Row(value=data[0])
        return [
            Row(
                mlpredict._row.IMPLEMENTATION,
                _implementation(type(data)),
                _implementation(type(built)),
                origin,
            )
        ]
