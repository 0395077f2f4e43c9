"""Runs the model-statement corpus through Apache Flink and records what Flink answers.

Usage: ``record.py CORPUS.json RECORDED.json`` with PyFlink importable (``scripts/record-flink-sql``
sets that up). Each case of the corpus runs in a fresh batch-mode ``TableEnvironment``; each of its
statements goes through ``TableEnvironment.execute_sql`` alone, in order. A statement's record says
whether Flink accepted it and, if so, the result's columns, their types and its rows; if not, the
stage it failed at (``parse``, ``validate`` or ``execute``), the Java exception and its message.
``$WITH`` in a statement stands for the corpus's ``with`` clause.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pyflink.table import EnvironmentSettings, TableEnvironment  # type: ignore[import-untyped]

# Exceptions that mean the text did not parse, and those that mean it parsed but is not valid.
PARSE_EXCEPTIONS = ("org.apache.flink.table.api.SqlParserException",)
VALIDATE_EXCEPTIONS = (
    "org.apache.flink.table.api.ValidationException",
    "org.apache.calcite.runtime.CalciteContextException",
    "org.apache.calcite.sql.validate.SqlValidatorException",
    "org.apache.flink.sql.parser.error.SqlValidateException",
)


def java_chain(error: Any) -> list[Any]:
    """The Java throwable and its causes, outermost first."""
    chain: list[Any] = []
    throwable = error.java_exception
    while throwable is not None and len(chain) < 20:
        chain.append(throwable)
        cause = throwable.getCause()
        throwable = None if cause is None or cause.equals(throwable) else cause
    return chain


def is_instance(throwable: Any, class_names: tuple[str, ...]) -> bool:
    """Whether ``throwable``'s class is or extends one of ``class_names``."""
    cls = throwable.getClass()
    while cls is not None:
        if cls.getName() in class_names:
            return True
        cls = cls.getSuperclass()
    return False


def thrown_while_parsing(throwable: Any) -> bool:
    """Whether ``throwable`` comes from Flink's parser (ParserImpl.parse) rather than later."""
    for frame in throwable.getStackTrace():
        if frame.getClassName().endswith("TableEnvironmentImpl"):
            return False
        if frame.getClassName().endswith(".ParserImpl") and frame.getMethodName() == "parse":
            return True
    return False


def failure(error: Exception) -> dict[str, Any]:
    """The record of a statement Flink rejected."""
    if not hasattr(error, "java_exception"):
        return {
            "accepted": False,
            "stage": "execute",
            "exception": type(error).__name__,
            "message": str(error),
        }
    chain = java_chain(error)
    if any(is_instance(t, PARSE_EXCEPTIONS) for t in chain):
        stage = "parse"
    elif any(is_instance(t, VALIDATE_EXCEPTIONS) for t in chain):
        stage = "validate"
    elif thrown_while_parsing(chain[0]):
        stage = "parse"
    else:
        stage = "execute"
    record: dict[str, Any] = {
        "accepted": False,
        "stage": stage,
        "exception": chain[0].getClass().getName(),
        "message": str(chain[0].getMessage()),
    }
    if len(chain) > 1:
        record["causes"] = [
            f"{t.getClass().getName()}: {t.getMessage()}" for t in chain[1:] if t.getMessage()
        ]
    return record


def cell(value: Any) -> Any:
    """A result value as JSON: strings, booleans, numbers and null as they are, others as text."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return str(value)


def run(env: TableEnvironment, sql: str) -> dict[str, Any]:
    """Executes ``sql`` and records the outcome."""
    try:
        result = env.execute_sql(sql)
        schema = result.get_resolved_schema()
        with result.collect() as rows:
            recorded = [[cell(row[i]) for i in range(len(row))] for row in rows]
    except Exception as error:  # noqa: BLE001 - every rejection is recorded
        return {"sql": sql, **failure(error)}
    return {
        "sql": sql,
        "accepted": True,
        "columns": list(schema.get_column_names()),
        "types": [str(t) for t in schema.get_column_data_types()],
        "rows": recorded,
    }


def main(corpus_path: Path, recorded_path: Path) -> None:
    corpus = json.loads(corpus_path.read_text(encoding="utf-8"))
    with_clause: str = corpus["with"]
    cases: list[dict[str, Any]] = []
    for case in corpus["cases"]:
        env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
        statements = [run(env, sql.replace("$WITH", with_clause)) for sql in case["statements"]]
        cases.append({"id": case["id"], "statements": statements})
        outcomes = " ".join("ok" if s["accepted"] else s["stage"] for s in statements)
        print(f"{case['id']}: {outcomes}")
    recording = {
        "flink": "apache-flink==2.3.0 (PyFlink), TableEnvironment in batch mode",
        "recordedBy": "scripts/record-flink-sql",
        "cases": cases,
    }
    text = json.dumps(recording, indent=1, ensure_ascii=False) + "\n"
    recorded_path.write_text(text, encoding="utf-8")
    statements = sum(len(c["statements"]) for c in cases)
    print(f"recorded {len(cases)} cases, {statements} statements into {recorded_path}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: record.py CORPUS.json RECORDED.json")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
