"""The host's checks of what goes into and comes out of a model, in Python (``mlpredict.testing``).

:class:`InputRows` and :class:`InputColumns` turn rows and columns a test gives
into what ``predict``, ``predict_batch`` and ``predict_columns`` receive from the
host; :class:`OutputRows` and :class:`OutputColumns` check what they return
against the OUTPUT columns as the host does (``OutputRowDecoder``,
``ColumnBatchDecoder`` in ``Sources/MLPredict/Execution/InProcess/Conversion``),
with the host's error messages, and return the rows and columns the host would
read, as Python values. DataFrames and column mappings go through the very
functions the host calls (``_frames.frame_rows``, ``_columns.output_columns``).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from typing import Any

from ._columns import Columns, output_columns
from ._converters import ConversionError, RowConverter, RowShapeError, ValueConverter
from ._frames import frame_rows, is_data_frame
from ._host_errors import InvalidInputError, InvalidOutputError
from ._model_config import Schema
from ._python_objects import (
    Kind,
    array_shape,
    exception_message,
    is_numpy_object,
    items,
    kind,
    short_repr,
    type_name,
    value_description,
)
from ._row import Row
from ._sql_values import float_text, int_to_float32, to_float32
from ._types import (
    BigIntType,
    BooleanType,
    DataType,
    DoubleType,
    FloatType,
    IntType,
    SmallIntType,
    TinyIntType,
)


class Origin:
    """Where a list of rows came from, for error messages: ``predict``'s result, or
    ``predict_batch``'s for one input row of a batch."""

    def __init__(self, input_row: int | None = None) -> None:
        """``predict``'s result, or (``input_row`` given) ``predict_batch``'s for that row."""
        self.input_row = input_row

    def returned(self, what: str) -> str:
        """``predict returned <what>`` / ``predict_batch returned <what> for input row 3``."""
        if self.input_row is None:
            return f"predict returned {what}"
        return f"predict_batch returned {what} for input row {self.input_row}"

    def row(self, index: int) -> str:
        """``row 0 of predict's result`` / ``row 0 of predict_batch's result for input row 3``."""
        if self.input_row is None:
            return f"row {index} of predict's result"
        return f"row {index} of predict_batch's result for input row {self.input_row}"

    def short_row(self, index: int) -> str:
        """``row 0`` / ``row 0 of predict_batch's result for input row 3``."""
        return f"row {index}" if self.input_row is None else self.row(index)


def _model_error(model: str) -> str:
    return f"model '{model}': "


class InputRows:
    """Rows given to a model, as the host hands them to Python: named ``Row``s of INPUT values."""

    def __init__(self, model: str, schema: Schema) -> None:
        """Convert rows of ``schema``'s columns for model ``model``."""
        self.model = model
        self.columns = RowConverter(
            schema.names, [column.type for column in schema], receiving=True
        )

    def encode(self, row: object, index: int | None = None) -> Row:
        """The ``Row`` ``predict`` receives for ``row``: a tuple, list or ``Row`` by position, a
        namedtuple or named ``Row`` by field name, or a dict of column name to value."""
        where = "the input row" if index is None else f"input row {index}"
        if isinstance(row, Mapping):
            row = self._from_mapping(row, where)
        try:
            order = self.columns.field_order(row)
        except RowShapeError as error:
            if error.not_a_row is not None:
                name, text = error.not_a_row
                raise self._invalid(
                    f"{where} is {name} {text}; expected a dict, Row, tuple or list of the "
                    f"INPUT columns {self.columns.description}"
                ) from None
            raise self._invalid(
                f"{where} " + error.detail(self.columns, owner="INPUT", noun="columns")
            ) from None
        try:
            return self.columns.values(row, order)
        except ConversionError as failure:
            raise self._invalid(
                f"input column {failure.column_label}"
                + ("" if index is None else f" of input row {index}")
                + f": {failure.message}"
            ) from failure.cause

    def _from_mapping(self, row: Mapping[Any, Any], where: str) -> tuple[Any, ...]:
        names = self.columns.names
        for name, field in zip(names, self.columns.fields, strict=True):
            if name not in row:
                raise self._invalid(
                    f"{where} has no value for INPUT column '{name}' ({field.type}); "
                    "give None for SQL NULL"
                )
        unknown = [repr(key) for key in row if key not in names]
        if unknown:
            raise self._invalid(
                f"{where} has keys that are not INPUT columns: {', '.join(unknown)}; "
                f"the INPUT columns are {self.columns.description}"
            )
        return tuple(row[name] for name in names)

    def _invalid(self, message: str) -> InvalidInputError:
        return InvalidInputError("invalidInput", _model_error(self.model) + message, self.model)


