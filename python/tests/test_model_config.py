from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from mlpredict import (
    ArrayType,
    Column,
    DecimalType,
    FloatType,
    IntType,
    MapType,
    MLPredictError,
    ModelConfig,
    ModelConfigError,
    RowField,
    RowType,
    Schema,
    TimestampType,
    VarCharType,
)

STRING = VarCharType(VarCharType.MAX_LENGTH)

EXAMPLE: dict[str, Any] = {
    "format_version": 1,
    "model_name": "sentiment",
    "model_directory_path": "/abs/path/to/model",
    "python_predict_class": "sentiment.SentimentPredictFunction",
    "properties": {"threshold": "0.05"},
    "input_schema": {"columns": [{"name": "text", "type": "STRING", "nullable": True}]},
    "output_schema": {
        "columns": [
            {"name": "label", "type": "STRING", "nullable": True},
            {"name": "confidence", "type": "FLOAT", "nullable": False, "comment": "0..1"},
        ]
    },
}


def example(change: Callable[[dict[str, Any]], object] | None = None) -> str:
    document = copy.deepcopy(EXAMPLE)
    if change is not None:
        change(document)
    return json.dumps(document)


def test_from_json_parses_the_example() -> None:
    config = ModelConfig.from_json(example())
    assert config.format_version == 1
    assert config.model_name == "sentiment"
    assert config.model_directory == "/abs/path/to/model"
    assert config.python_predict_class == "sentiment.SentimentPredictFunction"
    assert dict(config.properties) == {"threshold": "0.05"}
    assert config.input_schema == Schema((Column("text", STRING),))
    assert config.output_schema == Schema(
        (
            Column("label", STRING),
            Column("confidence", FloatType(nullable=False), "0..1"),
        )
    )


def test_properties_are_read_only() -> None:
    config = ModelConfig.from_json(example())
    with pytest.raises(TypeError):
        config.properties["threshold"] = "1"  # type: ignore[index]


def test_direct_construction_copies_properties() -> None:
    properties = {"a": "1"}
    schema = Schema(())
    config = ModelConfig(1, "m", "/d", "m.C", properties, schema, schema)
    properties["a"] = "2"
    assert config.properties == {"a": "1"}


def test_to_json_round_trips() -> None:
    config = ModelConfig.from_json(example())
    assert ModelConfig.from_json(config.to_json()) == config
    assert json.loads(config.to_json()) == EXAMPLE


def test_to_json_round_trips_unicode_and_empty_schemas() -> None:
    text = example(
        lambda d: d.update(
            model_name="modèle",
            properties={},
            input_schema={"columns": []},
        )
    )
    config = ModelConfig.from_json(text)
    assert ModelConfig.from_json(config.to_json()) == config
    assert "modèle" in config.to_json()


def test_python_archives_are_optional_read_only_and_round_trip() -> None:
    assert ModelConfig.from_json(example()).python_archives == {}
    assert "python_archives" not in ModelConfig.from_json(example()).to_json()
    text = example(lambda d: d.update(python_archives={"data": "/cache/abc"}))
    config = ModelConfig.from_json(text)
    assert config.python_archives == {"data": "/cache/abc"}
    with pytest.raises(TypeError):
        config.python_archives["data"] = "/elsewhere"  # type: ignore[index]
    assert json.loads(config.to_json()) == json.loads(text)


@pytest.mark.parametrize(
    ("archives", "message"),
    [
        ([], "at 'python_archives': expected an object, found an array"),
        ({"data": 1}, "at 'python_archives.data': expected a string, found number 1"),
    ],
)
def test_python_archives_errors_name_the_key(archives: object, message: str) -> None:
    with pytest.raises(ModelConfigError) as raised:
        ModelConfig.from_json(example(lambda d: d.update(python_archives=archives)))
    assert message in str(raised.value)


def test_null_comment_means_no_comment() -> None:
    text = example(lambda d: d["input_schema"]["columns"][0].update(comment=None))
    assert ModelConfig.from_json(text).input_schema[0].comment is None


def test_config_is_frozen() -> None:
    config = ModelConfig.from_json(example())
    with pytest.raises(AttributeError):
        config.model_name = "other"  # type: ignore[misc]


def test_schema_accessors() -> None:
    schema = ModelConfig.from_json(example()).output_schema
    assert schema.names == ("label", "confidence")
    assert len(schema) == 2
    assert [column.name for column in schema] == ["label", "confidence"]
    assert schema[1].type == FloatType(nullable=False)
    assert schema[1].nullable is False
    assert schema[0].nullable is True
    assert schema["confidence"] is schema[1]
    assert schema[-1] is schema[1]
    assert schema.index("confidence") == 1
    with pytest.raises(KeyError, match="no column 'nope'; the columns are label, confidence"):
        schema["nope"]
    with pytest.raises(ValueError, match="no column 'nope'"):
        schema.index("nope")
    with pytest.raises(IndexError):
        schema[2]


