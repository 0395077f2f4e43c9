"""The host's conversion of Python values by SQL type, in Python (for ``mlpredict.testing``).

A :class:`ValueConverter` does what the Swift host's ``ValueConverter`` does to
a value a model returns (``fromPython``: accept it or say why not, in the
host's words) and then to the SQL value that results when it is handed to
Python again (``toPython``): it returns the Python value a model would receive
for it. A ``CHAR(5)`` pads, a ``FLOAT`` rounds to ``float32``, a ``DECIMAL(10, 2)``
gets exactly two fraction digits, a ``TIMESTAMP_LTZ`` becomes an aware datetime
in UTC, a ``ROW`` a named :class:`Row`; numpy scalars and arrays and pandas
Series are read through ``tolist()`` once their shape fits. ``docs/type-mapping.md``
is the contract; ``Sources/MLPredict/Execution/InProcess/Conversion`` the original.

A :class:`ConversionError` carries the message, the type at the failing
position and the path to it under the column (``[3]``, ``.name``, ``['k']``,
``.key[0]``, ``{2}``), added on the way out as the host does.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Sequence
from typing import Any

from . import _sql_values as sql
from ._nested_types import ArrayType, MapType, MultisetType, RowField, RowType
from ._python_objects import (
    Kind,
    array_shape,
    entries,
    exception_message,
    is_numpy_object,
    items,
    kind,
    short_repr,
    type_name,
    value_description,
)
from ._row import Row
from ._types import (
    BigIntType,
    BinaryType,
    BooleanType,
    CharType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntType,
    LocalZonedTimestampType,
    SmallIntType,
    TimestampType,
    TimeType,
    TinyIntType,
    VarBinaryType,
    VarCharType,
)

_INTEGER_RANGES: dict[type[DataType], tuple[int, int]] = {
    TinyIntType: (-(2**7), 2**7 - 1),
    SmallIntType: (-(2**15), 2**15 - 1),
    IntType: (-(2**31), 2**31 - 1),
    BigIntType: (-(2**63), 2**63 - 1),
}
_MAX_LENGTH = VarCharType.MAX_LENGTH
_MAX_TIME_PRECISION = 9
_UTC = datetime.UTC
_MICROSECONDS_PER_DAY = 86_400_000_000
_FIRST_DAY = datetime.datetime(1, 1, 1)
_YEAR_ZERO_MICROSECONDS = -366 * _MICROSECONDS_PER_DAY  # year 0 is a leap year
_LAST_MICROSECOND = (
    datetime.datetime(9999, 12, 31, 23, 59, 59, 999999) - _FIRST_DAY
) // datetime.timedelta(microseconds=1)


class ConversionError(Exception):
    """Why a value does not fit its type, and where under the column."""

    def __init__(
        self, message: str, data_type: DataType, cause: BaseException | None = None, path: str = ""
    ) -> None:
        """Hold the message, the type at the failing position, the cause and the path there."""
        super().__init__(message)
        self.message = message
        self.data_type = data_type
        self.cause = cause
        self.path = path

    def inside(self, step: str) -> ConversionError:
        """This failure one level further out (``step`` is ``[3]``, ``.name``...)."""
        return ConversionError(self.message, self.data_type, self.cause, step + self.path)

    @property
    def column_label(self) -> str:
        """The column and position with the type there: ``'scores[3]' (INT NOT NULL)``."""
        return f"'{self.path[1:]}' ({self.data_type})"


def sql_type_name(data_type: DataType) -> str:
    """The type as Flink SQL writes it, without its own nullability (``typeName``)."""
    return str(data_type.with_nullable(True))


class ValueConverter:
    """Checks and converts the Python values of one SQL type, nested converters included."""

    def __init__(self, data_type: DataType, *, receiving: bool = False) -> None:
        """Choose the conversion of ``data_type`` once (nested types get nested converters).

        ``receiving``: the values are handed to Python (INPUT values), so a MAP or
        MULTISET key that Python cannot hash (an ARRAY) is an error, as in the host.
        """
        self.type = data_type
        self.receiving = receiving
        self.type_name = sql_type_name(data_type)
        self.element: ValueConverter | None = None
        self.key: ValueConverter | None = None
        self.row: RowConverter | None = None
        self.limit: int | None = None
        self.padding: int | None = None
        self.precision = 0
        self.scale = 0
        self.range = (0, 0)
        """An integer type's lowest and highest value."""
        self._convert: Callable[[Any, Kind], Any] = self._select(data_type)

    def _select(self, data_type: DataType) -> Callable[[Any, Kind], Any]:
        match data_type:
            case BooleanType():
                return self._boolean
            case TinyIntType() | SmallIntType() | IntType() | BigIntType():
                self.range = _INTEGER_RANGES[type(data_type)]
                return self._integer
            case FloatType() | DoubleType():
                return self._number
            case DecimalType(precision=precision, scale=scale):
                self.precision, self.scale = precision, scale
                return self._decimal
            case CharType(length=length):
                self.limit = self.padding = length
                return self._string
            case VarCharType(length=length):
                self.limit = None if length == _MAX_LENGTH else length
                return self._string
            case BinaryType(length=length):
                self.limit = self.padding = length
                return self._binary
            case VarBinaryType(length=length):
                self.limit = None if length == _MAX_LENGTH else length
                return self._binary
            case DateType():
                return self._date
            case TimeType(precision=precision):
                self.precision = precision
                return self._time
            case TimestampType(precision=precision) | LocalZonedTimestampType(precision=precision):
                self.precision = precision
                return self._timestamp
            case ArrayType(element_type=element):
                self.element = ValueConverter(element, receiving=self.receiving)
                return self._array
            case MultisetType(element_type=element):
                self.element = ValueConverter(element, receiving=self.receiving)
                return self._multiset
            case MapType(key_type=key_type, value_type=value_type):
                self.key = ValueConverter(key_type, receiving=self.receiving)
                self.element = ValueConverter(value_type, receiving=self.receiving)
                return self._map
            case RowType(fields=fields):
                row = RowConverter(
                    [field.name for field in fields],
                    [field.data_type for field in fields],
                    receiving=self.receiving,
                )
                self.row = row
                return lambda obj, _kind: row.from_python(obj)
        raise TypeError(f"no conversion for the data type {data_type!r}")

    @property
    def array_depth(self) -> int | None:
        """Array dimensions of a value of this type (``ARRAY<ARRAY<DOUBLE>>``: 2, a scalar: 0);
        ``None`` when a numpy shape says nothing (a ROW, MAP or MULTISET inside)."""
        if isinstance(self.type, ArrayType):
            assert self.element is not None
            depth = self.element.array_depth
            return None if depth is None else depth + 1
        if isinstance(self.type, RowType | MapType | MultisetType):
            return None
        return 0

    @property
    def is_fixed_width(self) -> bool:
        """Whether a column of this type can be a buffer: BOOLEAN or a fixed-width number."""
        return isinstance(
            self.type,
            BooleanType
            | TinyIntType
            | SmallIntType
            | IntType
            | BigIntType
            | FloatType
            | DoubleType,
        )

    def convert(self, obj: object) -> Any:
        """The value Python receives for ``obj`` read as this type, or ``ConversionError``."""
        obj_kind = kind(obj)
        if obj_kind is Kind.NONE:
            if not self.type.nullable:
                raise self.failure("expected a value (the type is NOT NULL) but found None")
            return None
        if obj_kind is Kind.OTHER:
            shape = array_shape(obj)
            if shape is not None:
                self.check_shape(shape, obj)
                return self.convert(self._plain_value(obj))
            if is_numpy_object(obj):
                return self.convert(self._plain_value(obj))
        return self._convert(obj, obj_kind)

    def _at(self, obj: object, step: str) -> Any:
        try:
            return self.convert(obj)
        except ConversionError as failure:
            raise failure.inside(step) from None

    def failure(self, message: str, cause: BaseException | None = None) -> ConversionError:
        """A failure at this converter's position."""
        return ConversionError(message, self.type, cause)

    def _mismatch(self, obj: object, expected: str) -> ConversionError:
        return self.failure(f"expected {expected} but found {value_description(obj)}")

    def check_shape(self, shape: Sequence[int], obj: object) -> None:
        """Refuse a numpy array (or Series) with more dimensions than this type, with the fix."""
        depth = self.array_depth
        if depth is None or len(shape) <= depth:
            return
        found = value_description(obj)
        size = 1
        for dimension in shape:
            size *= dimension
        if depth == 0:
            if not shape:
                return
            fix = (
                "take its one value with .item()"
                if size == 1
                else f"a {self.type_name} column holds one value per row "
                f"(declare ARRAY<{self.type_name}> for an array)"
            )
            raise self.failure(f"expected one value but found {found}; {fix}")
        fix = (
            "flatten it with .ravel()"
            if len([dimension for dimension in shape if dimension != 1]) <= depth
            else "index the part you mean (array[0] is the first row)"
        )
        raise self.failure(f"expected a {depth}-dimensional array but found {found}; {fix}")

    def _plain_value(self, obj: Any) -> Any:
        try:
            return obj.tolist()
        except Exception as error:
            raise self.failure(
                f"{value_description(obj)}: tolist() raised {type_name(error)}: "
                f"{exception_message(error)}",
                error,
            ) from None

    # One method per representation, as ValueConverter+FromPython.swift's switch.

    def _boolean(self, obj: Any, obj_kind: Kind) -> bool:
        if obj_kind is not Kind.BOOL:
            raise self._mismatch(obj, "bool")
        return obj is True

    def _integer(self, obj: Any, obj_kind: Kind) -> int:
        if obj_kind is not Kind.INT:
            raise self._mismatch(obj, "int")
        value = int.__index__(obj)
        low, high = self.range
        if not low <= value <= high:
            raise self.failure(
                f"{short_repr(obj)} is out of range for {self.type_name} ({low}...{high})"
            )
        return value

    def _number(self, obj: Any, obj_kind: Kind) -> float:
        if obj_kind not in (Kind.FLOAT, Kind.INT):
            raise self._mismatch(obj, "float or int")
        try:
            number = float.__float__(obj) if obj_kind is Kind.FLOAT else float(int.__index__(obj))
        except OverflowError as error:
            raise self.failure(
                f"{short_repr(obj)} is out of range for {self.type_name}", error
            ) from None
        if not isinstance(self.type, FloatType):
            return number
        single = sql.to_float32(number)
        if single is None:
            raise self.failure(f"{short_repr(obj)} is out of range for FLOAT")
        return single

    def _decimal(self, obj: Any, obj_kind: Kind) -> decimal.Decimal:
        if obj_kind is not Kind.INT and not isinstance(obj, decimal.Decimal):
            raise self._mismatch(obj, "decimal.Decimal or int")
        try:
            parsed = sql.parse_decimal(str(obj))
        except Exception:
            parsed = None
        if parsed is None:
            raise self.failure(f"{short_repr(obj)} is not a finite decimal of at most 38 digits")
        return sql.decimal_value(self.fit_decimal(*parsed), self.scale)

    def fit_decimal(self, unscaled: int, scale: int) -> int:
        """The unscaled digits with exactly the type's scale, if they fit its precision."""
        fitted = sql.rescale_decimal(unscaled, scale, self.scale)
        if fitted is None or sql.digit_count(fitted) > self.precision:
            raise self.failure(f"{sql.decimal_text(unscaled, scale)} does not fit {self.type_name}")
        return fitted

    def _string(self, obj: Any, obj_kind: Kind) -> str:
        if obj_kind is not Kind.STRING:
            raise self._mismatch(obj, "str")
        text = str.__str__(obj)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise self.failure(
                f"the str {short_repr(obj)} is not valid Unicode: {exception_message(error)}", error
            ) from None
        if self.limit is not None and len(text) > self.limit:
            raise self.failure(f"a string of {len(text)} characters does not fit {self.type_name}")
        if self.padding is not None and len(text) < self.padding:
            return text.ljust(self.padding)
        return text

    def _binary(self, obj: Any, obj_kind: Kind) -> bytes:
        if obj_kind is not Kind.BYTES:
            raise self._mismatch(obj, "bytes, bytearray or memoryview")
        try:
            view = memoryview(obj)
            if not view.c_contiguous:
                raise BufferError("memoryview: underlying buffer is not C-contiguous")
            data = view.tobytes()
        except Exception as error:
            raise self.failure(
                f"{short_repr(obj)} has no contiguous bytes: {exception_message(error)}", error
            ) from None
        if self.limit is not None and len(data) > self.limit:
            raise self.failure(f"{len(data)} bytes do not fit {self.type_name}")
        if self.padding is not None and len(data) < self.padding:
            return data.ljust(self.padding, b"\0")
        return data

    def _date(self, obj: Any, obj_kind: Kind) -> datetime.date:
        if not isinstance(obj, datetime.date) or isinstance(obj, datetime.datetime):
            raise self._mismatch(obj, "datetime.date")
        return datetime.date(*_date_fields(obj))

    def _time(self, obj: Any, obj_kind: Kind) -> datetime.time:
        if not isinstance(obj, datetime.time) or _TZINFO_OF_TIME(obj) is not None:
            raise self._mismatch(obj, "a naive datetime.time")
        hour, minute, second, microsecond = _time_fields(obj)
        self._check_fraction(microsecond)
        return datetime.time(hour, minute, second, microsecond)

    def _timestamp(self, obj: Any, obj_kind: Kind) -> datetime.datetime:
        if not isinstance(obj, datetime.datetime):
            raise self._mismatch(obj, "datetime.datetime")
        instant = isinstance(self.type, LocalZonedTimestampType)
        aware = _TZINFO_OF_DATETIME(obj) is not None
        if not instant and aware:
            raise self.failure(
                "expected a naive datetime.datetime (TIMESTAMP has no time zone; declare "
                f"TIMESTAMP_LTZ for instants) but found the aware {short_repr(obj)}"
            )
        local = datetime.datetime(*_date_fields(obj), *_time_fields(obj))
        if not instant:
            self._check_fraction(local.microsecond)
            return local
        # The precision applies to the instant itself, after its UTC offset.
        try:
            offset = obj.utcoffset()
            if offset is not None and not isinstance(offset, datetime.timedelta):
                raise TypeError(f"utcoffset() returned {type_name(offset)}, not a timedelta")
        except Exception as error:
            raise self.failure(
                f"{short_repr(obj)}.utcoffset() raised {type_name(error)}: "
                f"{exception_message(error)}",
                error,
            ) from None
        microseconds = (local - _FIRST_DAY) // datetime.timedelta(microseconds=1)
        if offset is not None:
            microseconds -= offset // datetime.timedelta(microseconds=1)
        if not _YEAR_ZERO_MICROSECONDS <= microseconds <= _LAST_MICROSECOND:
            raise self.failure(f"{short_repr(obj)} is outside years 0 to 9999 in UTC")
        self._check_fraction(microseconds % 1_000_000)
        if microseconds < 0:  # year 0: valid SQL, but no Python datetime holds it
            return obj
        return (_FIRST_DAY + datetime.timedelta(microseconds=microseconds)).replace(tzinfo=_UTC)

    def _check_fraction(self, microsecond: int) -> None:
        unit = 10 ** (_MAX_TIME_PRECISION - self.precision)
        if (microsecond * 1000) % unit:
            raise self.failure(
                f"the fraction .{sql.fraction(microsecond * 1000, 6)[1:]} has more digits than "
                f"{self.type_name} holds"
            )

    def _array(self, obj: Any, obj_kind: Kind) -> list[Any]:
        if obj_kind not in (Kind.LIST, Kind.TUPLE):
            raise self._mismatch(obj, "list or tuple")
        assert self.element is not None
        return [self.element._at(item, f"[{index}]") for index, item in enumerate(items(obj))]

    def _multiset(self, obj: Any, obj_kind: Kind) -> dict[Any, int]:
        if obj_kind is not Kind.DICT:
            raise self._mismatch(obj, "dict of counts")
        assert self.element is not None
        counts: dict[Any, int] = {}
        for index, (key, count) in enumerate(entries(obj)):
            member = self.element._at(key, f"{{{index}}}")
            times = int.__index__(count) if kind(count) is Kind.INT else -1
            if not 0 <= times < 2**63:
                raise self.failure(
                    f"the count of element {index} is {type_name(count)} {short_repr(count)}; "
                    "counts must be non-negative ints"
                )
            if times > 0:
                self._set(counts, member, times, key)
        return counts

    def _map(self, obj: Any, obj_kind: Kind) -> dict[Any, Any]:
        if obj_kind is not Kind.DICT:
            raise self._mismatch(obj, "dict")
        assert self.key is not None and self.element is not None
        mapped: dict[Any, Any] = {}
        for index, (key, value) in enumerate(entries(obj)):
            mapped_key = self.key._at(key, f".key[{index}]")
            try:
                mapped_value = self.element.convert(value)
            except ConversionError as failure:
                raise failure.inside(f"[{sql.literal(mapped_key, self.key.type)}]") from None
            self._set(mapped, mapped_key, mapped_value, key)
        return mapped

    def _set(self, target: dict[Any, Any], key: Any, value: Any, given: Any) -> None:
        try:
            target[key] = value
        except TypeError as error:
            # A key of type ARRAY, MAP or MULTISET: the host cannot hand such a map to Python,
            # but takes one a model returns (then the model's own key stands for it here).
            if self.receiving:
                raise self.failure(
                    f"a {type_name(key)} cannot be a key of a Python dict: "
                    f"{exception_message(error)}",
                    error,
                ) from None
            target[given] = value


