"""``parse_type``: read a Flink SQL type string into a :class:`DataType`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from ._exceptions import ModelConfigError
from ._nested_types import ArrayType, MapType, MultisetType, RowField, RowType
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

_MAX_DEPTH = 64
"""How deeply types may nest, so that parsing cannot exhaust the Python stack."""

_MAX_LENGTH = VarCharType.MAX_LENGTH
_SIMPLE: dict[str, Callable[[], DataType]] = {
    "BOOLEAN": BooleanType,
    "TINYINT": TinyIntType,
    "SMALLINT": SmallIntType,
    "INT": IntType,
    "INTEGER": IntType,
    "BIGINT": BigIntType,
    "FLOAT": FloatType,
    "DATE": DateType,
    "STRING": lambda: VarCharType(_MAX_LENGTH),
    "BYTES": lambda: VarBinaryType(_MAX_LENGTH),
}
_LENGTH_TYPES: dict[str, Callable[[int], DataType]] = {
    "CHAR": CharType,
    "VARCHAR": VarCharType,
    "BINARY": BinaryType,
    "VARBINARY": VarBinaryType,
}
_COLLECTION_TYPES: dict[str, Callable[[DataType], DataType]] = {
    "ARRAY": ArrayType,
    "MULTISET": MultisetType,
}
_UNSUPPORTED = frozenset({"INTERVAL", "NULL", "RAW", "VARIANT", "DESCRIPTOR", "STRUCTURED"})

_WORD = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(r"[0-9]+")
_QUOTED = {
    "`": ("name", re.compile(r"`[^`]*(?:``[^`]*)*`"), "a closing back-quote for the name"),
    "'": ("string", re.compile(r"'[^']*(?:''[^']*)*'"), "a closing quote for the comment"),
}


def parse_type(text: str) -> DataType:
    """Parse a Flink SQL type string such as ``"MAP<STRING NOT NULL, ARRAY<INT>>"``.

    Reads what ``str()`` prints and Flink's lenient spellings (any case,
    ``INTEGER``, ``DEC``/``NUMERIC``, omitted lengths and precisions,
    ``TIMESTAMP(3) WITH LOCAL TIME ZONE``, ``ROW(a INT, b STRING)``...). Raises
    ``ModelConfigError`` with the column, the expected and the found text if
    ``text`` is not a valid type.
    """
    return _Parser(text).parse(nullability=True)


def parse_column_type(text: str, nullable: bool) -> DataType:
    """Parse a column's type string, which has no top-level ``NOT NULL``."""
    return _Parser(text).parse(nullability=False).with_nullable(nullable)


@dataclass(frozen=True)
class _Token:
    kind: str
    """``word``, ``number``, ``name`` (back-quoted), ``string``, ``symbol`` or ``end``."""
    text: str
    """The token as written."""
    start: int

    @property
    def keyword(self) -> str:
        # ASCII only: "ınt".upper() is "INT".
        return self.text.upper() if self.kind == "word" and self.text.isascii() else ""

    def is_symbol(self, symbol: str) -> bool:
        return self.kind == "symbol" and self.text == symbol

    def describe(self) -> str:
        if self.kind == "end":
            return "the end of the type"
        text = self.text if len(self.text) <= 40 else f"{self.text[:37]}..."
        return text if self.kind in ("name", "string") else f"'{text}'"


def _unquote(token: _Token) -> str:
    quote = token.text[0]
    return token.text[1:-1].replace(quote * 2, quote)


