from __future__ import annotations

import dataclasses
import datetime
import decimal
import itertools
import json
import random
import re
from collections.abc import Callable

import pytest

import mlpredict
from mlpredict import (
    ArrayType,
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
    MapType,
    ModelConfigError,
    MultisetType,
    Row,
    RowField,
    RowType,
    SmallIntType,
    TimestampType,
    TimeType,
    TinyIntType,
    VarBinaryType,
    VarCharType,
    parse_type,
)

MAX = VarCharType.MAX_LENGTH
STRING = VarCharType(MAX)
BYTES = VarBinaryType(MAX)

# (canonical string, the type, other spellings that parse to it)
TYPES: list[tuple[str, DataType, list[str]]] = [
    ("BOOLEAN", BooleanType(), ["boolean", " Boolean\n"]),
    ("TINYINT", TinyIntType(), ["tinyint"]),
    ("SMALLINT", SmallIntType(), ["SmallInt"]),
    ("INT", IntType(), ["int", "INTEGER", "integer", "INT NULL"]),
    ("BIGINT", BigIntType(), ["bigint"]),
    ("FLOAT", FloatType(), ["float"]),
    ("DOUBLE", DoubleType(), ["double", "DOUBLE PRECISION", "double\tprecision"]),
    ("DECIMAL(10, 2)", DecimalType(10, 2), ["DECIMAL(10,2)", "dec ( 10 , 2 )", "NUMERIC(10, 2)"]),
    ("DECIMAL(10, 0)", DecimalType(), ["DECIMAL", "DEC", "numeric", "DECIMAL(10)", "DEC(010)"]),
    ("DECIMAL(1, 0)", DecimalType(1), ["DECIMAL(1)", "NUMERIC(1,0)"]),
    ("DECIMAL(38, 38)", DecimalType(38, 38), ["decimal(38,38)"]),
    ("CHAR(3)", CharType(3), ["char(3)", "CHAR( 3 )"]),
    ("CHAR(1)", CharType(1), ["CHAR", "char"]),
    ("VARCHAR(10)", VarCharType(10), ["varchar(10)"]),
    ("VARCHAR(1)", VarCharType(1), ["VARCHAR"]),
    ("STRING", STRING, ["string", "VARCHAR(2147483647)"]),
    ("BINARY(16)", BinaryType(16), ["binary(16)"]),
    ("BINARY(1)", BinaryType(1), ["BINARY"]),
    ("VARBINARY(5)", VarBinaryType(5), ["VarBinary(5)"]),
    ("VARBINARY(1)", VarBinaryType(1), ["VARBINARY"]),
    ("BYTES", BYTES, ["bytes", "VARBINARY(2147483647)"]),
    ("DATE", DateType(), ["date"]),
    ("TIME(0)", TimeType(), ["TIME", "time(0)", "TIME WITHOUT TIME ZONE"]),
    ("TIME(9)", TimeType(9), ["time(9) without time zone"]),
    ("TIMESTAMP(6)", TimestampType(), ["TIMESTAMP", "timestamp without time zone"]),
    ("TIMESTAMP(3)", TimestampType(3), ["TIMESTAMP(3) WITHOUT TIME ZONE", "timestamp(3)"]),
    ("TIMESTAMP(0)", TimestampType(0), ["TIMESTAMP(0)"]),
    (
        "TIMESTAMP_LTZ(6)",
        LocalZonedTimestampType(),
        ["TIMESTAMP_LTZ", "timestamp with local time zone", "Timestamp_Ltz(6)"],
    ),
    (
        "TIMESTAMP_LTZ(9)",
        LocalZonedTimestampType(9),
        ["TIMESTAMP(9) WITH LOCAL TIME ZONE", "timestamp_ltz(9)"],
    ),
    ("ARRAY<INT>", ArrayType(IntType()), ["array<int>", "ARRAY < INTEGER NULL >"]),
    (
        "MULTISET<STRING>",
        MultisetType(STRING),
        ["multiset<string>", "MULTISET<VARCHAR(2147483647)>"],
    ),
    (
        "MAP<STRING, INT>",
        MapType(STRING, IntType()),
        ["MAP<STRING,INT>", "map < varchar(2147483647) , integer >"],
    ),
    ("ROW<`a` INT>", RowType([RowField("a", IntType())]), ["ROW<a INT>", "row(a int)"]),
    (
        "ROW<`a` INT, `b` STRING 'c'>",
        RowType([RowField("a", IntType()), RowField("b", STRING, "c")]),
        ["ROW(a INT, b STRING 'c')", "row<a int,`b` string'c'>", "ROW ( `a` INT , b STRING 'c' )"],
    ),
]


