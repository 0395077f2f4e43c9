"""The model config passed to ``PredictFunction.set_model_config``, and its JSON format.

The host serializes a ``CREATE MODEL`` statement into this JSON document
(format version 1)::

    {
      "format_version": 1,
      "model_name": "sentiment",
      "model_directory_path": "/abs/path/to/model",
      "python_predict_class": "sentiment.SentimentPredictFunction",
      "properties": {"threshold": "0.05"},
      "input_schema": {"columns": [{"name": "text", "type": "STRING", "nullable": true}]},
      "output_schema": {"columns": [
        {"name": "label", "type": "STRING", "nullable": true},
        {"name": "confidence", "type": "FLOAT", "nullable": false, "comment": "0..1"}
      ]}
    }

Every key shown is required, except a column's ``comment`` (a string, or
``null``/absent for none) and ``python_archives`` (present when the model has
``'python.archives'``: an object of each archive's target name to the absolute
directory it was unpacked to). ``properties`` holds the ``properties.*`` options of
the statement without their prefix; its values are strings. A column's
``type`` is the Flink SQL type without its own nullability (``"VARCHAR(10)"``,
``"DECIMAL(10, 2)"``, ``"ARRAY<INT NOT NULL>"``; see ``parse_type``), which
``nullable`` gives; column names are unique and non-empty. Unknown keys are
rejected: a new key needs a new format version.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from ._exceptions import ModelConfigError
from ._type_parser import parse_column_type
from ._types import DataType

FORMAT_VERSION = 1

_T = TypeVar("_T")


@dataclass(frozen=True)
class Column:
    """A column of a model's input or output schema."""

    name: str
    type: DataType
    """The column's type; ``type.nullable`` is ``False`` for a ``NOT NULL`` column."""
    comment: str | None = None

    def __post_init__(self) -> None:
        """Check that ``type`` is a ``DataType`` (``parse_type`` reads a string)."""
        if not isinstance(self.type, DataType):
            raise TypeError(f"Column type must be a DataType, got {self.type!r}")

    @property
    def nullable(self) -> bool:
        """Whether the column accepts SQL NULL: ``type.nullable``."""
        return self.type.nullable


@dataclass(frozen=True)
class Schema:
    """The ordered columns of a model's input or output."""

    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(column.name for column in self.columns)

    def __len__(self) -> int:
        """Return the number of columns."""
        return len(self.columns)

    def __iter__(self) -> Iterator[Column]:
        """Iterate over the columns in order."""
        return iter(self.columns)

    def __getitem__(self, key: int | str) -> Column:
        """Return the column at an index or with a name (``KeyError`` if unknown)."""
        if isinstance(key, str):
            for column in self.columns:
                if column.name == key:
                    return column
            raise KeyError(f"no column {key!r}; the columns are {', '.join(self.names)}")
        return self.columns[key]

    def index(self, name: str) -> int:
        """Return the position of column ``name`` (``ValueError`` if unknown)."""
        try:
            return self.names.index(name)
        except ValueError:
            raise ValueError(
                f"no column {name!r}; the columns are {', '.join(self.names)}"
            ) from None


@dataclass(frozen=True)
class ModelConfig:
    """A model's configuration: name, directory, predict class, properties, schemas."""

    format_version: int
    model_name: str
    model_directory: str
    python_predict_class: str
    properties: Mapping[str, str]
    """Read-only ``properties.*`` options, without the prefix."""
    input_schema: Schema
    output_schema: Schema
    python_archives: Mapping[str, str] = field(default_factory=dict)
    """Read-only ``'python.archives'``: target name to the unpacked directory."""

    def __post_init__(self) -> None:
        """Freeze ``properties`` and ``python_archives`` into read-only copies."""
        object.__setattr__(self, "properties", MappingProxyType(dict(self.properties)))
        object.__setattr__(self, "python_archives", MappingProxyType(dict(self.python_archives)))

    @classmethod
    def from_json(cls, text: str) -> ModelConfig:
        """Parse and validate a model config document (see the module docstring).

        Raises ``ModelConfigError``, naming the key path, the expected and the
        found value, if the document is not valid JSON or does not match the format.
        """
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise ModelConfigError(f"invalid model config: not valid JSON: {error}") from error
        root: dict[str, Any] = _expect(document, dict, "an object", "")
        # The version comes first: another version may well have other keys.
        version = _field(root, "format_version", "", int, "an integer")
        if version != FORMAT_VERSION:
            raise _error("format_version", f"{FORMAT_VERSION} (the supported version)", version)
        _check_keys(root, "", _TOP_LEVEL_KEYS)
        properties = _field(root, "properties", "", dict, "an object")
        archives: dict[str, Any] = (
            _field(root, "python_archives", "", dict, "an object")
            if "python_archives" in root
            else {}
        )
        return cls(
            format_version=version,
            model_name=_field(root, "model_name", "", str, "a string"),
            model_directory=_field(root, "model_directory_path", "", str, "a string"),
            python_predict_class=_field(root, "python_predict_class", "", str, "a string"),
            properties={
                key: _expect(value, str, "a string", _join("properties", key))
                for key, value in properties.items()
            },
            input_schema=_schema(root, "input_schema"),
            output_schema=_schema(root, "output_schema"),
            python_archives={
                key: _expect(value, str, "a string", _join("python_archives", key))
                for key, value in archives.items()
            },
        )

    def to_json(self) -> str:
        """Serialize to the JSON format that ``from_json`` reads."""
        document = {
            "format_version": self.format_version,
            "model_name": self.model_name,
            "model_directory_path": self.model_directory,
            "python_predict_class": self.python_predict_class,
            "properties": dict(self.properties),
            "input_schema": _schema_document(self.input_schema),
            "output_schema": _schema_document(self.output_schema),
        }
        if self.python_archives:
            document["python_archives"] = dict(self.python_archives)
        return json.dumps(document, indent=2, ensure_ascii=False)


