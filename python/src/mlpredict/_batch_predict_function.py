"""``BatchPredictFunction``: a model that predicts a pandas DataFrame at a time."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from . import _event_loop
from ._columns import Columns
from ._predict_function import PredictFunction
from ._row import Row


class BatchPredictFunction(PredictFunction):
    """Base class of a model that predicts a pandas ``DataFrame`` at a time.

    As in the ``bgeng777/flink`` prototype of FLIP-552, the model implements
    ``predict(self, df: pandas.DataFrame) -> pandas.DataFrame``::

        import pandas as pd
        from mlpredict import BatchPredictFunction

        class Doubler(BatchPredictFunction):
            def predict(self, df: pd.DataFrame) -> pd.DataFrame:
                return pd.DataFrame({"doubled": df["x"] * 2})

    ``df`` has one column per ``input_schema`` column, named as the column
    (or ``col0``, ``col1``... as in the prototype when the class sets
    ``positional_columns = True``), and one row per input row. The result has
    one row per input row, in order, and a column for each ``output_schema``
    column, found by name (other columns are ignored). Missing values (``None``,
    ``NaN`` outside float columns, ``pd.NA``, ``NaT``) are SQL NULL; a float
    column's ``NaN`` stays ``NaN``.

    Every way the host predicts goes through ``predict``: ``predict_columns``
    (the columnar path, numeric columns wrapped without copies),
    ``predict_batch`` and a single row (as a one-row DataFrame). ``predict``
    may be an ``async def``. pandas is needed only when predicting: an
    ``ImportError`` says how to install it if it is missing.
    """

    positional_columns: ClassVar[bool] = False
    """Name the DataFrame's input columns ``col0``, ``col1``... (the prototype's) instead."""

    def predict(self, df: Any) -> Any:
        """Return the predictions for a ``pandas.DataFrame`` of input rows as a DataFrame.

        Subclasses must implement this method (see the class documentation).
        """
        raise NotImplementedError(
            f"{type(self).__qualname__} must implement predict(self, df): "
            "subclasses of BatchPredictFunction must implement predict"
        )

    def host_method(self, name: str) -> Callable[[Any], Any]:
        """As ``PredictFunction.host_method``, but a row goes to :meth:`predict_row`: this class's
        ``predict`` takes a DataFrame."""
        return super().host_method("predict_row" if name == "predict" else name)

    def predict_row(self, data: Row) -> list[Row]:
        """Predict one input row as a one-row DataFrame; the host's per-row ``predict``."""
        return self.predict_batch([data])[0]

    def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
        """Predict a batch of rows as one DataFrame: one output row per input row."""
        names = self.input_schema.names
        columns = {name: [row[index] for row in rows] for index, name in enumerate(names)}
        output = self._predict_frame(columns, len(rows), as_lists=True)
        row_type = Row.type_for(self.output_schema.names)
        return [[row_type(*values)] for values in zip(*output.values(), strict=True)]

    def predict_columns(self, columns: Columns) -> Mapping[str, Any] | Sequence[Any]:
        """Predict a batch of columns as one DataFrame; return its OUTPUT columns by name."""
        return self._predict_frame(
            {name: columns[name] for name in self.input_schema.names},
            columns.num_rows,
            as_lists=False,
        )

    def _predict_frame(
        self, columns: Mapping[str, Any], num_rows: int, *, as_lists: bool
    ) -> dict[str, Any]:
        """Call ``predict`` on ``columns`` as a DataFrame; return the OUTPUT columns by name.

        A column is a numpy array for numeric and BOOLEAN result columns
        unless ``as_lists``, a list of Python values otherwise.
        """
        pandas = _pandas()
        numpy = importlib.import_module("numpy")
        frame = pandas.DataFrame(
            {
                (f"col{index}" if self.positional_columns else name): (
                    numpy.asarray(column) if isinstance(column, memoryview) else column
                )
                for index, (name, column) in enumerate(columns.items())
            },
            index=pandas.RangeIndex(num_rows),
        )
        result = self.predict(frame)
        if inspect.iscoroutine(result):
            result = _event_loop.submit(result).result()
        if not isinstance(result, pandas.DataFrame):
            raise TypeError(
                f"{type(self).__qualname__}.predict returned {type(result).__qualname__}; "
                "a BatchPredictFunction's predict must return a pandas.DataFrame"
            )
        if len(result) != num_rows:
            raise ValueError(
                f"{type(self).__qualname__}.predict returned a DataFrame of {len(result)} rows "
                f"for {num_rows} input rows; it must return one row per input row"
            )
        names = self.output_schema.names
        missing = [name for name in names if name not in result.columns]
        if missing:
            found = ", ".join(map(str, result.columns))
            raise ValueError(
                f"{type(self).__qualname__}.predict returned a DataFrame without the OUTPUT "
                f"column(s) {', '.join(missing)}; its columns are ({found}), "
                f"the OUTPUT columns ({', '.join(names)})"
            )
        return {name: _column(pandas, result[name], as_list=as_lists) for name in names}


def _column(pandas: Any, series: Any, *, as_list: bool) -> Any:
    """A result column: a numpy array (numeric, BOOLEAN) or a list with NULLs as ``None``."""
    kind = getattr(series.dtype, "kind", "O")
    is_numpy = not isinstance(series.dtype, pandas.api.extensions.ExtensionDtype)
    if is_numpy and kind == "f":  # NaN is a float value here, not NULL
        return series.tolist() if as_list else series.to_numpy()
    if is_numpy and kind in "biu":  # cannot hold NULLs
        return series.tolist() if as_list else series.to_numpy()
    values = series.astype(object).tolist()
    missing = series.isna().tolist()
    return [None if gap else value for value, gap in zip(values, missing, strict=True)]


def _pandas() -> Any:
    """The ``pandas`` module, or an ``ImportError`` saying how to install it."""
    try:
        return importlib.import_module("pandas")
    except ImportError as error:
        raise ImportError(
            "BatchPredictFunction needs pandas, which is not installed in the model's Python "
            "environment: pip install pandas"
        ) from error