@pytest.mark.parametrize(("canonical", "expected", "spellings"), TYPES)
def test_parse_and_print_each_type(
    canonical: str, expected: DataType, spellings: list[str]
) -> None:
    assert parse_type(canonical) == expected
    assert str(expected) == canonical
    for spelling in spellings:
        assert parse_type(spelling) == expected, spelling
        assert str(parse_type(spelling)) == canonical
    not_null = parse_type(f"{canonical} NOT NULL")
    assert not_null == expected.not_null() != expected
    assert not not_null.nullable and expected.nullable
    assert str(not_null) == f"{canonical} NOT NULL"
    assert parse_type(f"{canonical.lower()} not  null") == not_null


@pytest.mark.parametrize(
    ("data_type", "python_type"),
    [
        (BooleanType(), bool),
        (TinyIntType(), int),
        (SmallIntType(), int),
        (IntType(), int),
        (BigIntType(), int),
        (FloatType(), float),
        (DoubleType(), float),
        (DecimalType(), decimal.Decimal),
        (CharType(1), str),
        (STRING, str),
        (BinaryType(1), bytes),
        (BYTES, bytes),
        (DateType(), datetime.date),
        (TimeType(), datetime.time),
        (TimestampType(), datetime.datetime),
        (LocalZonedTimestampType(), datetime.datetime),
        (ArrayType(IntType()), list),
        (MapType(IntType(), IntType()), dict),
        (MultisetType(IntType()), dict),
        (RowType([RowField("a", IntType())]), Row),
    ],
)
def test_python_type(data_type: DataType, python_type: type) -> None:
    assert data_type.python_type is python_type
    assert type(data_type).__doc__


def test_nullability_at_every_level() -> None:
    for a, b, c, d in itertools.product([True, False], repeat=4):
        data_type = ArrayType(
            MapType(IntType(nullable=a), MultisetType(STRING, nullable=b), nullable=c), nullable=d
        )
        text = (
            f"ARRAY<MAP<INT{'' if a else ' NOT NULL'}, MULTISET<STRING>{'' if b else ' NOT NULL'}>"
            f"{'' if c else ' NOT NULL'}>{'' if d else ' NOT NULL'}"
        )
        assert str(data_type) == text
        assert parse_type(text) == data_type
    row = parse_type("ROW<`a` INT NOT NULL 'x', `b` ROW<`c` INT NOT NULL> NOT NULL> NOT NULL")
    assert isinstance(row, RowType)
    assert not row.nullable
    assert row["a"].data_type == IntType(nullable=False)
    assert row["a"].description == "x"
    assert row["b"].data_type == RowType([RowField("c", IntType(nullable=False))], nullable=False)


def test_nested_types_to_depth_five() -> None:
    text = (
        "ROW<`a` MAP<STRING NOT NULL, ARRAY<ROW<`b` MULTISET<DECIMAL(5, 2) NOT NULL>, "
        "`c` TIMESTAMP_LTZ(3) NOT NULL 'when'>>> NOT NULL 'outer', `d` BYTES>"
    )
    inner = RowType(
        [
            RowField("b", MultisetType(DecimalType(5, 2, nullable=False))),
            RowField("c", LocalZonedTimestampType(3, nullable=False), "when"),
        ]
    )
    expected = RowType(
        [
            RowField("a", MapType(STRING.not_null(), ArrayType(inner), nullable=False), "outer"),
            RowField("d", BYTES),
        ]
    )
    assert parse_type(text) == expected
    assert str(expected) == text
    lenient = (
        "row(a map<string not null,array<row(b multiset<numeric(5,2) not null>,"
        "c timestamp(3) with local time zone not null 'when')>> not null 'outer',d bytes)"
    )
    assert parse_type(lenient) == expected