def _date_fields(obj: datetime.date) -> tuple[int, int, int]:
    """The date fields as the C API reads them (a subclass's properties are not called)."""
    return (_YEAR(obj), _MONTH(obj), _DAY(obj))


def _time_fields(obj: datetime.time | datetime.datetime) -> tuple[int, int, int, int]:
    if isinstance(obj, datetime.datetime):
        return (_HOUR(obj), _MINUTE(obj), _SECOND(obj), _MICROSECOND(obj))
    return (_T_HOUR(obj), _T_MINUTE(obj), _T_SECOND(obj), _T_MICROSECOND(obj))


def _field(cls: type, name: str) -> Callable[[Any], Any]:
    descriptor = cls.__dict__[name]
    return lambda obj: descriptor.__get__(obj, cls)


_YEAR, _MONTH, _DAY = (_field(datetime.date, name) for name in ("year", "month", "day"))
_HOUR, _MINUTE, _SECOND, _MICROSECOND = (
    _field(datetime.datetime, name) for name in ("hour", "minute", "second", "microsecond")
)
_T_HOUR, _T_MINUTE, _T_SECOND, _T_MICROSECOND = (
    _field(datetime.time, name) for name in ("hour", "minute", "second", "microsecond")
)
_TZINFO_OF_DATETIME = _field(datetime.datetime, "tzinfo")
_TZINFO_OF_TIME = _field(datetime.time, "tzinfo")


