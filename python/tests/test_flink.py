"""``mlpredict.flink``: models as PyFlink table functions.

Skipped when PyFlink is not installed (the normal test environment). The job
tests also need ``MLPREDICT_CLI``, the built ``mlpredict`` binary, whose
in-process answers (``mlpredict run``) every Flink output row must equal:
``scripts/test-flink`` sets up both and runs this file.
"""

from __future__ import annotations

import datetime
import decimal
import json
import os
import random
import struct
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # PyFlink warns about its own deprecated classes
    warnings.simplefilter("ignore", DeprecationWarning)
    pytest.importorskip("pyflink")
    from pyflink.common import Row as FlinkRow
    from pyflink.table import DataTypes, EnvironmentSettings, TableEnvironment

from mlpredict import (  # noqa: E402
    ArrayType,
    DataType,
    DateType,
    DecimalType,
    FloatType,
    MapType,
    Row,
    RowType,
    TimestampType,
    parse_type,
)
from mlpredict.flink import (  # noqa: E402
    flink_type,
    model_config,
    register_model,
    to_flink_value,
    to_model_value,
)

REPOSITORY = Path(__file__).resolve().parents[2]
SENTIMENT_SQL = REPOSITORY / "examples" / "sentiment" / "model.sql"
MIXED_SQL = Path(__file__).resolve().parent / "flink_models" / "mixed.sql"
ROWS = 300

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


# -- conversions, without a cluster ---------------------------------------------------------------


def test_flink_type_keeps_names_nullability_and_nesting() -> None:
    data_type = parse_type("ROW<a DECIMAL(10, 2) NOT NULL, b MAP<STRING, ARRAY<TIMESTAMP(3)>>>")
    assert flink_type(data_type) == DataTypes.ROW(
        [
            DataTypes.FIELD("a", DataTypes.DECIMAL(10, 2, False)),
            DataTypes.FIELD(
                "b", DataTypes.MAP(DataTypes.STRING(), DataTypes.ARRAY(DataTypes.TIMESTAMP(3)))
            ),
        ]
    )


def test_flink_values_become_model_values() -> None:
    row_type = parse_type("ROW<d DECIMAL(5, 2), c CHAR(3), r ROW<x INT>, m MAP<STRING, INT>>")
    value = to_model_value(FlinkRow(decimal.Decimal("1.5"), "a", FlinkRow(7), {"k": 1}), row_type)
    assert isinstance(value, Row)
    assert value.as_dict() == {"d": decimal.Decimal("1.50"), "c": "a  ", "r": (7,), "m": {"k": 1}}
    assert str(value["d"]) == "1.50"
    assert value["r"]["x"] == 7


def test_model_values_become_flink_values() -> None:
    row_type = parse_type("ROW<total DECIMAL(6, 3), tags ARRAY<STRING>, info ROW<a INT, b STRING>>")
    value = to_flink_value(
        Row(total=2, tags=("x", None), info=Row(b="y", a=1)),
        row_type,
    )
    assert isinstance(value, FlinkRow)
    assert list(value) == [decimal.Decimal("2.000"), ["x", None], FlinkRow(1, "y")]


@pytest.mark.parametrize(
    ("value", "type_text"),
    [(decimal.Decimal("1.2345"), "DECIMAL(5, 2)"), (1.5, "DECIMAL(5, 2)"), (None, "INT NOT NULL")],
)
def test_values_that_do_not_fit_are_errors(value: Any, type_text: str) -> None:
    with pytest.raises((TypeError, ValueError)):
        to_flink_value(value, parse_type(type_text))


def test_model_config_reads_a_sql_file_like_mlpredict_run() -> None:
    config = model_config(SENTIMENT_SQL)
    assert config.model_name == "sentiment"
    assert config.model_directory == str(SENTIMENT_SQL.parent / "model")
    assert model_config(config.to_json()) == config


# -- a local Flink job against mlpredict run ------------------------------------------------------