def test_structural_equality_and_hashing() -> None:
    text = "MAP<STRING NOT NULL, ROW<`a` ARRAY<INT>, `b` DECIMAL(5, 2) 'c'>>"
    first, second = parse_type(text), parse_type(text)
    assert first == second and first is not second
    assert hash(first) == hash(second)
    assert len({first, second, first.not_null()}) == 2
    different: list[tuple[DataType, DataType]] = [
        (CharType(5), VarCharType(5)),
        (BinaryType(5), VarBinaryType(5)),
        (TimestampType(3), LocalZonedTimestampType(3)),
        (ArrayType(IntType()), MultisetType(IntType())),
        (IntType(), BigIntType()),
        (DecimalType(5, 2), DecimalType(5, 1)),
        (RowType([RowField("a", IntType(), "x")]), RowType([RowField("a", IntType())])),
        (RowType([RowField("a", IntType())]), RowType([RowField("b", IntType())])),
    ]
    for left, right in different:
        assert left != right
    assert RowType([RowField("a", IntType())]) == RowType((RowField("a", IntType()),))


def test_types_are_immutable() -> None:
    data_type = DecimalType(5, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data_type.precision = 6  # type: ignore[misc]
    row = RowType([RowField("a", IntType())])
    assert isinstance(row.fields, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row["a"].name = "b"  # type: ignore[misc]


def test_nullability_helpers() -> None:
    data_type = ArrayType(IntType())
    assert data_type.with_nullable(True) is data_type
    assert data_type.not_null() == ArrayType(IntType(), nullable=False)
    assert data_type.not_null().with_nullable(True) == data_type
    assert data_type.not_null().element_type.nullable


def test_repr() -> None:
    assert repr(IntType()) == "IntType()"
    assert repr(DecimalType(10, 2, nullable=False)) == "DecimalType(10, 2, nullable=False)"
    assert repr(ArrayType(STRING)) == "ArrayType(VarCharType(2147483647))"
    row = parse_type("ROW<`a` INT NOT NULL 'x'>")
    assert eval(repr(row), vars(mlpredict)) == row


def test_row_type_fields() -> None:
    row = parse_type("ROW<`id` BIGINT NOT NULL, `tags` MULTISET<STRING>, `at` TIMESTAMP(3) 'e'>")
    assert isinstance(row, RowType)
    assert row.field_names() == ["id", "tags", "at"]
    assert row.field_types() == [BigIntType(nullable=False), MultisetType(STRING), TimestampType(3)]
    assert row["at"] is row[2] is row[-1]
    assert row["at"] == RowField("at", TimestampType(3), "e")
    assert len(row) == 3
    assert [row_field.name for row_field in row] == row.field_names()
    with pytest.raises(KeyError, match="no field 'nope'; the fields are id, tags, at"):
        row["nope"]
    with pytest.raises(IndexError):
        row[3]


@pytest.mark.parametrize(
    ("name", "description", "text"),
    [
        ("a b", None, "`a b` INT"),
        ("back`quote", None, "`back``quote` INT"),
        ("`", None, "```` INT"),
        ("ünï 日本", "ünï", "`ünï 日本` INT 'ünï'"),
        ("q'uote", "it's", "`q'uote` INT 'it''s'"),
        ("a", "", "`a` INT ''"),
        ("a", "`x` 'y'", "`a` INT '`x` ''y'''"),
        ("a", "two\nlines", "`a` INT 'two\nlines'"),
        (" padded ", None, "` padded ` INT"),
    ],
)
def test_row_field_quoting(name: str, description: str | None, text: str) -> None:
    row = RowType([RowField(name, IntType(), description)])
    assert str(row) == f"ROW<{text}>"
    assert parse_type(str(row)) == row


def test_unquoted_field_names_keep_their_case_and_may_be_keywords() -> None:
    row = parse_type("ROW(Name STRING, int INT, not BOOLEAN NOT NULL, _x1 DATE, été DATE)")
    assert isinstance(row, RowType)
    assert row.field_names() == ["Name", "int", "not", "_x1", "été"]
    assert row["not"].data_type == BooleanType(nullable=False)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: DecimalType(39), ValueError, "precision must be from 1 to 38, got 39"),
        (lambda: DecimalType(0), ValueError, "precision must be from 1 to 38, got 0"),
        (lambda: DecimalType(5, 6), ValueError, "scale must be from 0 to 5, got 6"),
        (lambda: DecimalType(5, -1), ValueError, "scale must be from 0 to 5, got -1"),
        (lambda: VarCharType(0), ValueError, "length must be from 1 to 2147483647, got 0"),
        (lambda: CharType(2**31), ValueError, "length must be from 1 to 2147483647, got"),
        (lambda: TimeType(10), ValueError, "precision must be from 0 to 9, got 10"),
        (lambda: TimestampType(-1), ValueError, "precision must be from 0 to 9, got -1"),
        (lambda: LocalZonedTimestampType(10), ValueError, "precision must be from 0 to 9"),
        (lambda: BinaryType(True), TypeError, "length must be an int, got True"),
        (lambda: VarBinaryType("5"), TypeError, "length must be an int, got '5'"),  # type: ignore[arg-type]
        (lambda: ArrayType("INT"), TypeError, "element_type must be a DataType, got 'INT'"),  # type: ignore[arg-type]
        (lambda: MapType(IntType(), None), TypeError, "value_type must be a DataType, got None"),  # type: ignore[arg-type]
        (lambda: MultisetType(int), TypeError, "element_type must be a DataType"),  # type: ignore[arg-type]
        (lambda: RowType([]), ValueError, "a ROW type must have at least one field"),
        (lambda: RowType([IntType()]), TypeError, "fields must be RowField objects"),  # type: ignore[list-item]
        (
            lambda: RowType([RowField("a", IntType()), RowField("a", STRING)]),
            ValueError,
            "field names must be unique, got 'a' twice",
        ),
        (lambda: RowField(" ", IntType()), ValueError, "non-whitespace character, got ' '"),
        (lambda: RowField(1, IntType()), TypeError, "a field name must be a str, got 1"),  # type: ignore[arg-type]
        (lambda: RowField("a", "INT"), TypeError, "data_type must be a DataType, got 'INT'"),  # type: ignore[arg-type]
        (lambda: RowField("a", IntType(), 1), TypeError, "description must be a str or None"),  # type: ignore[arg-type]
        (lambda: DataType().__str__(), NotImplementedError, "DataType is not a concrete"),
    ],
)
def test_constructors_check_their_arguments(
    make: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        make()


@pytest.mark.parametrize(
    ("text", "column", "expected", "found"),
    [
        ("DECIMAL(39, 0)", 9, "a precision from 1 to 38", "39"),
        ("DECIMAL(0)", 9, "a precision from 1 to 38", "0"),
        ("DECIMAL(5, 6)", 12, "a scale from 0 to 5 (the precision)", "6"),
        ("VARCHAR(0)", 9, "a length from 1 to 2147483647", "0"),
        ("CHAR(2147483648)", 6, "a length from 1 to 2147483647", "2147483648"),
        ("BINARY(99999999999999999999999)", 8, "a length from 1 to 2147483647", "9" * 23),
        ("VARBINARY(-1)", 11, "a length", "'-'"),
        ("TIME(10)", 6, "a precision from 0 to 9", "10"),
        ("TIMESTAMP(10)", 11, "a precision from 0 to 9", "10"),
        ("TIMESTAMP_LTZ(12)", 15, "a precision from 0 to 9", "12"),
        ("TIMESTAMP(3.5)", 12, "')' to close the '(' at column 10", "'.'"),
        ("FOO", 1, "a data type", "unknown type 'FOO'"),
        ("ARRAY<VARCHAR2>", 7, "a data type", "unknown type 'VARCHAR2'"),
        ("ınt", 1, "a data type", "unknown type 'ınt'"),
        ("INTERVAL", 1, "a data type", "'INTERVAL', which is not supported"),
        ("", 1, "a data type", "the end of the type"),
        ("   ", 4, "a data type", "the end of the type"),
        ("@", 1, "a data type", "'@'"),
        ("<INT>", 1, "a data type", "'<'"),
        ("ARRAY<INT", 10, "'>' to close the '<' at column 6", "the end of the type"),
        ("MAP<INT, ARRAY<INT>", 20, "'>' to close the '<' at column 4", "the end of the type"),
        ("DECIMAL(5, 2", 13, "')' to close the '(' at column 8", "the end of the type"),
        ("ROW<a INT", 10, "',' or '>' to close the '<' at column 4", "the end of the type"),
        ("ROW(a INT>", 10, "',' or ')' to close the '(' at column 4", "'>'"),
        ("ROW<`a INT>", 12, "a closing back-quote for the name at column 5", "the end of the type"),
        (
            "ROW<a INT 'x>",
            14,
            "a closing quote for the comment at column 11",
            "the end of the type",
        ),
        ("ARRAY(INT)", 6, "'<'", "'('"),
        ("ARRAY", 6, "'<'", "the end of the type"),
        ("MAP<INT>", 8, "','", "'>'"),
        ("ROW", 4, "'<' or '('", "the end of the type"),
        ("ROW<>", 5, "a field name", "'>'"),
        ("ROW()", 5, "a field name", "')'"),
        ("ROW<a INT,>", 11, "a field name", "'>'"),
        ("ROW<'a' INT>", 5, "a field name", "'a'"),
        ("ROW<a INT, a STRING>", 12, "a unique field name", "'a' again"),
        ("ROW<`a` INT, a STRING>", 14, "a unique field name", "'a' again"),
        ("ROW<a INT, b INT, `a` INT>", 19, "a unique field name", "`a` again"),
        ("ROW<`` INT>", 5, "a field name with a non-whitespace character", "``"),
        ("ROW<a>", 6, "a data type", "'>'"),
        ("ROW<a INT 'x' 'y'>", 15, "',' or '>' to close the '<' at column 4", "'y'"),
        ("INT x", 5, "the end of the type", "'x'"),
        ("INT NOT NULL NOT NULL", 14, "the end of the type", "'NOT'"),
        ("ARRAY<INT>>", 11, "the end of the type", "'>'"),
        ("INT NOT", 8, "'NULL'", "the end of the type"),
        ("INT NOT NUL", 9, "'NULL'", "'NUL'"),
        ("DOUBLE PRECISION(5)", 17, "the end of the type", "'('"),
        (
            "TIMESTAMP WITH TIME ZONE",
            16,
            "'LOCAL' (TIMESTAMP WITH TIME ZONE is not supported)",
            "'TIME'",
        ),
        ("TIMESTAMP WITHOUT ZONE", 19, "'TIME'", "'ZONE'"),
        ("TIME WITH LOCAL TIME ZONE", 6, "the end of the type", "'WITH'"),
        ("TIMESTAMP_LTZ WITH LOCAL TIME ZONE", 15, "the end of the type", "'WITH'"),
        ("ROW<a INT 'c' '" + "x" * 50 + "'>", 15, "',' or '>'", "'" + "x" * 36 + "..."),
    ],
)
def test_parse_errors(text: str, column: int, expected: str, found: str) -> None:
    with pytest.raises(ModelConfigError) as raised:
        parse_type(text)
    message = str(raised.value)
    quoted = json.dumps(text, ensure_ascii=False)
    assert message.startswith(
        f"invalid data type {quoted} at column {column} (offset {column - 1}): "
    )
    assert f"expected {expected}" in message
    assert message.endswith(f", found {found}"), message


def test_parse_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match='^invalid data type "INT x" at column 5'):
        parse_type("INT x")