class InputColumns:
    """Columns given to a model, as ``predict_columns`` receives them from the host."""

    _FORMATS: dict[type[DataType], str] = {
        BooleanType: "?",
        TinyIntType: "b",
        SmallIntType: "h",
        IntType: "i",
        BigIntType: "q",
        FloatType: "f",
        DoubleType: "d",
    }
    """The struct format of each typed column, as the host exports them."""

    def __init__(self, rows: InputRows) -> None:
        """Convert columns of the INPUT columns that ``rows`` converts rows of."""
        self.model = rows.model
        self.columns = rows.columns

    def encode(self, columns: object) -> Columns:
        """A ``Columns`` of every INPUT column: a read-only ``memoryview`` for a BOOLEAN or numeric
        column without NULLs (as the host passes typed columns), else a list of values."""
        names = self.columns.names
        if not isinstance(columns, Mapping):
            raise self._invalid(
                f"predict_columns takes a mapping of INPUT column name to column (a dict or "
                f"mlpredict.Columns), but was given {value_description(columns)}"
            )
        given = list(columns)
        if set(given) != set(names) or len(given) != len(names):
            raise self._invalid(
                f"the input columns are ({', '.join(map(str, given))}) but the INPUT columns are "
                f"{self.columns.description}"
            )
        encoded: dict[str, Any] = {}
        row_count: int | None = None
        for name, converter in zip(names, self.columns.fields, strict=True):
            values = self._values(name, converter, columns[name])
            if row_count is None:
                row_count = len(values)
            elif len(values) != row_count:
                raise self._invalid(
                    f"input column '{name}' ({converter.type}) has {len(values)} values "
                    f"but column '{names[0]}' has {row_count}"
                )
            encoded[name] = self._column(converter, values)
        return Columns(encoded)

    def _values(self, name: str, converter: ValueConverter, column: Any) -> list[Any]:
        label = f"input column '{name}' ({converter.type})"
        if kind(column) is Kind.OTHER:  # a numpy array, Series, memoryview, array.array...
            tolist = getattr(column, "tolist", None)
            try:
                column = tolist() if callable(tolist) else list(column)
            except TypeError:
                pass  # not a column: refused below
        if kind(column) not in (Kind.LIST, Kind.TUPLE):
            raise self._invalid(
                f"{label} is {value_description(column)}; expected a column: a list, tuple, "
                "numpy array or memoryview"
            )
        values: list[Any] = []
        for row, value in enumerate(items(column)):
            try:
                values.append(converter.convert(value))
            except ConversionError as failure:
                raise self._invalid(
                    f"input column {failure.inside('.' + name).column_label} of input row {row}: "
                    f"{failure.message}"
                ) from failure.cause
        return values

    def _column(self, converter: ValueConverter, values: list[Any]) -> Any:
        code = self._FORMATS.get(type(converter.type))
        if code is None or None in values:
            return values
        view: memoryview = memoryview(struct.pack(f"={len(values)}{code}", *values))
        return view.cast(code)  # type: ignore[call-overload]  # a format chosen at run time

    def _invalid(self, message: str) -> InvalidInputError:
        return InvalidInputError("invalidInput", _model_error(self.model) + message, self.model)


