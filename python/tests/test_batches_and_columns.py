from __future__ import annotations

import array
import asyncio
import json
from collections import namedtuple
from typing import Any

import pytest

from mlpredict import Columns, PredictFunction, Row
from mlpredict._columns import output_columns

CONFIG_JSON = json.dumps(
    {
        "format_version": 1,
        "model_name": "length",
        "model_directory_path": "/models/length",
        "python_predict_class": "length.Length",
        "properties": {},
        "input_schema": {"columns": [{"name": "text", "type": "STRING", "nullable": True}]},
        "output_schema": {
            "columns": [
                {"name": "text", "type": "STRING", "nullable": True},
                {"name": "score", "type": "DOUBLE", "nullable": True},
            ]
        },
    }
)


class Length(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        text = data["text"]
        if text == "none":
            return []
        if text == "two":
            return [Row(text, 1.0), Row(text, 2.0)]
        if text == "named":
            return [Row(score=9.0, text=text)]
        return [Row(text, float(len(text)))]


def opened(function: PredictFunction) -> PredictFunction:
    function.set_model_config(CONFIG_JSON)
    return function


def test_predict_batch_calls_predict_per_row() -> None:
    text = Row.type_for(["text"])
    rows = [text("ab"), text("none"), text("two")]
    assert opened(Length()).predict_batch(rows) == [
        [Row("ab", 2.0)],
        [],
        [Row("two", 1.0), Row("two", 2.0)],
    ]


def test_predict_batch_of_no_rows_is_empty() -> None:
    assert opened(Length()).predict_batch([]) == []


def test_predict_batch_can_be_overridden() -> None:
    class Vectorized(Length):
        def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
            return [[Row(row[0], -1.0)] for row in rows]

    assert opened(Vectorized()).predict_batch([Row("a")]) == [[Row("a", -1.0)]]


def test_predict_columns_default_goes_through_predict_batch() -> None:
    result = opened(Length()).predict_columns(Columns({"text": ["a", "bcd", "named"]}))
    assert isinstance(result, Columns)
    assert dict(result) == {"text": ["a", "bcd", "named"], "score": [1.0, 3.0, 9.0]}


@pytest.mark.parametrize(("text", "count"), [("none", 0), ("two", 2)])
def test_predict_columns_default_needs_one_row_per_input(text: str, count: int) -> None:
    message = f"exactly one output row per input row, but predict returned {count} for input row 1"
    with pytest.raises(ValueError, match=message):
        opened(Length()).predict_columns(Columns({"text": ["a", text]}))


def test_predict_columns_default_reads_a_bare_row_and_namedtuples() -> None:
    Pair = namedtuple("Pair", ["score", "text"])

    class Shapes(Length):
        def predict(self, data: Row) -> Any:
            return Row("x", 1.0) if data[0] == "bare" else [Pair(2.0, "y")]

    result = opened(Shapes()).predict_columns(Columns({"text": ["bare", "pair"]}))
    assert dict(result) == {"text": ["x", "y"], "score": [1.0, 2.0]}


class AsyncLength(Length):
    async def predict(self, data: Row) -> list[Row]:
        await asyncio.sleep(0)
        return [Row(data[0], float(len(data[0])))]


class AsyncBatchLength(Length):
    async def predict_batch(self, rows: list[Row]) -> list[list[Row]]:
        await asyncio.sleep(0)
        return [[Row(row[0], -1.0)] for row in rows]


@pytest.mark.parametrize(
    ("function", "score"), [(AsyncLength(), [1.0, 3.0]), (AsyncBatchLength(), [-1.0, -1.0])]
)
def test_predict_columns_default_waits_for_async_def_models(
    function: PredictFunction, score: list[float]
) -> None:
    result = opened(function).predict_columns(Columns({"text": ["a", "bcd"]}))
    assert dict(result) == {"text": ["a", "bcd"], "score": score}


def test_columns_is_a_mapping_with_a_row_count() -> None:
    values = array.array("d", [0.5, 1.5])
    columns = Columns({"text": ["a", "b"], "score": memoryview(values)})
    assert list(columns) == ["text", "score"]
    assert len(columns) == 2
    assert columns.num_rows == 2
    assert columns["score"].tolist() == [0.5, 1.5]
    assert repr(columns) == "Columns(names=['text', 'score'], num_rows=2)"


def test_columns_rows_are_named_rows() -> None:
    flags = memoryview(array.array("b", [1, 0])).cast("B").cast("?")
    rows = Columns({"text": ["a", "b"], "flag": flags}).rows()
    assert rows == [Row("a", True), Row("b", False)]
    assert rows[0].flag is True
    assert rows[1]["text"] == "b"


def test_columns_need_equal_lengths() -> None:
    message = "Columns must all have the same length, got 'a': 1, 'b': 2"
    with pytest.raises(ValueError, match=message):
        Columns({"a": [1], "b": [1, 2]})


def test_empty_columns_have_no_rows() -> None:
    assert Columns({}).num_rows == 0


def test_unknown_column_names_the_columns() -> None:
    with pytest.raises(KeyError, match="no column 'x'; the columns are a, b"):
        Columns({"a": [], "b": []})["x"]


def test_output_columns_by_name_in_output_order() -> None:
    assert output_columns({"score": [1.0], "text": ["a"]}, ["text", "score"]) == [["a"], [1.0]]


def test_output_columns_by_position() -> None:
    assert output_columns((["a"], [1.0]), ["text", "score"]) == [["a"], [1.0]]


@pytest.mark.parametrize(
    ("result", "error", "message"),
    [
        ({"text": []}, ValueError, r"columns \(text\) but the OUTPUT columns are \(text, score\)"),
        ({"text": [], "score": [], "x": []}, ValueError, r"returned columns \(text, score, x\)"),
        ([[]], ValueError, r"returned 1 columns but there are 2 OUTPUT columns \(text, score\)"),
        ("text", TypeError, r"returned str; it must return a mapping of OUTPUT column name"),
    ],
)
def test_output_columns_rejects_other_shapes(
    result: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        output_columns(result, ["text", "score"])