def test_parse_type_requires_a_string() -> None:
    with pytest.raises(TypeError, match="a type string must be a str, got b'INT'"):
        parse_type(b"INT")  # type: ignore[arg-type]


def test_nesting_depth_is_limited() -> None:
    ok = "ARRAY<" * 63 + "INT" + ">" * 63
    assert str(parse_type(ok)) == ok
    too_deep = "ARRAY<" * 64 + "INT" + ">" * 64
    with pytest.raises(
        ModelConfigError, match="column 385 .*: expected types nested at most 64 deep, found 'INT'"
    ):
        parse_type(too_deep)
    with pytest.raises(ModelConfigError, match="nested at most 64 deep"):
        parse_type("ROW<a " * 1000)


# Random types for the round-trip properties.

NAMES = [
    "a",
    "id",
    "A_b1",
    "with space",
    "back`tick",
    "``",
    "ünï",
    "quote'",
    "int",
    "ROW",
    "x" * 30,
]
DESCRIPTIONS = [None, None, None, "", "it's", "a `b`", "日本", "''", "two\nlines"]
ATOMIC: list[Callable[[random.Random], DataType]] = [
    lambda r: BooleanType(),
    lambda r: TinyIntType(),
    lambda r: SmallIntType(),
    lambda r: IntType(),
    lambda r: BigIntType(),
    lambda r: FloatType(),
    lambda r: DoubleType(),
    lambda r: DateType(),
    lambda r: _decimal(r),
    lambda r: CharType(_length(r)),
    lambda r: VarCharType(_length(r)),
    lambda r: BinaryType(_length(r)),
    lambda r: VarBinaryType(_length(r)),
    lambda r: TimeType(r.randint(0, 9)),
    lambda r: TimestampType(r.randint(0, 9)),
    lambda r: LocalZonedTimestampType(r.randint(0, 9)),
]


