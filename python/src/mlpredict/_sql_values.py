"""SQL values as the Swift host holds them: exact decimals, 32-bit floats, SQL literal text.

Used by ``mlpredict.testing``'s checks to fit Python values to a column's type
exactly as the host does (``Sources/MLPredict/Values``): a ``DECIMAL`` is read
from ``str(value)`` into at most 38 digits and rescaled without losing a digit
(``SQLDecimal``), a ``FLOAT`` is rounded to ``float32``, and a value inside an
error's path (a MAP key) is written as the host's ``Value.description`` writes it.
"""

from __future__ import annotations

import datetime
import decimal
import struct
from typing import Any

from ._nested_types import ArrayType, MapType, MultisetType, RowType
from ._types import (
    BinaryType,
    BooleanType,
    CharType,
    DataType,
    DateType,
    DecimalType,
    FloatType,
    LocalZonedTimestampType,
    TimestampType,
    TimeType,
    VarBinaryType,
    VarCharType,
)

MAX_UNSCALED = 10**38 - 1
"""The largest magnitude 38 digits hold."""


def parse_decimal(text: str) -> tuple[int, int] | None:
    """``(unscaled, scale)`` of ``-12.340``, ``5``, ``.5``, ``1e3``, ``1.5E-2``; ``None`` otherwise.

    As ``SQLDecimal(utf8:)``: at most 38 digits, an exponent of at most 4 digits,
    no ``NaN`` or ``Infinity``.
    """
    data = text.encode("utf-8", "surrogatepass")
    index = 0
    negative = data[:1] == b"-"
    if negative or data[:1] == b"+":
        index = 1
    magnitude = digits = scale = 0
    seen_point = False
    while index < len(data) and data[index] | 0x20 != ord("e"):
        byte = data[index]
        index += 1
        if byte == ord("."):
            if seen_point:
                return None
            seen_point = True
            continue
        digit = byte - ord("0")
        if not 0 <= digit < 10:
            return None
        magnitude = magnitude * 10 + digit
        if magnitude > MAX_UNSCALED:
            return None
        digits += 1
        if seen_point:
            scale += 1
    if digits == 0:
        return None
    if index < len(data):
        exponent = _exponent(data[index + 1 :])
        if exponent is None:
            return None
        scale -= exponent
    while scale < 0:
        if magnitude > MAX_UNSCALED // 10:
            return None
        magnitude *= 10
        scale += 1
    return (-magnitude if negative else magnitude, scale)


def _exponent(data: bytes) -> int | None:
    sign = -1 if data[:1] == b"-" else 1
    if data[:1] in (b"-", b"+"):
        data = data[1:]
    if not 1 <= len(data) <= 4 or not all(ord("0") <= byte <= ord("9") for byte in data):
        return None
    return sign * int(data)


def rescale_decimal(unscaled: int, scale: int, target: int) -> int | None:
    """The unscaled digits with ``target`` fraction digits, or ``None`` if a digit is lost."""
    while scale < target:
        if abs(unscaled) > MAX_UNSCALED // 10:
            return None
        unscaled *= 10
        scale += 1
    while scale > target:
        if unscaled % 10:
            return None
        unscaled //= 10  # exact: the digit dropped is 0
        scale -= 1
    return unscaled


def digit_count(unscaled: int) -> int:
    """The number of significant digits (1 for zero)."""
    return len(str(abs(unscaled)))


def decimal_text(unscaled: int, scale: int) -> str:
    """Plain notation with every scale digit: ``-12.340``, ``0.05``, ``7`` (as ``SQLDecimal``)."""
    digits = str(abs(unscaled)).rjust(scale + 1, "0")
    text = digits if scale == 0 else f"{digits[:-scale]}.{digits[-scale:]}"
    return f"-{text}" if unscaled < 0 else text


def to_float32(number: float) -> float | None:
    """``number`` rounded to the nearest ``float32`` (a Python float); ``None`` on overflow."""
    try:
        single: float = struct.unpack("=f", struct.pack("=f", number))[0]  # "=": checked
    except OverflowError:
        return None
    return single


