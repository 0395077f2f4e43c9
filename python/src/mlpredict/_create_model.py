"""Reading a ``CREATE MODEL`` statement into a :class:`ModelConfig`, as the Swift side does.

Used by ``mlpredict.flink`` to run a model on Flink from the same ``.sql`` file
that ``mlpredict run`` reads. The subset read is the one a ``generic-python``
model needs::

    CREATE [TEMPORARY] MODEL [IF NOT EXISTS] [catalog.][database.]name
    INPUT (column TYPE [COMMENT '...'], ...)
    OUTPUT (column TYPE [COMMENT '...'], ...)
    [COMMENT '...']
    WITH ('provider' = 'generic-python', 'key' = 'value', ...)[;]

Types are read by :func:`parse_type`. The options are those of the Swift side:
``model-directory-path`` (or ``model``), resolved against a base directory (the
``.sql`` file's directory) when relative, ``python-predict-class`` (or
``python-predict-function``), and ``properties.*``; the runtime options
(``batch-size``, ``async``, ``timeout``...) are accepted and not part of the config.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any

from ._exceptions import ModelConfigError
from ._model_config import FORMAT_VERSION, Column, ModelConfig, Schema
from ._type_parser import parse_type

ERROR_COLUMN = "error-string"
"""The optional OUTPUT column for a failed row's error message (the host's, not the model's)."""

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|--[^\n]*|/\*.*?\*/)
    | (?P<string>'(?:[^']|'')*')
    | (?P<quoted>`(?:[^`]|``)*`)
    | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
    | (?P<number>\d+)
    | (?P<symbol>[(),;=<>.])
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int

    def is_word(self, word: str) -> bool:
        return self.kind == "word" and self.text.upper() == word

    def is_symbol(self, symbol: str) -> bool:
        return self.kind == "symbol" and self.text == symbol


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ModelConfigError(
                f"CREATE MODEL: unexpected character {text[position]!r} at offset {position}"
            )
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(_Token(kind, match.group(), match.start(), match.end()))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.index = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def next(self, expected: str) -> _Token:
        token = self.peek()
        if token is None:
            raise ModelConfigError(f"CREATE MODEL: expected {expected}, found the end")
        self.index += 1
        return token

    def fail(self, expected: str) -> ModelConfigError:
        token = self.peek()
        found = "the end" if token is None else repr(token.text)
        return ModelConfigError(f"CREATE MODEL: expected {expected}, found {found}")

    def word(self, word: str) -> None:
        token = self.peek()
        if token is None or not token.is_word(word):
            raise self.fail(word)
        self.index += 1

    def accept_word(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token.is_word(word):
            self.index += 1
            return True
        return False

    def symbol(self, symbol: str) -> None:
        token = self.peek()
        if token is None or not token.is_symbol(symbol):
            raise self.fail(f"'{symbol}'")
        self.index += 1

    def accept_symbol(self, symbol: str) -> bool:
        token = self.peek()
        if token is not None and token.is_symbol(symbol):
            self.index += 1
            return True
        return False

    def identifier(self) -> str:
        token = self.next("a name")
        if token.kind == "word":
            return token.text
        if token.kind == "quoted":
            return token.text[1:-1].replace("``", "`")
        self.index -= 1
        raise self.fail("a name")

    def string(self) -> str:
        token = self.next("a quoted string")
        if token.kind != "string":
            self.index -= 1
            raise self.fail("a quoted string")
        return token.text[1:-1].replace("''", "'")

    def columns(self, clause: str) -> Schema:
        self.word(clause)
        self.symbol("(")
        columns: list[Column] = []
        while True:
            name = self.identifier()
            start = self.index
            depth = 0
            while True:
                token = self.next(f"the type of {clause} column {name!r}")
                if token.is_symbol("(") or token.is_symbol("<"):
                    depth += 1
                elif token.is_symbol(")") or token.is_symbol(">"):
                    if depth == 0:
                        self.index -= 1
                        break
                    depth -= 1
                elif depth == 0 and (token.is_symbol(",") or token.is_word("COMMENT")):
                    self.index -= 1
                    break
            if self.index == start:
                raise self.fail(f"the type of {clause} column {name!r}")
            type_text = self.text[self.tokens[start].start : self.tokens[self.index - 1].end]
            try:
                data_type = parse_type(type_text)
            except ModelConfigError as error:
                raise ModelConfigError(
                    f"CREATE MODEL: {clause} column {name!r}: {error}"
                ) from error
            comment = self.string() if self.accept_word("COMMENT") else None
            if name in (column.name for column in columns):
                raise ModelConfigError(f"CREATE MODEL: {clause} column {name!r} is declared twice")
            columns.append(Column(name, data_type, comment))
            if self.accept_symbol(")"):
                return Schema(tuple(columns))
            self.symbol(",")


