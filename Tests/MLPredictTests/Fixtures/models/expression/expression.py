"""Returns one row holding the value of the expression in its input: output conversion tests."""

import collections
import datetime
import decimal
from typing import Any

from mlpredict import PredictFunction, Row

try:
    import numpy
except ImportError:  # numpy is optional: expressions that use it fail with NameError
    numpy = None

NAMESPACE: dict[str, Any] = {
    "collections": collections,
    "datetime": datetime,
    "decimal": decimal,
    "Decimal": decimal.Decimal,
    "numpy": numpy,
    "Row": Row,
}


class ExpressionPredictFunction(PredictFunction):
    """INPUT (expr STRING); OUTPUT (v <any type>): one row, ``Row(eval(expr))``."""

    def predict(self, data: Row) -> list[Row]:
        return [Row(eval(data["expr"], dict(NAMESPACE)))]
