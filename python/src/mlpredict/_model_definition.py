"""A ``generic-python`` model's definition, checked as the Swift host checks it.

The host's registry and the ``generic-python`` provider check a ``CREATE
MODEL`` statement's options before Python is touched (``ModelRegistry``,
``ProviderOption``, ``GenericPythonModelProviderFactory``, ``ExecutionPolicy``,
``ErrorColumn`` in ``Sources/MLPredict``) and then serialize the config JSON that
``set_model_config`` receives. :func:`define_model` does the same checks in the
same order with the same messages, and builds the same config JSON. The options
that say where and how calls run (``execution-mode``, ``instances``,
``workers``, ``timeout``, the error strategy...) are checked, not applied;
``python.requirements``, ``python.files`` (a test runs in its own environment) and
``python.archives`` (not unpacked) are accepted, not applied. A ``model-directory-path``
that names an archive or URL (a model package) is refused: a test loads the model
from its directory. The host's model roots (``MLPREDICT_MODEL_ROOTS``) do not apply.
"""

from __future__ import annotations

import os
import re
import unicodedata
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from ._create_model import ERROR_COLUMN, CreateModel, host_json, parse_create_model_statement
from ._exceptions import ModelConfigError
from ._host_errors import DefinitionError
from ._model_config import FORMAT_VERSION, Column, ModelConfig, Schema
from ._types import VarCharType

PROVIDER = "generic-python"
MODEL_DIRECTORY_PATH = "model-directory-path"
PYTHON_PREDICT_CLASS = "python-predict-class"
BATCH_SIZE = "batch-size"
PROPERTIES_PREFIX = "properties."
EXECUTION_MODE = "execution-mode"
INSTANCES = "instances"
WORKERS = "workers"
PYTHON_EXECUTABLE = "python.executable"
WORKER_MEMORY_LIMIT = "worker-memory-limit"
PYTHON_REQUIREMENTS = "python.requirements"
PYTHON_FILES = "python.files"
MODEL_SHA256 = "model-sha256"
PYTHON_ARCHIVES = "python.archives"

_ErrorFactory = Callable[[str, str], DefinitionError]
"""Makes a definition error of a code and a message (the model's name prefixed)."""