@dataclass(frozen=True)
class CreateModel:
    """A parsed ``CREATE MODEL`` statement: its name, schemas and ``WITH`` options."""

    name: str
    input_schema: Schema
    output_schema: Schema
    options: dict[str, str]


def parse_create_model_statement(text: str) -> CreateModel:
    """Parse one ``CREATE MODEL`` statement (see the module docstring).

    Raises ``ModelConfigError`` naming what was expected and found.
    """
    parser = _Parser(text)
    parser.word("CREATE")
    parser.accept_word("TEMPORARY")
    parser.word("MODEL")
    if parser.accept_word("IF"):
        parser.word("NOT")
        parser.word("EXISTS")
    name = parser.identifier()
    while parser.accept_symbol("."):  # catalog.database.name: the model's name is the last part
        name = parser.identifier()
    input_schema = parser.columns("INPUT")
    output_schema = parser.columns("OUTPUT")
    if parser.accept_word("COMMENT"):
        parser.string()
    parser.word("WITH")
    parser.symbol("(")
    options: dict[str, str] = {}
    if not parser.accept_symbol(")"):
        while True:
            key = parser.string()
            parser.symbol("=")
            value = parser.string()
            if key in options:
                raise ModelConfigError(f"CREATE MODEL: option '{key}' is given twice")
            options[key] = value
            if parser.accept_symbol(")"):
                break
            parser.symbol(",")
    parser.accept_symbol(";")
    if parser.peek() is not None:
        raise parser.fail("the end of the statement")
    return CreateModel(name, input_schema, output_schema, options)


def _option(statement: CreateModel, key: str, alias: str) -> str:
    given = [spelling for spelling in (key, alias) if spelling in statement.options]
    if len(given) == 2:
        raise ModelConfigError(
            f"model '{statement.name}': options '{key}' and '{alias}' are two spellings of one "
            "option: give one"
        )
    if not given or not statement.options[given[0]]:
        raise ModelConfigError(
            f"model '{statement.name}': option '{key}' (or '{alias}') is required"
        )
    return statement.options[given[0]]


def create_model_config(text: str, base_directory: str | os.PathLike[str] = ".") -> ModelConfig:
    """Return the model config of a ``generic-python`` ``CREATE MODEL`` statement.

    A relative ``model-directory-path`` is resolved against ``base_directory``
    (lexically, as the Swift side does). Raises ``ModelConfigError`` if the
    statement is malformed, its provider is not ``generic-python``, or a
    required option is missing.
    """
    statement = parse_create_model_statement(text)
    provider = statement.options.get("provider")
    if provider is None or provider.lower() != "generic-python":
        raise ModelConfigError(
            f"model '{statement.name}': 'provider' must be 'generic-python', got {provider!r}"
        )
    directory = _option(statement, "model-directory-path", "model")
    return ModelConfig(
        format_version=FORMAT_VERSION,
        model_name=statement.name,
        model_directory=os.path.normpath(
            os.path.join(os.path.abspath(os.fspath(base_directory)), directory)
        ),
        python_predict_class=_option(statement, "python-predict-class", "python-predict-function"),
        properties={
            key.removeprefix("properties."): value
            for key, value in statement.options.items()
            if key.startswith("properties.")
        },
        input_schema=statement.input_schema,
        # The host hands the model its OUTPUT without the error column (it fills that itself).
        output_schema=Schema(
            tuple(column for column in statement.output_schema if column.name != ERROR_COLUMN)
        ),
    )


def is_statement(text: str) -> bool:
    """Whether ``text`` is a statement (starts with ``CREATE``, after ``--`` comment lines)
    rather than the path of a ``.sql`` file."""
    lines = [line for line in text.splitlines() if not line.strip().startswith("--")]
    return " ".join(lines).lstrip().upper().startswith("CREATE")


def load_create_model(path: str | os.PathLike[str]) -> ModelConfig:
    """Read a ``.sql`` file holding one ``CREATE MODEL`` statement, as ``mlpredict run`` does.

    A relative ``model-directory-path`` is resolved against the file's directory.
    """
    with open(path, encoding="utf-8") as file:
        text = file.read()
    return create_model_config(text, os.path.dirname(os.path.abspath(os.fspath(path))))


def host_json(config: ModelConfig) -> str:
    """``config`` as the JSON text the Swift side hands to ``set_model_config``.

    Compact, with sorted keys, as ``ModelConfig.json()`` (Swift) writes it.
    """
    document: dict[str, Any] = json.loads(config.to_json())
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