@pytest.fixture(scope="module")
def cli() -> str:
    path = os.environ.get("MLPREDICT_CLI")
    if not path:
        pytest.skip("MLPREDICT_CLI (the built mlpredict binary) is not set: run scripts/test-flink")
    return path


@pytest.fixture(scope="module")
def table_env() -> Iterator[TableEnvironment]:
    t_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
    config = t_env.get_config()
    config.set("parallelism.default", "2")
    config.set("python.executable", sys.executable)
    config.set("python.client.executable", sys.executable)
    yield t_env


def sentiment_inputs() -> list[dict[str, Any]]:
    rng = random.Random(552)
    words = [
        "good", "great", "awful", "terrible", "fine", "not", "very", "love", "hate", "the",
        "product", "arrived", "late", "broken", "perfect", "meh", "!", ":)", "okay", "never",
    ]  # fmt: skip
    rows: list[dict[str, Any]] = []
    for index in range(ROWS):
        text = None if index % 50 == 0 else " ".join(rng.choices(words, k=rng.randint(1, 8)))
        rows.append({"id": index, "text": text})
    return rows


def mixed_inputs() -> list[dict[str, Any]]:
    rng = random.Random(10)
    rows: list[dict[str, Any]] = []
    for index in range(1, ROWS + 1):

        def maybe(value: Any) -> Any:
            return None if rng.random() < 0.1 else value

        tags = [maybe(rng.choice(["a", "bé", "c d", ""])) for _ in range(rng.randint(0, 3))]
        attrs = {f"k{i}": maybe(rng.randint(-1000, 1000)) for i in range(rng.randint(0, 3))}
        rows.append(
            {
                "id": index,
                "amount": maybe(round(rng.randint(-(10**7), 10**7) / 100, 2)),
                "seen": maybe(
                    f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
                    f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
                    f".{rng.randint(0, 999):03d}"
                ),
                "tags": maybe(tags),
                "attrs": maybe(attrs),
                "point": maybe(
                    {"x": maybe(rng.uniform(-100, 100)), "y": maybe(rng.choice([0.0, 2.5, -3.0]))}
                ),
                "note": maybe(rng.choice(["", "short", "a longer note ü", "x" * 40])),
            }
        )
    return rows


def from_json(value: Any, data_type: DataType) -> Any:
    """A value in mlpredict run's JSON form, as a plain Python value (floats exact as Decimal)."""
    if value is None:
        return None
    match data_type:
        case DecimalType():
            return decimal.Decimal(str(value))
        case FloatType():
            return struct.unpack("f", struct.pack("f", float(value)))[0]
        case TimestampType():
            return datetime.datetime.fromisoformat(value)
        case DateType():
            return datetime.date.fromisoformat(value)
        case ArrayType(element_type=element):
            return [from_json(item, element) for item in value]
        case MapType(value_type=value_type):
            return {key: from_json(item, value_type) for key, item in value.items()}
        case RowType(fields=fields):
            return tuple(from_json(value.get(f.name), f.data_type) for f in fields)
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def plain(value: Any, data_type: DataType) -> Any:
    """A PyFlink value as the plain Python value ``from_json`` gives."""
    if value is None:
        return None
    match data_type:
        case FloatType():
            return struct.unpack("f", struct.pack("f", value))[0]
        case ArrayType(element_type=element):
            return [plain(item, element) for item in value]
        case MapType(value_type=value_type):
            return {key: plain(item, value_type) for key, item in value.items()}
        case RowType(fields=fields):
            return tuple(plain(item, f.data_type) for item, f in zip(value, fields, strict=True))
    return value