COMPOSITE_COLUMNS: list[dict[str, Any]] = [
    {"name": "id", "type": "BIGINT", "nullable": False},
    {"name": "price", "type": "DECIMAL(10, 2)", "nullable": True},
    {"name": "tags", "type": "ARRAY<STRING NOT NULL>", "nullable": False},
    {
        "name": "event",
        "type": "ROW<`at` TIMESTAMP(3) NOT NULL 'event time', `attrs` MAP<STRING NOT NULL, INT>>",
        "nullable": True,
        "comment": "the event",
    },
]


def test_from_json_parses_composite_types() -> None:
    config = ModelConfig.from_json(
        example(lambda d: d["input_schema"].update(columns=COMPOSITE_COLUMNS))
    )
    schema = config.input_schema
    assert [str(column.type) for column in schema] == [
        "BIGINT NOT NULL",
        "DECIMAL(10, 2)",
        "ARRAY<STRING NOT NULL> NOT NULL",
        "ROW<`at` TIMESTAMP(3) NOT NULL 'event time', `attrs` MAP<STRING NOT NULL, INT>>",
    ]
    assert [column.nullable for column in schema] == [False, True, False, True]
    assert schema["price"].type == DecimalType(10, 2)
    assert schema["tags"].type == ArrayType(STRING.not_null(), nullable=False)
    assert schema["event"] == Column(
        "event",
        RowType(
            [
                RowField("at", TimestampType(3, nullable=False), "event time"),
                RowField("attrs", MapType(STRING.not_null(), IntType())),
            ]
        ),
        "the event",
    )


def test_to_json_writes_the_type_without_its_nullability() -> None:
    document = json.loads(ModelConfig.from_json(example()).to_json())
    assert document["output_schema"]["columns"][1] == {
        "name": "confidence",
        "type": "FLOAT",
        "nullable": False,
        "comment": "0..1",
    }
    text = example(lambda d: d["input_schema"].update(columns=COMPOSITE_COLUMNS))
    config = ModelConfig.from_json(text)
    assert json.loads(config.to_json())["input_schema"]["columns"] == COMPOSITE_COLUMNS
    assert ModelConfig.from_json(config.to_json()) == config


def test_from_json_writes_lenient_types_canonically() -> None:
    columns = [{"name": "t", "type": "timestamp with local time zone", "nullable": False}]
    config = ModelConfig.from_json(example(lambda d: d["input_schema"].update(columns=columns)))
    written = json.loads(config.to_json())["input_schema"]["columns"][0]
    assert written == {"name": "t", "type": "TIMESTAMP_LTZ(6)", "nullable": False}


def test_column_nullable_is_its_types() -> None:
    assert Column("n", IntType()).nullable is True
    assert Column("n", IntType(nullable=False)).nullable is False
    with pytest.raises(TypeError, match="Column type must be a DataType, got 'INT'"):
        Column("n", "INT")  # type: ignore[arg-type]


def test_invalid_type_error_names_the_column_and_chains_the_parse_error() -> None:
    columns = [*COMPOSITE_COLUMNS[:2], {"name": "x", "type": "MAP<INT>", "nullable": True}]
    text = example(lambda d: d["input_schema"].update(columns=columns))
    with pytest.raises(ModelConfigError) as raised:
        ModelConfig.from_json(text)
    assert str(raised.value) == (
        "invalid model config at 'input_schema.columns[2].type': invalid data type "
        "\"MAP<INT>\" at column 8 (offset 7): expected ',', found '>'"
    )
    assert isinstance(raised.value.__cause__, ModelConfigError)
    assert str(raised.value.__cause__).startswith('invalid data type "MAP<INT>"')