class OutputRows:
    """Checks what ``predict`` and ``predict_batch`` return against the OUTPUT columns."""

    def __init__(self, model: str, schema: Schema) -> None:
        """Check rows of ``schema``'s columns for model ``model``."""
        self.model = model
        self.columns = RowConverter(schema.names, [column.type for column in schema])
        self.names = tuple(schema.names)

    def decode(self, result: object, origin: Origin) -> list[Row]:
        """The rows of ``predict``'s result (a list or other iterable of rows, a bare ``Row``, a
        pandas DataFrame), each checked; ``InvalidOutputError`` in the host's words."""
        result_kind = kind(result)
        if result_kind is Kind.NONE:
            raise self._invalid(
                origin.returned("None")
                + "; it must return a list of rows (return [] for no result)"
            )
        if result_kind in (Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOL):
            raise self._invalid(
                origin.returned(f"{type_name(result)} {short_repr(result)}")
                + "; it must return a list of rows"
            )
        if result_kind is Kind.TUPLE and isinstance(result, Row):
            return [self._row(result, 0, origin)]
        if result_kind is Kind.OTHER and is_data_frame(result):
            return self._frame(result, origin)
        if result_kind is Kind.OTHER and len(array_shape(result) or ()) == 1:
            # A 1-D array iterates as numbers, each of which would be called "row i".
            raise self._invalid(
                origin.returned(value_description(result))
                + ", which is one row's values or one column, not a list of rows; "
                "return [tuple(array)] for one row"
            )
        rows: list[Row] = []
        if result_kind in (Kind.LIST, Kind.TUPLE):
            for item in items(result):  # type: ignore[arg-type]
                rows.append(self._row(item, len(rows), origin))
            return rows
        try:
            iterator = iter(result)  # type: ignore[call-overload]
        except Exception as error:
            raise self._not_a_list(result, origin, error) from error
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                return rows
            except Exception as error:
                raise self._not_a_list(result, origin, error) from error
            rows.append(self._row(item, len(rows), origin))

    def decode_batch(self, result: object, count: int) -> list[list[Row]]:
        """``predict_batch``'s result for ``count`` input rows: one list of rows per input row."""
        result_kind = kind(result)
        if result_kind not in (Kind.LIST, Kind.TUPLE) or len(items(result)) != count:  # type: ignore[arg-type]
            found = (
                f"{len(items(result))} results"  # type: ignore[arg-type]
                if result_kind in (Kind.LIST, Kind.TUPLE)
                else value_description(result)
            )
            hint = (
                " (for one output row per input row, with the DataFrame's columns in OUTPUT "
                "order: [[row] for row in df.itertuples(index=False, name=None)])"
                if is_data_frame(result)
                else ""
            )
            raise self._invalid(
                f"predict_batch returned {found} for {count} input rows; it must return a list "
                f"with one list of rows per input row{hint}"
            )
        return [
            self.decode(rows, Origin(index))
            for index, rows in enumerate(items(result))  # type: ignore[arg-type]
        ]

    def _frame(self, frame: object, origin: Origin) -> list[Row]:
        try:
            rows = frame_rows(frame, self.names)
        except Exception as error:
            raise self._invalid(origin.returned(exception_message(error))) from error
        return [self._row(row, index, origin) for index, row in enumerate(rows)]

    def _row(self, item: object, index: int, origin: Origin) -> Row:
        try:
            order = self.columns.field_order(item)
        except RowShapeError as error:
            raise self._invalid(
                origin.row(index) + " " + error.detail(self.columns, owner="OUTPUT", noun="columns")
            ) from None
        try:
            return self.columns.values(item, order)
        except ConversionError as failure:
            raise self._invalid(
                f"output column {failure.column_label} of {origin.short_row(index)}: "
                f"{failure.message}"
            ) from failure.cause

    def _not_a_list(
        self, result: object, origin: Origin, error: BaseException
    ) -> InvalidOutputError:
        return self._invalid(
            origin.returned(f"{type_name(result)} {short_repr(result)}")
            + f", which is not a list of rows (iterating it raised {type_name(error)}: "
            f"{exception_message(error)})"
        )

    def _invalid(self, message: str) -> InvalidOutputError:
        return InvalidOutputError("invalidOutput", _model_error(self.model) + message, self.model)