def swift_answers(cli: str, sql: Path, inputs: list[dict[str, Any]], tmp: Path) -> list[Any]:
    """``mlpredict run``'s output rows: (id, output values...), in input order."""
    input_path = tmp / f"{sql.stem}.jsonl"
    input_path.write_text("".join(json.dumps(row) + "\n" for row in inputs), encoding="utf-8")
    env = {**os.environ, "VIRTUAL_ENV": os.environ.get("MLPREDICT_VENV", str(REPOSITORY / ".venv"))}
    env.pop("PYTHONPATH", None)
    completed = subprocess.run(
        [cli, "run", str(sql), "--input", str(input_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    output = model_config(sql).output_schema
    answers = []
    for line in completed.stdout.splitlines():
        record = json.loads(line, parse_float=decimal.Decimal)
        answers.append((record["id"], *(from_json(record[c.name], c.type) for c in output.columns)))
    return answers


def flink_answers(
    t_env: TableEnvironment, sql: Path, inputs: list[dict[str, Any]], tmp: Path
) -> list[Any]:
    """The Flink job's output rows: (id, output values...).

    The input is the same JSON Lines, read by Flink's ``json`` format from two
    files (two splits, one per parallel source).
    """
    config = model_config(sql)
    register_model(t_env, sql)
    directory = tmp / f"{sql.stem}-flink-input"
    directory.mkdir()
    half = len(inputs) // 2
    for part, rows in enumerate([inputs[:half], inputs[half:]]):
        (directory / f"part-{part}.json").write_text(
            "".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8"
        )
    columns = ", ".join(f"`{c.name}` {c.type}" for c in config.input_schema if c.name != "id")
    table = f"{config.model_name}_input"
    t_env.execute_sql(
        f"CREATE TEMPORARY TABLE `{table}` (`id` BIGINT NOT NULL, {columns}) WITH ("
        f"'connector' = 'filesystem', 'path' = '{directory}', 'format' = 'json', "
        "'json.timestamp-format.standard' = 'SQL', 'json.fail-on-missing-field' = 'false')"
    )
    arguments = ", ".join(f"`{name}`" for name in config.input_schema.names)
    output = config.output_schema
    outputs = ", ".join(f"T.`{name}`" for name in output.names)
    # Flink writes the results as JSON Lines too: PyFlink 2.3's collect() cannot read back an
    # ARRAY with NULL elements (EOFError in pickled_bytes_to_python_converter).
    result_directory = tmp / f"{sql.stem}-flink-output"
    sink_columns = ", ".join(f"`{c.name}` {c.type}" for c in output)
    t_env.execute_sql(
        f"CREATE TEMPORARY TABLE `{table}_output` (`id` BIGINT NOT NULL, {sink_columns}) WITH ("
        f"'connector' = 'filesystem', 'path' = '{result_directory}', 'format' = 'json', "
        "'json.timestamp-format.standard' = 'SQL')"
    )
    t_env.execute_sql(
        f"INSERT INTO `{table}_output` SELECT `id`, {outputs} FROM `{table}`, "
        f"LATERAL TABLE(`{config.model_name}`({arguments})) AS T"
    ).wait()
    answers = []
    for path in sorted(result_directory.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line, parse_float=decimal.Decimal)
                answers.append((record["id"], *(from_json(record[c.name], c.type) for c in output)))
    return answers


def _key(answer: tuple[Any, ...]) -> str:
    return repr(answer)


@pytest.mark.parametrize(
    ("sql", "make_inputs"), [(SENTIMENT_SQL, sentiment_inputs), (MIXED_SQL, mixed_inputs)]
)
def test_flink_job_equals_mlpredict_run(
    cli: str, table_env: TableEnvironment, tmp_path: Path, sql: Path, make_inputs: Any
) -> None:
    inputs = make_inputs()
    started = time.monotonic()
    expected = swift_answers(cli, sql, inputs, tmp_path)
    swift_seconds = time.monotonic() - started
    started = time.monotonic()
    actual = flink_answers(table_env, sql, inputs, tmp_path)
    flink_seconds = time.monotonic() - started
    name = model_config(sql).model_name
    print(
        f"\n{name}: {len(inputs)} input rows; mlpredict run: {len(expected)} output rows "
        f"({swift_seconds:.1f} s); Flink (parallelism 2): {len(actual)} output rows "
        f"({flink_seconds:.1f} s)"
    )
    assert len(expected) > len(inputs) // 2
    assert sorted(actual, key=_key) == sorted(expected, key=_key)
    print(f"{name}: all {len(actual)} rows equal")
