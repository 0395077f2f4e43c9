"""Flink SQL data types, named as in PyFlink (``pyflink.table.types``).

Every type is an immutable, hashable dataclass with a keyword-only ``nullable``
(``False`` for ``NOT NULL``; types are nullable by default). Equality is
structural, nullability included. ``str()`` gives the canonical Flink SQL
string, which ``parse_type`` reads back::

    MapType(VarCharType(VarCharType.MAX_LENGTH, nullable=False), ArrayType(DoubleType()))
    # str(): MAP<STRING NOT NULL, ARRAY<DOUBLE>>

Each class's ``python_type`` is the class of the Python values of the type
(``None`` is SQL NULL); the class docstrings give the details. This module
holds the base class and the atomic types, ``_nested_types`` the composite ones.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
from dataclasses import dataclass, field
from typing import ClassVar, Self

_MAX_LENGTH = 2_147_483_647


@dataclass(frozen=True, repr=False)
class DataType:
    """Base class of the SQL data types."""

    python_type: ClassVar[type] = object
    nullable: bool = field(default=True, kw_only=True)
    """``False`` for ``NOT NULL``."""

    def __str__(self) -> str:
        """Return the canonical type string, with ``" NOT NULL"`` if not nullable."""
        return self._sql() if self.nullable else f"{self._sql()} NOT NULL"

    def __repr__(self) -> str:
        """Return ``DecimalType(10, 2)`` or ``IntType(nullable=False)``."""
        values = [
            repr(getattr(self, f.name)) for f in dataclasses.fields(self) if f.name != "nullable"
        ]
        if not self.nullable:
            values.append("nullable=False")
        return f"{type(self).__name__}({', '.join(values)})"

    def not_null(self) -> Self:
        """Return this type with ``NOT NULL``."""
        return self.with_nullable(False)

    def with_nullable(self, nullable: bool) -> Self:
        """Return this type with the given nullability (nested types unchanged)."""
        return self if nullable == self.nullable else dataclasses.replace(self, nullable=nullable)

    def _sql(self) -> str:
        """Return the type string without the nullability."""
        raise NotImplementedError(f"{type(self).__name__} is not a concrete data type")


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, got {value}")


def _check_type(name: str, value: object) -> None:
    if not isinstance(value, DataType):
        raise TypeError(f"{name} must be a DataType, got {value!r}")


@dataclass(frozen=True, repr=False)
class BooleanType(DataType):
    """``BOOLEAN``: a Python ``bool``."""

    python_type = bool

    def _sql(self) -> str:
        return "BOOLEAN"


@dataclass(frozen=True, repr=False)
class TinyIntType(DataType):
    """``TINYINT``: a Python ``int`` from -128 to 127."""

    python_type = int

    def _sql(self) -> str:
        return "TINYINT"


@dataclass(frozen=True, repr=False)
class SmallIntType(DataType):
    """``SMALLINT``: a Python ``int`` from -32768 to 32767."""

    python_type = int

    def _sql(self) -> str:
        return "SMALLINT"


@dataclass(frozen=True, repr=False)
class IntType(DataType):
    """``INT``: a Python ``int`` of 32 bits."""

    python_type = int

    def _sql(self) -> str:
        return "INT"


@dataclass(frozen=True, repr=False)
class BigIntType(DataType):
    """``BIGINT``: a Python ``int`` of 64 bits."""

    python_type = int

    def _sql(self) -> str:
        return "BIGINT"


@dataclass(frozen=True, repr=False)
class FloatType(DataType):
    """``FLOAT`` (4 bytes): a Python ``float``."""

    python_type = float

    def _sql(self) -> str:
        return "FLOAT"


@dataclass(frozen=True, repr=False)
class DoubleType(DataType):
    """``DOUBLE``: a Python ``float``."""

    python_type = float

    def _sql(self) -> str:
        return "DOUBLE"


@dataclass(frozen=True, repr=False)
class DecimalType(DataType):
    """``DECIMAL(precision, scale)``: a ``decimal.Decimal``.

    ``1 <= precision <= 38`` digits, ``scale`` of them after the point.
    """

    python_type = decimal.Decimal
    MAX_PRECISION: ClassVar[int] = 38

    precision: int = 10
    scale: int = 0

    def __post_init__(self) -> None:
        """Check the precision and the scale."""
        _check_int("precision", self.precision, 1, self.MAX_PRECISION)
        _check_int("scale", self.scale, 0, self.precision)

    def _sql(self) -> str:
        return f"DECIMAL({self.precision}, {self.scale})"


@dataclass(frozen=True, repr=False)
class _LengthType(DataType):
    """A string or binary type of ``1 <= length <= MAX_LENGTH``."""

    MAX_LENGTH: ClassVar[int] = _MAX_LENGTH
    _keyword: ClassVar[str] = ""

    length: int

    def __post_init__(self) -> None:
        """Check the length."""
        _check_int("length", self.length, 1, self.MAX_LENGTH)

    def _sql(self) -> str:
        return f"{self._keyword}({self.length})"


@dataclass(frozen=True, repr=False)
class CharType(_LengthType):
    """``CHAR(length)``: a Python ``str`` of exactly ``length`` characters."""

    python_type = str
    _keyword = "CHAR"


@dataclass(frozen=True, repr=False)
class VarCharType(_LengthType):
    """``VARCHAR(length)``, or ``STRING`` for ``MAX_LENGTH``: a Python ``str``."""

    python_type = str
    _keyword = "VARCHAR"

    def _sql(self) -> str:
        return "STRING" if self.length == self.MAX_LENGTH else super()._sql()


@dataclass(frozen=True, repr=False)
class BinaryType(_LengthType):
    """``BINARY(length)``: Python ``bytes`` of exactly ``length`` bytes."""

    python_type = bytes
    _keyword = "BINARY"


@dataclass(frozen=True, repr=False)
class VarBinaryType(_LengthType):
    """``VARBINARY(length)``, or ``BYTES`` for ``MAX_LENGTH``: Python ``bytes``."""

    python_type = bytes
    _keyword = "VARBINARY"

    def _sql(self) -> str:
        return "BYTES" if self.length == self.MAX_LENGTH else super()._sql()


@dataclass(frozen=True, repr=False)
class DateType(DataType):
    """``DATE``: a ``datetime.date``."""

    python_type = datetime.date

    def _sql(self) -> str:
        return "DATE"


@dataclass(frozen=True, repr=False)
class _PrecisionType(DataType):
    """A time type with ``0 <= precision <= 9`` fractional second digits.

    Python's ``datetime`` types hold microseconds, so digits beyond 6 are lost.
    """

    MAX_PRECISION: ClassVar[int] = 9
    _keyword: ClassVar[str] = ""

    precision: int = 6

    def __post_init__(self) -> None:
        """Check the precision."""
        _check_int("precision", self.precision, 0, self.MAX_PRECISION)

    def _sql(self) -> str:
        return f"{self._keyword}({self.precision})"


@dataclass(frozen=True, repr=False)
class TimeType(_PrecisionType):
    """``TIME(precision)``: a naive ``datetime.time`` (to the microsecond)."""

    python_type = datetime.time
    _keyword = "TIME"

    precision: int = 0


@dataclass(frozen=True, repr=False)
class TimestampType(_PrecisionType):
    """``TIMESTAMP(precision)``: a naive ``datetime.datetime`` (to the microsecond)."""

    python_type = datetime.datetime
    _keyword = "TIMESTAMP"


@dataclass(frozen=True, repr=False)
class LocalZonedTimestampType(_PrecisionType):
    """``TIMESTAMP_LTZ(precision)``: an instant, an aware ``datetime.datetime`` in UTC.

    Its ``tzinfo`` is ``datetime.timezone.utc``; it holds microseconds at most.
    """

    python_type = datetime.datetime
    _keyword = "TIMESTAMP_LTZ"