class OutputColumns:
    """Checks what ``predict_columns`` returns: every OUTPUT column, one value per input row."""

    def __init__(self, rows: OutputRows) -> None:
        """Check the columns of the OUTPUT columns that ``rows`` checks rows of."""
        self.model = rows.model
        self.columns = rows.columns
        self.names = rows.names

    def decode(self, result: object, row_count: int) -> list[list[Any]]:
        """The OUTPUT columns as lists of values, in order; ``InvalidOutputError`` as the host."""
        try:
            columns = output_columns(result, self.names)
        except Exception as error:
            raise self._invalid(exception_message(error)) from error
        return [self._column(column, index, row_count) for index, column in enumerate(columns)]

    def _column(self, column: Any, index: int, row_count: int) -> list[Any]:
        converter = self.columns.fields[index]
        name = self.columns.names[index]
        label = f"output column '{name}' ({converter.type}) of predict_columns' result"
        shape = array_shape(column)
        depth = converter.array_depth
        if shape is not None and depth is not None and len(shape) > depth + 1:
            if len([size for size in shape[1:] if size != 1]) <= depth:
                fix = "flatten it with .ravel()"
            elif depth == 0:
                fix = f"select one column (array[:, 0]) or declare ARRAY<{converter.type_name}>"
            else:
                fix = "select the part you mean"
            raise self._invalid(
                f"{label} is {value_description(column)}, but a column has one dimension"
                + ("" if depth == 0 else f" more than its {depth}-dimensional values")
                + f"; {fix}"
            )
        if converter.is_fixed_width:
            try:
                buffer = _numeric_buffer(column)
            except Exception as error:
                raise self._invalid(
                    f"{label} is {type_name(column)}: {type_name(error)}: "
                    f"{exception_message(error)}"
                ) from error
            if buffer is not None:
                self._check_count(len(buffer[1]), row_count, label)
                return self._typed(buffer, converter, label)
        if kind(column) in (Kind.NONE, Kind.BOOL, Kind.INT, Kind.FLOAT, Kind.STRING, Kind.DICT):
            raise self._invalid(
                f"{label} is {value_description(column)}; expected a column: a list, numpy array "
                "or memoryview"
            )
        try:
            values_of = column.tolist() if is_numpy_object(column) or shape is not None else column
        except Exception as error:
            raise self._invalid(
                f"{label} is {type_name(column)}: tolist() raised {type_name(error)}: "
                f"{exception_message(error)}"
            ) from error
        values: list[Any] = []

        def add(item: Any) -> None:
            try:
                values.append(converter.convert(item))
            except ConversionError as failure:
                raise self._invalid(
                    f"output column {failure.inside('.' + name).column_label} "
                    f"of row {len(values)} of predict_columns' result: {failure.message}"
                ) from failure.cause

        if kind(values_of) in (Kind.LIST, Kind.TUPLE):
            for item in items(values_of):
                add(item)
        else:
            try:
                iterator = iter(values_of)
            except Exception as error:
                raise self._not_a_column(label, column, error) from error
            while True:
                try:
                    item = next(iterator)
                except StopIteration:
                    break
                except Exception as error:
                    raise self._not_a_column(label, column, error) from error
                add(item)
        self._check_count(len(values), row_count, label)
        return values

    def _typed(
        self, buffer: tuple[str, list[Any], str], converter: ValueConverter, label: str
    ) -> list[Any]:
        """A buffer's numbers as the column's values, each checked against the column's type."""
        format_code, numbers, items_kind = buffer
        data_type = converter.type

        def out_of_range(row: int, value: str) -> InvalidOutputError:
            return self._invalid(
                f"{label} at row {row}: {value} is out of range for {converter.type_name}"
            )

        integer = items_kind in ("signed", "unsigned")
        if isinstance(data_type, BooleanType) and items_kind == "bool":
            return numbers
        if isinstance(data_type, TinyIntType | SmallIntType | IntType | BigIntType) and integer:
            low, high = converter.range
            for row, number in enumerate(numbers):
                if not low <= number <= high:
                    raise out_of_range(row, str(number))
            return numbers
        if isinstance(data_type, DoubleType) and items_kind != "bool":
            return [float(number) for number in numbers]
        if isinstance(data_type, FloatType) and items_kind == "floating":
            singles: list[float] = []
            for row, number in enumerate(numbers):
                single = to_float32(number)
                if single is None:
                    raise out_of_range(row, float_text(number))
                singles.append(single)
            return singles
        if isinstance(data_type, FloatType) and integer:
            return [int_to_float32(number) for number in numbers]
        raise self._invalid(
            f"{label} is a buffer of format '{format_code}', which {converter.type_name} "
            "cannot hold"
        )

    def _check_count(self, count: int, row_count: int, label: str) -> None:
        if count != row_count:
            raise self._invalid(
                f"{label} has {count} value{'' if count == 1 else 's'} but the batch has "
                f"{row_count} row{'' if row_count == 1 else 's'} (predict_columns returns one "
                "output row per input row)"
            )

    def _not_a_column(self, label: str, column: object, error: BaseException) -> InvalidOutputError:
        return self._invalid(
            f"{label} is {type_name(column)}, not a column: {type_name(error)}: "
            f"{exception_message(error)}"
        )

    def _invalid(self, message: str) -> InvalidOutputError:
        return InvalidOutputError("invalidOutput", _model_error(self.model) + message, self.model)


_BUFFER_KINDS: dict[tuple[str, int], str] = {
    ("?", 1): "bool",
    **{
        (code, size): "signed"
        for code, size in (("b", 1), ("h", 2), ("i", 4), ("l", 4), ("l", 8), ("q", 8), ("n", 8))
    },
    **{
        (code, size): "unsigned"
        for code, size in (("B", 1), ("H", 2), ("I", 4), ("L", 4), ("L", 8), ("Q", 8), ("N", 8))
    },
    ("f", 4): "floating",
    ("d", 8): "floating",
}
_LITTLE_ENDIAN = struct.pack("=H", 1) == b"\x01\x00"


def _numeric_buffer(obj: object) -> tuple[str, list[Any], str] | None:
    """The items of a one-dimensional buffer of booleans or numbers in native byte order (a numpy
    array, a ``memoryview``, an ``array.array``) with its format and kind; ``None`` if the object
    has no buffer or holds other items. ``BufferError`` for more than one dimension."""
    try:
        view = memoryview(obj)  # type: ignore[arg-type]
    except TypeError:
        return None
    format_code = view.format
    code = format_code
    if code[:1] in ("@", "=") or (code[:1] == "<" and _LITTLE_ENDIAN):
        code = code[1:]
    items_kind = _BUFFER_KINDS.get((code, view.itemsize))
    if items_kind is None:
        return None
    if view.ndim != 1:
        raise BufferError(
            f"a {view.ndim}-dimensional buffer of format '{format_code}'; a column must have one "
            "dimension"
        )
    data = view.tobytes()
    numbers = [number for (number,) in struct.iter_unpack("@" + code, data)]
    return format_code, numbers, items_kind
