"""mlpredict.testing's side of PythonTestingDifferentialTests.swift, run as a plain Python process.

Reads ``{"base": directory, "cases": [{"ddl", "method", "rows"}, ...]}`` from
standard input: each case is a ``CREATE MODEL`` statement (its relative model
directory resolved against ``base``), a method (``predict`` once per row,
``batch``, ``columns``) and its input as a Python expression. Writes one list of
outcome lines per case to standard output (JSON), in the form the Swift test
writes the host's: ``error[code]: message``, ``<input row>: <repr of an output
row>`` or ``<column>: <repr of its values>``.
"""

from __future__ import annotations

import collections
import datetime
import decimal
import json
import sys
from typing import Any

from mlpredict import Row
from mlpredict.testing import HostError, LoadedModel, load_model

NAMESPACE = {
    "Counter": collections.Counter,
    "Decimal": decimal.Decimal,
    "Row": Row,
    "date": datetime.date,
    "datetime": datetime.datetime,
    "time": datetime.time,
    "timedelta": datetime.timedelta,
    "timezone": datetime.timezone,
}


def error_line(error: HostError) -> str:
    return f"error[{error.code}]: {error}"


def run(model: LoadedModel, method: str, rows: Any) -> list[str]:
    lines: list[str] = []
    if method == "predict":
        for index, row in enumerate(rows):
            try:
                lines += [f"{index}: {output!r}" for output in model.predict(row)]
            except HostError as error:
                lines.append(f"{index}: {error_line(error)}")
    elif method == "batch":
        try:
            batch = model.predict_batch(rows)
        except HostError as error:
            return [error_line(error)]
        lines += [
            f"{index}: {output!r}" for index, outputs in enumerate(batch) for output in outputs
        ]
    else:
        try:
            columns = model.predict_columns(rows)
        except HostError as error:
            return [error_line(error)]
        lines += [f"{name}: {list(columns[name])!r}" for name in columns]
    return lines


def main() -> None:
    request = json.load(sys.stdin)
    outcomes: list[list[str]] = []
    for case in request["cases"]:
        rows = eval(case["rows"], dict(NAMESPACE))  # noqa: S307  # the test's own literals
        try:
            model = load_model(case["ddl"], base_directory=request["base"])
        except HostError as error:
            outcomes.append([error_line(error)])
            continue
        with model:
            outcomes.append(run(model, case["method"], rows))
    json.dump(outcomes, sys.stdout)


if __name__ == "__main__":
    main()