class _Parser:
    """A recursive descent parser over tokens read on demand."""

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"a type string must be a str, got {text!r}")
        self._text = text
        self._position = 0
        self._token: _Token | None = None

    def parse(self, nullability: bool) -> DataType:
        if nullability:
            data_type = self._type(1)
        else:
            data_type = self._base_type(1)
            if self._peek().keyword in ("NOT", "NULL"):
                raise self._error(
                    self._peek(),
                    'the end of the type (a column\'s nullability is its "nullable" key)',
                )
        token = self._next()
        if token.kind != "end":
            raise self._error(token, "the end of the type")
        return data_type

    def _type(self, depth: int) -> DataType:
        if depth > _MAX_DEPTH:
            token = self._peek()
            raise self._error(
                token,
                f"types nested at most {_MAX_DEPTH} deep",
                f"{token.describe()} at depth {depth}",
            )
        data_type = self._base_type(depth)
        token = self._peek()
        if token.keyword == "NOT":
            self._next()
            self._expect_word("NULL")
            return data_type.not_null()
        if token.keyword == "NULL":
            self._next()
        return data_type

    def _base_type(self, depth: int) -> DataType:
        token = self._next()
        keyword = token.keyword
        if keyword in _SIMPLE:
            return _SIMPLE[keyword]()
        if keyword == "DOUBLE":
            if self._peek().keyword == "PRECISION":
                self._next()
            return DoubleType()
        if keyword in ("DECIMAL", "DEC", "NUMERIC"):
            return self._decimal()
        if keyword in _LENGTH_TYPES:
            return _LENGTH_TYPES[keyword](self._precision(1, _MAX_LENGTH, "a length", 1))
        if keyword == "TIME":
            precision = self._precision(0, TimeType.MAX_PRECISION, "a precision", 0)
            self._time_zone(local_allowed=False)
            return TimeType(precision)
        if keyword == "TIMESTAMP":
            precision = self._precision(0, TimestampType.MAX_PRECISION, "a precision", 6)
            if self._time_zone(local_allowed=True):
                return LocalZonedTimestampType(precision)
            return TimestampType(precision)
        if keyword == "TIMESTAMP_LTZ":
            max_precision = LocalZonedTimestampType.MAX_PRECISION
            return LocalZonedTimestampType(self._precision(0, max_precision, "a precision", 6))
        if keyword in _COLLECTION_TYPES:
            opening = self._expect_symbol("<")
            element_type = self._type(depth + 1)
            self._close(opening, ">")
            return _COLLECTION_TYPES[keyword](element_type)
        if keyword == "MAP":
            opening = self._expect_symbol("<")
            key_type = self._type(depth + 1)
            self._expect_symbol(",")
            value_type = self._type(depth + 1)
            self._close(opening, ">")
            return MapType(key_type, value_type)
        if keyword == "ROW":
            return self._row(depth)
        if keyword in _UNSUPPORTED:
            raise self._error(token, "a data type", f"{token.describe()}, which is not supported")
        found = f"unknown type {token.describe()}" if token.kind == "word" else token.describe()
        raise self._error(token, "a data type", found)

    def _decimal(self) -> DataType:
        if not self._peek().is_symbol("("):
            return DecimalType()
        opening = self._next()
        precision = self._number(1, DecimalType.MAX_PRECISION, "a precision")
        scale = 0
        if self._peek().is_symbol(","):
            self._next()
            scale = self._number(0, precision, "a scale", f"{precision} (the precision)")
        self._close(opening, ")")
        return DecimalType(precision, scale)

    def _precision(self, low: int, high: int, what: str, default: int) -> int:
        """Read an optional ``(n)``, returning ``default`` if there is none."""
        if not self._peek().is_symbol("("):
            return default
        opening = self._next()
        value = self._number(low, high, what)
        self._close(opening, ")")
        return value

    def _number(self, low: int, high: int, what: str, high_text: str | None = None) -> int:
        token = self._next()
        if token.kind != "number":
            raise self._error(token, what)
        digits = token.text.lstrip("0") or "0"
        # Beyond 10 digits every bound is exceeded; int() would also refuse 4300.
        value = int(digits) if len(digits) <= 10 else high + 1
        if not low <= value <= high:
            raise self._error(token, f"{what} from {low} to {high_text or high}", token.text)
        return value

    def _time_zone(self, local_allowed: bool) -> bool:
        """Read ``WITHOUT TIME ZONE`` or (if allowed) ``WITH LOCAL TIME ZONE``."""
        keyword = self._peek().keyword
        if keyword == "WITHOUT" or (keyword == "WITH" and local_allowed):
            self._next()
            if keyword == "WITH":
                self._expect_word("LOCAL", " (TIMESTAMP WITH TIME ZONE is not supported)")
            self._expect_word("TIME")
            self._expect_word("ZONE")
        return keyword == "WITH" and local_allowed

    def _row(self, depth: int) -> RowType:
        opening = self._next()
        if not (opening.is_symbol("<") or opening.is_symbol("(")):
            raise self._error(opening, "'<' or '('")
        closing = ">" if opening.text == "<" else ")"
        fields: list[RowField] = []
        while True:
            fields.append(self._field(depth, {row_field.name for row_field in fields}))
            token = self._next()
            if token.is_symbol(closing):
                return RowType(fields)
            if not token.is_symbol(","):
                raise self._error(token, f"',' or {self._closing(opening, closing)}")

    def _field(self, depth: int, names: set[str]) -> RowField:
        token = self._next()
        if token.kind not in ("word", "name"):
            raise self._error(token, "a field name")
        name = token.text if token.kind == "word" else _unquote(token)
        if not name.strip():
            raise self._error(token, "a field name with a non-whitespace character")
        if name in names:
            raise self._error(token, "a unique field name", f"{token.describe()} again")
        data_type = self._type(depth + 1)
        description = _unquote(self._next()) if self._peek().kind == "string" else None
        return RowField(name, data_type, description)

    def _expect_word(self, keyword: str, note: str = "") -> None:
        token = self._next()
        if token.keyword != keyword:
            raise self._error(token, f"'{keyword}'{note}")

    def _expect_symbol(self, symbol: str) -> _Token:
        token = self._next()
        if not token.is_symbol(symbol):
            raise self._error(token, f"'{symbol}'")
        return token

    def _close(self, opening: _Token, closing: str) -> None:
        token = self._next()
        if not token.is_symbol(closing):
            raise self._error(token, self._closing(opening, closing))

    def _closing(self, opening: _Token, closing: str) -> str:
        return f"'{closing}' to close the '{opening.text}' at column {opening.start + 1}"

    def _peek(self) -> _Token:
        if self._token is None:
            self._token = self._lex()
        return self._token

    def _next(self) -> _Token:
        token = self._peek()
        self._token = None
        self._position = token.start + len(token.text)
        return token

    def _lex(self) -> _Token:
        text, start = self._text, self._position
        while start < len(text) and text[start].isspace():
            start += 1
        if start == len(text):
            return _Token("end", "", start)
        for kind, pattern in (("word", _WORD), ("number", _NUMBER)):
            if match := pattern.match(text, start):
                return _Token(kind, match.group(), start)
        quote = text[start]
        if quote in _QUOTED:
            kind, pattern, expected = _QUOTED[quote]
            if not (match := pattern.match(text, start)):
                end = _Token("end", "", len(text))
                raise self._error(end, f"{expected} at column {start + 1}")
            return _Token(kind, match.group(), start)
        return _Token("symbol", quote, start)

    def _error(self, token: _Token, expected: str, found: str | None = None) -> ModelConfigError:
        return ModelConfigError(
            f"invalid data type {json.dumps(self._text, ensure_ascii=False)} at column "
            f"{token.start + 1} (offset {token.start}): expected {expected}, "
            f"found {found or token.describe()}"
        )