def int_to_float32(number: int) -> float:
    """A 64-bit integer rounded once, to the nearest ``float32`` (Swift's ``Float(Int64)``)."""
    if abs(number) <= 2**53:
        single = to_float32(float(number))
        assert single is not None  # far below float32's range
        return single
    magnitude = abs(number)
    shift = magnitude.bit_length() - 24
    quotient, remainder = divmod(magnitude, 1 << shift)
    half = 1 << (shift - 1)
    if remainder > half or (remainder == half and quotient & 1):
        quotient += 1
    return float(quotient << shift) * (-1 if number < 0 else 1)


def float_text(number: float, *, single: bool = False) -> str:
    """The shortest text that reads back as ``number``, as Swift's ``Double``/``Float`` print it."""
    if number != number:
        return "nan"
    if number in (float("inf"), float("-inf")):
        return "inf" if number > 0 else "-inf"
    if not single:
        return repr(number)
    for precision in range(1, 10):
        text = f"{number:.{precision - 1}e}"
        if to_float32(float(text)) == number:
            break
    mantissa, _, exponent_text = text.partition("e")
    negative = mantissa.startswith("-")
    digits = mantissa.lstrip("-").replace(".", "").rstrip("0") or "0"
    exponent = int(exponent_text)
    if -4 <= exponent < 16:
        if exponent >= 0:
            whole = digits[: exponent + 1].ljust(exponent + 1, "0")
            fraction = digits[exponent + 1 :] or "0"
        else:
            whole, fraction = "0", "0" * (-exponent - 1) + digits
        body = f"{whole}.{fraction}"
    else:
        body = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        body += f"e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    return f"-{body}" if negative else body


def literal(value: Any, data_type: DataType) -> str:
    """A converted value of ``data_type`` as the host writes it (``Value.description``).

    ``NULL``, ``true``, ``42``, ``0.5``, ``'text'``, ``X'00FF'``, ``DATE '2024-01-31'``,
    ``ARRAY[1, 2]``, ``MAP['k', 1]``, ``MULTISET['a', 'a']``, ``ROW(1, 'a')``.
    """
    if value is None:
        return "NULL"
    match data_type:
        case BooleanType():
            return "true" if value else "false"
        case FloatType():
            return float_text(value, single=True)
        case DecimalType():
            return str(value)
        case CharType() | VarCharType():
            return "'" + str(value).replace("'", "''") + "'"
        case BinaryType() | VarBinaryType():
            return "X'" + bytes(value).hex().upper() + "'"
        case DateType():
            return f"DATE '{_date(value)}'"
        case TimeType():
            return f"TIME '{_time(value)}'"
        case TimestampType():
            return f"TIMESTAMP '{_date(value)} {_time(value)}'"
        case LocalZonedTimestampType():
            return f"TIMESTAMP_LTZ '{_date(value)} {_time(value)}Z'"
        case ArrayType(element_type=element):
            return "ARRAY[" + ", ".join(literal(item, element) for item in value) + "]"
        case MapType(key_type=key_type, value_type=value_type):
            pairs = (f"{literal(k, key_type)}, {literal(v, value_type)}" for k, v in value.items())
            return "MAP[" + ", ".join(pairs) + "]"
        case MultisetType(element_type=element):
            members = (literal(k, element) for k, count in value.items() for _ in range(count))
            return "MULTISET[" + ", ".join(members) + "]"
        case RowType(fields=fields):
            values = (
                literal(item, field.data_type) for item, field in zip(value, fields, strict=True)
            )
            return "ROW(" + ", ".join(values) + ")"
    if isinstance(value, float):
        return float_text(value)
    return str(value)


def _date(value: datetime.date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _time(value: datetime.time | datetime.datetime) -> str:
    text = f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    return text + fraction(value.microsecond * 1000, None)


def fraction(nanosecond: int, digits: int | None) -> str:
    """``.ddd…``: ``digits`` digits, or the fewest of 3, 6, 9 that are exact (none for 0)."""
    nine = f"{nanosecond:09d}"
    if digits is None:
        if nanosecond == 0:
            digits = 0
        elif nanosecond % 1_000_000 == 0:
            digits = 3
        elif nanosecond % 1000 == 0:
            digits = 6
        else:
            digits = 9
    return "" if digits == 0 else "." + nine[:digits]


def decimal_value(unscaled: int, scale: int) -> decimal.Decimal:
    """The ``decimal.Decimal`` the host hands Python for a DECIMAL value."""
    return decimal.Decimal(decimal_text(unscaled, scale))
