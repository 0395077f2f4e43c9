"""The pieces of mlpredict.testing's port of the host's conversions that the differential test
(PythonTestingDifferentialTests.swift) reaches only in part: SQL decimals, 32-bit floats as
Swift prints them, reprs cut as Swift counts characters, and numpy arrays of the wrong shape."""

from __future__ import annotations

import decimal

import numpy as np
import pytest

from mlpredict import parse_type
from mlpredict._converters import ConversionError, ValueConverter
from mlpredict._python_objects import short_repr, value_description
from mlpredict._sql_values import (
    decimal_text,
    float_text,
    int_to_float32,
    parse_decimal,
    rescale_decimal,
    to_float32,
)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("-12.340", (-12340, 3)),
        (".5", (5, 1)),
        ("5.", (5, 0)),
        ("1e3", (1000, 0)),
        ("1.5E-2", (15, 3)),
        ("+7", (7, 0)),
        ("9" * 38, (10**38 - 1, 0)),
        ("9" * 39, None),
        ("1e99999", None),
        ("NaN", None),
        ("Infinity", None),
        ("1.2.3", None),
        ("", None),
    ],
)
def test_decimals_are_read_as_the_host_reads_them(
    text: str, parsed: tuple[int, int] | None
) -> None:
    assert parse_decimal(text) == parsed


def test_a_decimal_is_rescaled_only_without_losing_a_digit() -> None:
    assert rescale_decimal(-1230, 3, 2) == -123
    assert rescale_decimal(1234, 3, 2) is None
    assert rescale_decimal(5, 0, 2) == 500
    assert decimal_text(-5, 3) == "-0.005"
    assert decimal_text(0, 2) == "0.00"


def test_a_float_column_rounds_to_32_bits_and_refuses_what_overflows() -> None:
    assert to_float32(0.1) == 0.10000000149011612
    assert to_float32(1e39) is None
    assert to_float32(float("inf")) == float("inf")
    converter = ValueConverter(parse_type("FLOAT"))
    with pytest.raises(ConversionError, match=r"^1e\+39 is out of range for FLOAT$"):
        converter.convert(1e39)


def test_an_integer_rounds_to_32_bits_once() -> None:
    assert int_to_float32(2**24 + 1) == 2**24
    # Rounded through a double first, 2**60 + 2**36 + 1 would be a tie rounded down.
    assert int_to_float32(2**60 + 2**36 + 1) == 2**60 + 2**37
    assert int_to_float32(-(2**63)) == -(2.0**63)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0.1, "0.1"),
        (1e-5, "1e-05"),
        (16777216.0, "16777216.0"),
        (1e16, "1e+16"),
        (-0.0, "-0.0"),
        (3.4028234663852886e38, "3.4028235e+38"),
        (float("nan"), "nan"),
    ],
)
def test_a_float32_is_printed_as_swift_prints_a_float(number: float, text: str) -> None:
    single = to_float32(number)
    assert single is not None
    assert float_text(single, single=True) == text


def test_a_repr_is_cut_at_60_user_perceived_characters() -> None:
    combining = "e\u0301" * 70  # each 'é' is two code points but one character
    text = short_repr(combining)
    assert text.endswith("...")
    assert len(text.replace("\u0301", "")) == 60
    assert short_repr("x" * 58) == repr("x" * 58)


def test_numpy_arrays_are_described_by_shape_and_refused_with_the_fix() -> None:
    array = np.zeros((2, 3))
    assert value_description(array) == "numpy.ndarray of shape (2, 3) and dtype float64"
    with pytest.raises(ConversionError) as caught:
        ValueConverter(parse_type("ARRAY<DOUBLE>")).convert(array)
    assert caught.value.message == (
        "expected a 1-dimensional array but found numpy.ndarray of shape (2, 3) and dtype "
        "float64; index the part you mean (array[0] is the first row)"
    )
    assert ValueConverter(parse_type("ARRAY<ARRAY<INT>>")).convert(np.ones((1, 2), int)) == [[1, 1]]


def test_a_decimal_output_gets_exactly_its_scale() -> None:
    converter = ValueConverter(parse_type("DECIMAL(5, 2)"))
    assert str(converter.convert(decimal.Decimal("1.5E+1"))) == "15.00"
    assert str(converter.convert(-0)) == "0.00"
    with pytest.raises(ConversionError, match=r"^1234.5 does not fit DECIMAL\(5, 2\)$"):
        converter.convert(decimal.Decimal("1234.5"))