_TOP_LEVEL_KEYS = frozenset(
    {
        "format_version",
        "model_name",
        "model_directory_path",
        "python_predict_class",
        "properties",
        "input_schema",
        "output_schema",
        "python_archives",
    }
)
_SCHEMA_KEYS = frozenset({"columns"})
_COLUMN_KEYS = frozenset({"name", "type", "nullable", "comment"})


def _schema(parent: dict[str, Any], key: str) -> Schema:
    schema = _object(_field(parent, key, "", dict, "an object"), key, _SCHEMA_KEYS)
    columns_path = f"{key}.columns"
    items = _field(schema, "columns", key, list, "an array")
    columns = tuple(_column(item, f"{columns_path}[{i}]") for i, item in enumerate(items))
    seen: set[str] = set()
    for i, column in enumerate(columns):
        if column.name in seen:
            raise _error(f"{columns_path}[{i}].name", "a unique column name", column.name)
        seen.add(column.name)
    return Schema(columns)


def _column(value: object, path: str) -> Column:
    column = _object(value, path, _COLUMN_KEYS)
    name = _field(column, "name", path, str, "a string")
    if not name:
        raise _error(_join(path, "name"), "a non-empty string", name)
    type_text = _field(column, "type", path, str, "a string")
    nullable = _field(column, "nullable", path, bool, "a boolean")
    try:
        data_type = parse_column_type(type_text, nullable)
    except ModelConfigError as error:
        raise ModelConfigError(
            f"invalid model config at '{_join(path, 'type')}': {error}"
        ) from error
    comment = column.get("comment")
    return Column(
        name=name,
        type=data_type,
        comment=(
            None if comment is None else _expect(comment, str, "a string", _join(path, "comment"))
        ),
    )


def _schema_document(schema: Schema) -> dict[str, Any]:
    columns: list[dict[str, Any]] = []
    for column in schema:
        document: dict[str, Any] = {
            "name": column.name,
            "type": str(column.type.with_nullable(True)),
            "nullable": column.nullable,
        }
        if column.comment is not None:
            document["comment"] = column.comment
        columns.append(document)
    return {"columns": columns}


def _object(value: object, path: str, allowed_keys: frozenset[str]) -> dict[str, Any]:
    """Check that ``value`` is a JSON object without keys outside ``allowed_keys``."""
    document: dict[str, Any] = _expect(value, dict, "an object", path)
    _check_keys(document, path, allowed_keys)
    return document


def _check_keys(document: dict[str, Any], path: str, allowed_keys: frozenset[str]) -> None:
    for key in document:
        if key not in allowed_keys:
            raise ModelConfigError(
                f"invalid model config at '{_join(path, key)}': unknown key "
                f"(expected one of {', '.join(sorted(allowed_keys))})"
            )


def _field(document: dict[str, Any], key: str, path: str, kind: type[_T], expected: str) -> _T:
    """Return the required ``key`` of ``document``, checked to be of JSON type ``kind``."""
    key_path = _join(path, key)
    if key not in document:
        raise ModelConfigError(
            f"invalid model config at '{key_path}': expected {expected}, found nothing "
            "(the key is missing)"
        )
    return _expect(document[key], kind, expected, key_path)


def _expect(value: object, kind: type[_T], expected: str, path: str) -> _T:
    # bool is a subclass of int, but a JSON boolean is not an integer.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _error(path, expected, value)
    return value


def _error(path: str, expected: str, found: object) -> ModelConfigError:
    where = f" at '{path}'" if path else ""
    return ModelConfigError(
        f"invalid model config{where}: expected {expected}, found {_describe(found)}"
    )


def _describe(value: object) -> str:
    """Describe a decoded JSON value for an error message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {json.dumps(value)}"
    if isinstance(value, str):
        return f"string {json.dumps(value, ensure_ascii=False)}"
    return f"number {value!r}"


def _join(path: str, key: str) -> str:
    """Append ``key`` to a key path: ``a.b``, or ``a["b c"]`` if not an identifier."""
    if not key.isidentifier():
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}.{key}" if path else key