def _decimal(rng: random.Random) -> DecimalType:
    precision = rng.choice([1, 10, 38, rng.randint(1, 38)])
    return DecimalType(precision, rng.choice([0, precision, rng.randint(0, precision)]))


def _length(rng: random.Random) -> int:
    return rng.choice([1, MAX, rng.randint(1, 100), rng.randint(1, MAX)])


def random_type(rng: random.Random, depth: int = 0) -> DataType:
    kind = rng.randrange(4) if depth < 6 and rng.random() < 0.45 else None
    data_type: DataType
    if kind is None:
        data_type = rng.choice(ATOMIC)(rng)
    elif kind == 0:
        data_type = ArrayType(random_type(rng, depth + 1))
    elif kind == 1:
        data_type = MultisetType(random_type(rng, depth + 1))
    elif kind == 2:
        data_type = MapType(random_type(rng, depth + 1), random_type(rng, depth + 1))
    else:
        names = rng.sample(NAMES, rng.randint(1, 4))
        data_type = RowType(
            [RowField(n, random_type(rng, depth + 1), rng.choice(DESCRIPTIONS)) for n in names]
        )
    return data_type.with_nullable(rng.random() < 0.6)


def lenient(data_type: DataType, rng: random.Random) -> str:
    """Spell ``data_type`` another way that Flink accepts."""

    def ws() -> str:
        return rng.choice(["", "", " ", "  ", "\n", "\t "])

    def sep() -> str:
        return " " + ws()

    def kw(keyword: str) -> str:
        return "".join(c.lower() if rng.random() < 0.5 else c for c in keyword)

    def size(value: int, default: int | None) -> str:
        if value == default and rng.random() < 0.5:
            return ""
        return f"{ws()}({ws()}{value}{ws()})"

    text: str
    match data_type:
        case IntType():
            text = kw(rng.choice(["INT", "INTEGER"]))
        case DoubleType():
            text = kw(rng.choice(["DOUBLE", f"DOUBLE{sep()}PRECISION"]))
        case DecimalType(precision, scale):
            name = kw(rng.choice(["DECIMAL", "DEC", "NUMERIC"]))
            if (precision, scale) == (10, 0) and rng.random() < 0.5:
                text = name
            elif scale == 0 and rng.random() < 0.5:
                text = f"{name}{ws()}({ws()}{precision}{ws()})"
            else:
                text = f"{name}({ws()}{precision}{ws()},{ws()}{scale}{ws()})"
        case VarCharType(length) if length == MAX and rng.random() < 0.5:
            text = kw("STRING")
        case VarBinaryType(length) if length == MAX and rng.random() < 0.5:
            text = kw("BYTES")
        case CharType(length) | VarCharType(length) | BinaryType(length) | VarBinaryType(length):
            text = kw(type(data_type).__name__[:-4].upper()) + size(length, 1)
        case TimeType(precision):
            text = kw("TIME") + size(precision, 0)
            if rng.random() < 0.3:
                text += sep() + kw(f"WITHOUT TIME{sep()}ZONE")
        case TimestampType(precision):
            text = kw("TIMESTAMP") + size(precision, 6)
            if rng.random() < 0.3:
                text += sep() + kw(f"WITHOUT{sep()}TIME ZONE")
        case LocalZonedTimestampType(precision):
            if rng.random() < 0.5:
                text = kw("TIMESTAMP_LTZ") + size(precision, 6)
            else:
                text = kw("TIMESTAMP") + size(precision, 6) + sep() + kw("WITH LOCAL TIME ZONE")
        case ArrayType(element) | MultisetType(element):
            name = kw(type(data_type).__name__[:-4].upper())
            text = f"{name}{ws()}<{ws()}{lenient(element, rng)}{ws()}>"
        case MapType(key, value):
            text = f"{kw('MAP')}<{lenient(key, rng)}{ws()},{ws()}{lenient(value, rng)}>"
        case RowType(fields):
            opening, closing = rng.choice([("<", ">"), ("(", ")")])
            parts = []
            for row_field in fields:
                name = row_field.name
                if not re.fullmatch(r"[A-Za-z_]\w*", name) or rng.random() < 0.5:
                    name = "`" + name.replace("`", "``") + "`"
                part = f"{ws()}{name}{sep()}{lenient(row_field.data_type, rng)}"
                if row_field.description is not None:
                    part += ws() + "'" + row_field.description.replace("'", "''") + "'"
                parts.append(part + ws())
            text = f"{kw('ROW')}{ws()}{opening}{','.join(parts)}{closing}"
        case _:
            text = kw(str(data_type.with_nullable(True)))
    if not data_type.nullable:
        return f"{text}{sep()}{kw('NOT')}{sep()}{kw('NULL')}"
    return f"{text}{sep()}{kw('NULL')}" if rng.random() < 0.1 else text


def test_random_types_round_trip() -> None:
    rng = random.Random(552)
    for _ in range(3000):
        data_type = random_type(rng)
        text = str(data_type)
        parsed = parse_type(text)
        assert parsed == data_type, text
        assert hash(parsed) == hash(data_type)
        assert str(parsed) == text
        assert eval(repr(data_type), vars(mlpredict)) == data_type
        spelling = lenient(data_type, rng)
        assert parse_type(spelling) == data_type, spelling


def test_random_damage_raises_only_model_config_errors() -> None:
    rng = random.Random(1552)
    for _ in range(300):
        text = str(random_type(rng))
        damaged = [text[:cut] for cut in range(len(text))]
        for _ in range(10):
            position = rng.randrange(len(text))
            damaged.append(text[:position] + rng.choice("<>(),`' xN9") + text[position + 1 :])
            damaged.append(text[:position] + text[position + 1 :])
        for candidate in damaged:
            try:
                parsed = parse_type(candidate)
            except ModelConfigError as error:
                assert str(error).startswith("invalid data type ")
            else:
                assert parse_type(str(parsed)) == parsed