def set_key(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def delete_key(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            delete_key(("model_name",)),
            "at 'model_name': expected a string, found nothing (the key is missing)",
        ),
        (
            delete_key(("format_version",)),
            "at 'format_version': expected an integer, found nothing",
        ),
        (set_key(("format_version",), 2), "at 'format_version': expected 1 (the supported "),
        (
            set_key(("format_version",), "1"),
            "at 'format_version': expected an integer, found string \"1\"",
        ),
        (
            set_key(("format_version",), True),
            "at 'format_version': expected an integer, found boolean true",
        ),
        (
            set_key(("format_version",), 1.0),
            "at 'format_version': expected an integer, found number 1.0",
        ),
        (
            set_key(("model_directory_path",), None),
            "at 'model_directory_path': expected a string, found null",
        ),
        (
            set_key(("python_predict_class",), ["a"]),
            "at 'python_predict_class': expected a string, found an array",
        ),
        (set_key(("properties",), []), "at 'properties': expected an object, found an array"),
        (
            set_key(("properties", "threshold"), 0.05),
            "at 'properties.threshold': expected a string, found number 0.05",
        ),
        (
            set_key(("properties", "model.version"), 1),
            "at 'properties[\"model.version\"]': expected a string, found number 1",
        ),
        (delete_key(("input_schema",)), "at 'input_schema': expected an object, found nothing"),
        (
            set_key(("input_schema", "columns"), {}),
            "at 'input_schema.columns': expected an array, found an object",
        ),
        (
            set_key(("input_schema", "columns", 0), "text"),
            "at 'input_schema.columns[0]': expected an object, found string \"text\"",
        ),
        (
            set_key(("output_schema", "columns", 1, "nullable"), "yes"),
            "at 'output_schema.columns[1].nullable': expected a boolean, found string \"yes\"",
        ),
        (
            set_key(("output_schema", "columns", 1, "nullable"), 0),
            "at 'output_schema.columns[1].nullable': expected a boolean, found number 0",
        ),
        (
            delete_key(("output_schema", "columns", 0, "type")),
            "at 'output_schema.columns[0].type': expected a string, found nothing",
        ),
        (
            set_key(("output_schema", "columns", 1, "type"), 1.5),
            "at 'output_schema.columns[1].type': expected a string, found number 1.5",
        ),
        (
            set_key(("output_schema", "columns", 1, "type"), "DECIMAL(39, 0)"),
            "at 'output_schema.columns[1].type': invalid data type \"DECIMAL(39, 0)\" at "
            "column 9 (offset 8): expected a precision from 1 to 38, found 39",
        ),
        (
            set_key(("output_schema", "columns", 1, "type"), "FLOAT NOT NULL"),
            "at 'output_schema.columns[1].type': invalid data type \"FLOAT NOT NULL\" at "
            "column 7 (offset 6): expected the end of the type (a column's nullability is "
            "its \"nullable\" key), found 'NOT'",
        ),
        (
            set_key(("input_schema", "columns", 0, "type"), "STRING NULL"),
            "at 'input_schema.columns[0].type': invalid data type \"STRING NULL\" at column 8",
        ),
        (
            set_key(("input_schema", "columns", 0, "type"), "VARCHAR2"),
            "at 'input_schema.columns[0].type': invalid data type \"VARCHAR2\" at column 1 "
            "(offset 0): expected a data type, found unknown type 'VARCHAR2'",
        ),
        (
            set_key(("output_schema", "columns", 1, "comment"), 1),
            "at 'output_schema.columns[1].comment': expected a string, found number 1",
        ),
        (
            set_key(("output_schema", "columns", 1, "name"), "label"),
            "at 'output_schema.columns[1].name': expected a unique column name, "
            'found string "label"',
        ),
        (
            set_key(("input_schema", "columns", 0, "name"), ""),
            "at 'input_schema.columns[0].name': expected a non-empty string, found string \"\"",
        ),
        (set_key(("extra",), 1), "at 'extra': unknown key (expected one of format_version, "),
        (
            set_key(("input_schema", "columns", 0, "size"), 1),
            "at 'input_schema.columns[0].size': unknown key "
            "(expected one of comment, name, nullable, type)",
        ),
        (set_key(("output_schema", "fields"), []), "at 'output_schema.fields': unknown key"),
    ],
)
def test_from_json_reports_the_key_path(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    with pytest.raises(ModelConfigError) as raised:
        ModelConfig.from_json(example(change))
    assert str(raised.value).startswith("invalid model config")
    assert message in str(raised.value)


def test_unsupported_version_is_reported_before_unknown_keys() -> None:
    text = example(lambda d: d.update(format_version=2, new_key=1))
    with pytest.raises(ModelConfigError, match="format_version': expected 1 .*found number 2"):
        ModelConfig.from_json(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not valid JSON"),
        ("{", "not valid JSON"),
        ("[]", "invalid model config: expected an object, found an array"),
        ("null", "invalid model config: expected an object, found null"),
    ],
)
def test_from_json_rejects_non_objects(text: str, message: str) -> None:
    with pytest.raises(ModelConfigError, match=message):
        ModelConfig.from_json(text)


def test_invalid_json_error_chains_the_decoder_error() -> None:
    with pytest.raises(ModelConfigError) as raised:
        ModelConfig.from_json("{")
    assert isinstance(raised.value.__cause__, json.JSONDecodeError)


def test_model_config_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        ModelConfig.from_json("[]")
    assert issubclass(ModelConfigError, MLPredictError)
