"""pandas DataFrames as model results, without importing pandas.

A ``predict`` (or a ``predict_batch`` entry) may return a DataFrame for its
rows, and ``predict_columns`` a DataFrame for its columns. Its columns are
matched to the OUTPUT columns by name (in any order); a DataFrame whose columns
are the default ``0, 1, ...`` (``pandas.DataFrame(array)``) is read by position.
A DataFrame is recognized by its type's name and module, so pandas stays
optional and is never imported here.

Process-mode workers send a :class:`FrameData` in its place (a DataFrame does
not cross as it is), which the host reads exactly as the DataFrame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_PUBLIC_PANDAS_NAMES = frozenset({"DataFrame", "Series"})


class FrameData:
    """A DataFrame's type name, column labels and columns of plain values."""

    __slots__ = ("columns", "labels", "type_name")

    type_name: str
    labels: tuple[Any, ...]
    columns: list[list[Any]]

    def __init__(self, type_name: str, labels: tuple[Any, ...], columns: list[list[Any]]) -> None:
        """Hold a DataFrame's ``type_name``, column ``labels`` and ``columns``."""
        self.type_name = type_name
        self.labels = labels
        self.columns = columns

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the constructor's arguments."""
        return (FrameData, (self.type_name, self.labels, self.columns))

    def __repr__(self) -> str:
        """Return what the DataFrame looked like, briefly."""
        rows = len(self.columns[0]) if self.columns else 0
        return f"<{self.type_name} of shape ({rows}, {len(self.labels)})>"


def is_data_frame(obj: object) -> bool:
    """Whether ``obj`` is a pandas DataFrame (or a subclass of one) or a :class:`FrameData`."""
    if type(obj) is FrameData:
        return True
    for cls in type(obj).__mro__:
        module = getattr(cls, "__module__", "")
        if cls.__name__ == "DataFrame" and isinstance(module, str) and module.startswith("pandas"):
            return True
    return False


def type_name(obj: object) -> str:
    """``obj``'s type as a user writes it: ``pandas.DataFrame``, ``numpy.ndarray``."""
    if type(obj) is FrameData:
        return obj.type_name
    cls = type(obj)
    module = str(getattr(cls, "__module__", "builtins"))
    if module.startswith("pandas.") and cls.__qualname__ in _PUBLIC_PANDAS_NAMES:
        return f"pandas.{cls.__qualname__}"
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def frame_data(frame: Any) -> FrameData:
    """A DataFrame as a picklable :class:`FrameData` of plain values (for workers)."""
    columns = [_plain(_column(frame, index)) for index in range(len(frame.columns))]
    labels = tuple(label if isinstance(label, str | int) else str(label) for label in frame.columns)
    return FrameData(type_name(frame), labels, columns)


def frame_rows(result: Any, names: Sequence[str]) -> list[tuple[Any, ...]]:
    """The rows of a DataFrame as tuples of the OUTPUT columns' values, in OUTPUT order.

    ``ValueError`` (the text follows "predict returned ") when its columns are
    not the OUTPUT columns.
    """
    order = _order(result, names, rows=True)
    columns = [_plain(_columns_of(result)[index]) for index in order]
    return list(zip(*columns, strict=True)) if columns else []


def frame_columns(result: Any, names: Sequence[str]) -> list[Any]:
    """The columns of a DataFrame in OUTPUT order: numeric ones as numpy arrays (no copy)."""
    order = _order(result, names, rows=False)
    columns = _columns_of(result)
    return [columns[index] for index in order]


def _labels(result: Any) -> list[Any]:
    if type(result) is FrameData:
        return list(result.labels)
    return list(result.columns)


def _columns_of(result: Any) -> list[Any]:
    if type(result) is FrameData:
        return result.columns
    return [_column(result, index) for index in range(len(result.columns))]


def _order(result: Any, names: Sequence[str], *, rows: bool) -> list[int]:
    labels = _labels(result)
    if all(isinstance(label, str) for label in labels) and len(set(labels)) == len(labels):
        if set(labels) == set(names):
            return [labels.index(name) for name in names]
    elif labels == list(range(len(labels))) and len(labels) == len(names):
        return list(range(len(labels)))
    listed = ", ".join(map(str, labels))
    expected = ", ".join(names)
    if set(names) <= set(labels):
        fix = f"select them: df[{list(names)!r}]"
    else:
        fix = "name the DataFrame's columns as the OUTPUT columns: df.rename(columns={...})"
    if rows:
        fix += ", or return df.itertuples(index=False, name=None) for rows by position"
    raise ValueError(
        f"{type_name(result)} with columns ({listed}) but the OUTPUT columns are ({expected}); "
        + fix
    )


def _column(frame: Any, index: int) -> Any:
    """Column ``index`` of a DataFrame, as :func:`series_column` gives it."""
    return series_column(frame.iloc[:, index])


def series_column(series: Any) -> Any:
    """A pandas Series as a column: a numpy array for a numeric or boolean numpy dtype (a view
    of the Series' memory), else a list with pandas' missing values as ``None``."""
    dtype = series.dtype
    if getattr(dtype, "kind", "O") in "biuf" and type(dtype).__module__.startswith("numpy"):
        return series.to_numpy()
    return [None if _is_missing(value) else value for value in series.astype(object).tolist()]


def _plain(column: Any) -> list[Any]:
    tolist = getattr(column, "tolist", None)
    return list(tolist()) if tolist is not None else list(column)


def _is_missing(value: object) -> bool:
    """``pandas.NA`` and ``pandas.NaT`` (NaN in a float column stays a float)."""
    return type(value).__name__ in ("NAType", "NaTType") and type(value).__module__.startswith(
        "pandas"
    )