_REQUIRED = sorted([MODEL_DIRECTORY_PATH, PYTHON_PREDICT_CLASS])
_POLICY_KEYS = [
    "error-handling-strategy",
    "retry-backoff-base-interval",
    "retry-backoff-strategy",
    "retry-fallback-strategy",
    "retry-num",
    "timeout",
]
_OPTIONAL = sorted(
    [EXECUTION_MODE, INSTANCES, WORKERS, PYTHON_EXECUTABLE, WORKER_MEMORY_LIMIT, BATCH_SIZE]
    + [PYTHON_REQUIREMENTS, PYTHON_FILES, MODEL_SHA256, PYTHON_ARCHIVES]
    + _POLICY_KEYS
)
_PROVIDER_OPTION = "'provider'"
_TASK_OPTION = "'task'"
_ALIASES = {"model": MODEL_DIRECTORY_PATH, "python-predict-function": PYTHON_PREDICT_CLASS}
_TASKS = ["classification", "regression", "clustering", "embedding", "text_generation"]
_INT32_MAX = 2**31 - 1
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DURATION_UNITS: dict[str, int] = {
    label: scale
    for scale, labels in (
        (1, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (1_000, ["us", "µs", "micro", "micros", "microsecond", "microseconds"]),
        (1_000_000, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (1_000_000_000, ["s", "sec", "secs", "second", "seconds"]),
        (60_000_000_000, ["m", "min", "minute", "minutes"]),
        (3_600_000_000_000, ["h", "hour", "hours"]),
        (86_400_000_000_000, ["d", "day", "days"]),
    )
    for label in labels
}
_MEMORY_UNITS: dict[str, int] = {
    label: scale
    for scale, labels in (
        (1, ["", "b", "bytes"]),
        (1 << 10, ["k", "kb", "kibibytes"]),
        (1 << 20, ["m", "mb", "mebibytes"]),
        (1 << 30, ["g", "gb", "gibibytes"]),
        (1 << 40, ["t", "tb", "tebibytes"]),
    )
    for label in labels
}


@dataclass(frozen=True)
class ModelDefinition:
    """A checked ``generic-python`` model: what the host builds before loading Python."""

    statement: CreateModel
    """The parsed statement (its OUTPUT columns include an ``error-string`` column, if any)."""
    config: ModelConfig
    """The model config (its OUTPUT leaves the ``error-string`` column out, as the host's)."""
    config_json: str
    """The config JSON ``set_model_config`` receives, as the host serializes it."""
    batch_size: int | None
    """The ``'batch-size'`` option, or ``None``."""

    @property
    def error_column(self) -> int | None:
        """The position of the ``error-string`` OUTPUT column, if the model has one."""
        names = self.statement.output_schema.names
        return names.index(ERROR_COLUMN) if ERROR_COLUMN in names else None


def define_model(text: str, base_directory: str | os.PathLike[str]) -> ModelDefinition:
    """Check a ``CREATE MODEL`` statement as the host does and build its config.

    A relative ``model-directory-path`` is resolved against ``base_directory``.
    Raises :class:`DefinitionError` with the host's code and message.
    """
    try:
        statement = parse_create_model_statement(text)
    except ModelConfigError as parse_error:
        raise DefinitionError("syntaxError", str(parse_error)) from parse_error
    model = statement.name
    options = statement.options

    def error(code: str, message: str) -> DefinitionError:
        return DefinitionError(code, f"model '{model}': {message}", model)

    provider = options.get("provider")
    if provider is None:
        raise error(
            "missingOption", f"missing option 'provider'; registered providers: '{PROVIDER}'"
        )
    if provider != PROVIDER:
        raise error(
            "unknownProvider", f"unknown provider '{provider}'; registered providers: '{PROVIDER}'"
        )
    _check_option_names(options, error)

    class_key, class_name = _option(options, PYTHON_PREDICT_CLASS)
    if not _is_qualified_class_name(class_name):
        raise error(
            "invalidOption",
            f"option '{class_key}' must be a Python class name 'module.Class' (e.g. "
            f"'sentiment.SentimentPredictFunction') but is '{class_name}'",
        )
    batch_size: int | None = None
    if BATCH_SIZE in options:
        value = options[BATCH_SIZE]
        batch_size = _integer(_strip(value, _is_blank), 1, _INT32_MAX)
        if batch_size is None:
            raise error(
                "invalidOption",
                f"option '{BATCH_SIZE}' must be an integer from 1 to {_INT32_MAX} but is '{value}'",
            )
    directory = _model_directory(options, os.fspath(base_directory), error)
    _check_execution(options, error)
    _check_policy(options, error)
    output = statement.output_schema
    _check_error_column(output, error)
    config = ModelConfig(
        format_version=FORMAT_VERSION,
        model_name=model,
        model_directory=directory,
        python_predict_class=class_name,
        properties={
            key[len(PROPERTIES_PREFIX) :]: value
            for key, value in options.items()
            if key.startswith(PROPERTIES_PREFIX)
        },
        input_schema=statement.input_schema,
        output_schema=Schema(tuple(column for column in output if column.name != ERROR_COLUMN)),
    )
    return ModelDefinition(statement, config, host_json(config), batch_size)


_DIRECTORY_EXPECTED = (
    "must name an existing directory, a .zip, .tar.gz (.tgz) or .tar archive, "
    "or a file:// or http(s):// URL"
)
_SCHEME = re.compile(r"([A-Za-z0-9+.-]+)://")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _model_directory(options: dict[str, str], base_directory: str, error: _ErrorFactory) -> str:
    """``ModelFiles``: the model directory, checked as the host checks it; a package is refused."""
    key, given = _option(options, MODEL_DIRECTORY_PATH)

    def invalid(message: str) -> DefinitionError:
        return error("invalidOption", f"option '{key}' {_DIRECTORY_EXPECTED}, but {message}")

    if not given:
        raise invalid("it is empty")
    lowered = given.lower()
    scheme = _SCHEME.match(given)
    if lowered.startswith(("http://", "https://")):
        path = None
    elif lowered.startswith("file:"):
        url = urllib.parse.urlsplit(given)
        if url.netloc not in ("", "localhost") or not url.path.startswith("/"):
            raise invalid(f"'{given}': it is not a valid file:// URL (file:///absolute/path)")
        path = os.path.normpath(urllib.parse.unquote(url.path))
    elif scheme is not None:
        raise invalid(
            f"'{given}': '{scheme.group(1)}://' URLs are not supported "
            "(only file://, http:// and https://)"
        )
    else:
        path = os.path.normpath(os.path.join(os.path.abspath(base_directory), given))
    if path is not None and not os.path.exists(path):
        raise invalid(f"'{given}' ({path}) does not exist")
    if path is not None and os.path.isdir(path):
        sha256 = options.get(MODEL_SHA256)
        if sha256 is not None and _SHA256.fullmatch(_strip(sha256).lower()) is None:
            raise error(
                "invalidOption",
                f"option '{MODEL_SHA256}' must be a SHA-256 as 64 hexadecimal digits, "
                f"but is '{sha256}'",
            )
        if sha256 is not None:
            raise error(
                "invalidOption",
                f"option '{MODEL_SHA256}' applies only when '{key}' names an archive or URL, "
                f"but '{given}' is a directory",
            )
        return path
    if path is not None and not _is_archive(path):
        raise invalid(f"'{given}' ({path}) is a file of none of these formats")
    raise error(
        "invalidOption",
        f"option '{key}' names the model package '{given}'; mlpredict.testing loads a model "
        "from its directory, so give the unpacked directory in the test",
    )


def _is_archive(path: str) -> bool:
    """``ArchiveFormat.of``: a zip, gzip or ustar tar by its first bytes."""
    try:
        with open(path, "rb") as file:
            head = file.read(263)
    except OSError:
        return False
    return (
        head[:4] in (b"PK\x03\x04", b"PK\x05\x06")
        or head[:2] == b"\x1f\x8b"
        or head[257:262] == b"ustar"
    )


def _spellings(option: str) -> list[str]:
    return [option] + sorted(alias for alias, target in _ALIASES.items() if target == option)


def _described(option: str) -> str:
    aliases = _spellings(option)[1:]
    if not aliases:
        return f"'{option}'"
    return f"'{option}' (or {' or '.join(_quoted(aliases))})"


def _quoted(names: list[str]) -> list[str]:
    return [f"'{name}'" for name in names]


def _option(options: dict[str, str], option: str) -> tuple[str, str]:
    """The option's spelling and value (the first spelling given); ``(option, "")`` if absent."""
    for key in _spellings(option):
        if key in options:
            return key, options[key]
    return option, ""


def _check_option_names(options: dict[str, str], error: _ErrorFactory) -> None:
    """``ProviderOption.validate``: required, single spelling, task, supported."""
    required = [_described(option) for option in _REQUIRED]
    optional = [_described(option) for option in _OPTIONAL]
    prefixes = [f"'{PROPERTIES_PREFIX}*'"]
    supported = ", ".join([_PROVIDER_OPTION, _TASK_OPTION, *required, *optional, *prefixes])
    missing = [
        option
        for option in _REQUIRED
        if all(spelling not in options for spelling in _spellings(option))
    ]
    if missing:
        raise error(
            "missingOption",
            f"missing required option{'s' if len(missing) > 1 else ''} "
            f"{', '.join(_described(option) for option in missing)} for provider '{PROVIDER}'; "
            f"required: {', '.join([_PROVIDER_OPTION, *required])}, "
            f"optional: {', '.join([_TASK_OPTION, *optional, *prefixes])}",
        )
    for option in _REQUIRED + _OPTIONAL:
        given = [spelling for spelling in _spellings(option) if spelling in options]
        if len(given) > 1:
            raise error(
                "invalidOption",
                f"options {', '.join(_quoted(given))} are spellings of "
                "the same option; give only one of them",
            )
    task = options.get("task")
    if task is not None and task not in _TASKS:
        raise error(
            "invalidOption",
            f"option 'task' must be one of {', '.join(_quoted(_TASKS))} " f"but is '{task}'",
        )
    for key in sorted(options):
        if not _is_supported(key):
            raise error(
                "unsupportedOption",
                f"unsupported option '{key}' for provider '{PROVIDER}'; supported options: "
                f"{supported}",
            )


def _is_supported(key: str) -> bool:
    return (
        key in ("provider", "task")
        or key in _REQUIRED
        or key in _OPTIONAL
        or key in _ALIASES
        or (key.startswith(PROPERTIES_PREFIX) and len(key) > len(PROPERTIES_PREFIX))
    )


def _check_execution(options: dict[str, str], error: _ErrorFactory) -> None:
    """``GenericPythonOptions.executionMode``."""

    def invalid(key: str, expected: str) -> DefinitionError:
        return error(
            "invalidOption", f"option '{key}' must be {expected}, found '{options.get(key, '')}'"
        )

    def count(key: str) -> None:
        if key in options and _integer(_strip(options[key]), 1, 256) is None:
            raise invalid(key, "an integer from 1 to 256")

    mode = _strip(options.get(EXECUTION_MODE, "in-process")).lower()
    if mode == "in-process":
        for key in (WORKERS, PYTHON_EXECUTABLE, WORKER_MEMORY_LIMIT):
            if key in options:
                raise error(
                    "invalidOption",
                    f"option '{key}' applies only with 'execution-mode' = 'process', but the "
                    "model runs in-process",
                )
        count(INSTANCES)
    elif mode == "process":
        if INSTANCES in options:
            raise error(
                "invalidOption",
                f"option '{INSTANCES}' applies only in-process; in process mode each of the "
                f"'{WORKERS}' runs one instance",
            )
        if WORKER_MEMORY_LIMIT in options:
            size = _memory_size(options[WORKER_MEMORY_LIMIT])
            if size is None or size < 64 << 20:
                raise invalid(
                    WORKER_MEMORY_LIMIT,
                    "a memory size of at least 64 MB such as '512 mb' or '2 GB'",
                )
        executable = options.get(PYTHON_EXECUTABLE)
        if executable is not None and not _strip(executable):
            raise invalid(PYTHON_EXECUTABLE, "a path")
        count(WORKERS)
    else:
        raise invalid(EXECUTION_MODE, "'in-process' or 'process'")


def _check_policy(options: dict[str, str], error: _ErrorFactory) -> None:
    """``ExecutionPolicy.merging``: the timeout and the error strategy's options."""
    for key in _POLICY_KEYS:
        if key not in options:
            continue
        value = options[key]
        text = _strip(value)

        def invalid(expected: str, key: str = key, value: str = value) -> DefinitionError:
            return error("invalidOption", f"option '{key}' must be {expected}, found '{value}'")

        if key == "timeout":
            duration = _duration(text)
            if duration is None or duration <= 0:
                raise invalid("a positive duration such as '500 ms', '30 s' or '3 min'")
        elif key == "error-handling-strategy":
            if text.upper() not in ("RETRY", "FAILOVER", "IGNORE"):
                raise invalid("RETRY, FAILOVER or IGNORE")
        elif key == "retry-num":
            if _integer(text, 1, _INT32_MAX) is None:
                raise invalid(f"an integer from 1 to {_INT32_MAX} (the most attempts in all)")
        elif key == "retry-fallback-strategy":
            if text.upper() not in ("FAILOVER", "IGNORE"):
                raise invalid("FAILOVER or IGNORE")
        elif key == "retry-backoff-strategy":
            if text.upper() not in ("FIXED", "EXPONENTIAL"):
                raise invalid("FIXED or EXPONENTIAL")
        elif _duration(text) is None:
            raise invalid("a duration such as '500 ms', '30 s' or '3 min'")


def _check_error_column(schema: Schema, error: _ErrorFactory) -> None:
    """``ErrorColumn.validate``: a nullable STRING, and no NOT NULL column beside it."""
    if ERROR_COLUMN not in schema.names:
        return
    column: Column = schema[ERROR_COLUMN]
    if not isinstance(column.type, VarCharType) or not column.type.nullable:
        raise error(
            "invalidModel",
            f"OUTPUT column '{ERROR_COLUMN}' receives error messages, so it must be a nullable "
            f"STRING (or VARCHAR), but it is {column.type}",
        )
    for other in schema:
        if other.name != ERROR_COLUMN and not other.type.nullable:
            raise error(
                "invalidModel",
                f"OUTPUT column '{other.name}' is NOT NULL, but a row that fails under the IGNORE "
                f"strategy has NULL there when the model has an '{ERROR_COLUMN}' column; drop the "
                "NOT NULL",
            )


def _is_qualified_class_name(name: str) -> bool:
    parts = name.split(".")
    return len(parts) >= 2 and all(_is_identifier(part) for part in parts)


def _is_identifier(part: str) -> bool:
    return (
        bool(part)
        and (part[0] == "_" or part[0].isalpha())
        and all(
            character == "_" or character.isalpha() or character.isnumeric() for character in part
        )
    )


def _integer(text: str, low: int, high: int) -> int | None:
    """Swift's ``Int(text)`` (a sign and ASCII digits) within ``low...high``, or ``None``."""
    if not _INTEGER.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def _leading_digits(text: str) -> tuple[str, str]:
    digits = re.match(r"[0-9]*", text)
    assert digits is not None
    return digits.group(), text[digits.end() :]


def _duration(text: str) -> int | None:
    """Flink's duration (``TimeUtils.parseDuration``) in nanoseconds, or ``None``."""
    digits, unit = _leading_digits(_strip(text))
    scale = _DURATION_UNITS.get(_strip(unit).lower())
    if not digits or scale is None or int(digits) >= 2**63:
        return None
    nanoseconds = int(digits) * scale
    return nanoseconds if nanoseconds < 2**63 else None


def _memory_size(text: str) -> int | None:
    """Flink's memory size (``MemorySize.parse``) in bytes, or ``None``."""
    digits, unit = _leading_digits(_strip(text))
    scale = _MEMORY_UNITS.get(_strip(unit).lower())
    if not digits or scale is None or int(digits) >= 2**63:
        return None
    size = int(digits) * scale
    return size if size < 2**63 else None


def _is_whitespace(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) in ("Zs", "Zl", "Zp")


def _is_blank(character: str) -> bool:
    """``CharacterSet.whitespaces``: spaces and tabs, not line breaks."""
    return character == "\t" or unicodedata.category(character) == "Zs"


def _strip(text: str, is_space: Callable[[str], bool] = _is_whitespace) -> str:
    """``text`` without leading and trailing whitespace, as Swift's ``trimmingWhitespace``."""
    start, end = 0, len(text)
    while start < end and is_space(text[start]):
        start += 1
    while end > start and is_space(text[end - 1]):
        end -= 1
    return text[start:end]