class RowShapeError(Exception):
    """A Python object that is not a row of a :class:`RowConverter`'s fields."""

    def __init__(
        self,
        *,
        not_a_row: tuple[str, str] | None = None,
        arity: int | None = None,
        field_names: list[str] | None = None,
    ) -> None:
        """One of: not a row (type name, repr), a row of ``arity`` values, other field names."""
        super().__init__()
        self.not_a_row = not_a_row
        self.arity = arity
        self.field_names = field_names

    def detail(self, row: RowConverter, owner: str = "ROW", noun: str = "fields") -> str:
        """What is wrong, the row called ``owner`` (``OUTPUT``, ``ROW``), its fields ``noun``."""
        if self.not_a_row is not None:
            name, text = self.not_a_row
            return (
                f"is {name} {text}; expected a Row, tuple or list of the {owner} {noun} "
                f"{row.description}"
            )
        if self.arity is not None:
            count, fields = self.arity, len(row.fields)
            return (
                f"has {count} value{'' if count == 1 else 's'} but {owner} has {fields} "
                f"{noun[:-1] if fields == 1 else noun} {row.description}"
            )
        return (
            f"has fields ({', '.join(self.field_names or [])}) but the {owner} {noun} are "
            f"{row.description}"
        )


class RowConverter:
    """A model's INPUT or OUTPUT columns, or a ``ROW<...>`` value: named, typed fields."""

    def __init__(
        self, names: Sequence[str], types: Sequence[DataType], *, receiving: bool = False
    ) -> None:
        """Hold one converter per field; rows become ``Row.type_for(names)`` instances."""
        self.names = list(names)
        self.fields = [ValueConverter(data_type, receiving=receiving) for data_type in types]
        self.row_type = Row.type_for(self.names)
        # The failures of a row as a whole name the ROW type of the fields, as the host's.
        self.type: DataType = RowType(
            [
                RowField(name, field.type)
                for name, field in zip(self.names, self.fields, strict=True)
            ]
        )

    @property
    def description(self) -> str:
        """The fields as SQL writes them: ``(label STRING, score DOUBLE)``."""
        return (
            "("
            + ", ".join(
                f"{name} {field.type}" for name, field in zip(self.names, self.fields, strict=True)
            )
            + ")"
        )

    def from_python(self, obj: object) -> Row:
        """A named ``Row`` of the converted values of a Python row; failures name the field."""
        try:
            order = self.field_order(obj)
        except RowShapeError as error:
            raise ConversionError("the value " + error.detail(self), self.type) from None
        return self.values(obj, order)

    def values(self, obj: Any, order: list[int] | None) -> Row:
        """The converted values of a row that passed :meth:`field_order`, which gave ``order``."""
        given = items(obj)
        converted: list[Any] = []
        for index, (name, field) in enumerate(zip(self.names, self.fields, strict=True)):
            item = given[index if order is None else order[index]]
            converted.append(field._at(item, f".{name}"))
        return tuple.__new__(self.row_type, converted)

    def field_order(self, obj: object) -> list[int] | None:
        """Check that ``obj`` is a row of these fields (a Row, tuple or list of as many values);
        for a row with other field names in another order, the position of each of ours."""
        obj_kind = kind(obj)
        if obj_kind not in (Kind.TUPLE, Kind.LIST):
            raise RowShapeError(not_a_row=(type_name(obj), short_repr(obj)))
        count = len(items(obj))  # type: ignore[arg-type]
        if count != len(self.fields):
            raise RowShapeError(arity=count)
        cls = type(obj)
        if obj_kind is not Kind.TUPLE or cls is tuple or cls is self.row_type or cls is Row:
            return None
        try:
            names = getattr(obj, "_fields")  # noqa: B009  # a namedtuple's or Row's claim
        except Exception:
            return None
        if kind(names) is not Kind.TUPLE:
            return None
        given: list[str] = []
        for name in items(names):
            if kind(name) is not Kind.STRING:
                return None
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:
                return None
            given.append(str.__str__(name))
        if len(given) != count:
            raise RowShapeError(field_names=given)
        if given == self.names:
            return None
        positions = [given.index(name) for name in self.names if name in given]
        if len(positions) != len(self.names) or len(set(given)) != len(given):
            raise RowShapeError(field_names=given)
        return positions
