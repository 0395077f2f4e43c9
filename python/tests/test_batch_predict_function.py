"""``BatchPredictFunction``: pandas in, pandas out, as in the bgeng777/flink prototype."""

from __future__ import annotations

import array
import asyncio
import json
import sys
from typing import Any

import numpy as np
import pandas as pd  # requirements-dev.txt installs it: these tests run, never skip
import pytest

from mlpredict import BatchPredictFunction, Columns, ModelConfig, PredictContext, Row
from mlpredict._batch_predict_function import _column
from mlpredict._host import host_method

CONFIG_JSON = json.dumps(
    {
        "format_version": 1,
        "model_name": "doubler",
        "model_directory_path": "/models/doubler",
        "python_predict_class": "doubler.Doubler",
        "properties": {"factor": "2"},
        "input_schema": {
            "columns": [
                {"name": "x", "type": "BIGINT", "nullable": False},
                {"name": "name", "type": "STRING", "nullable": True},
            ]
        },
        "output_schema": {
            "columns": [
                {"name": "doubled", "type": "BIGINT", "nullable": False},
                {"name": "greeting", "type": "STRING", "nullable": True},
            ]
        },
    }
)


class Doubler(BatchPredictFunction):
    calls = 0

    def open(self, context: Any) -> None:
        super().open(context)
        self.factor = int(self.init_properties.get("factor", 1))

    def predict(self, df: Any) -> Any:
        type(self).calls += 1
        greeting = df["name"].map(lambda name: None if name is None else f"hi {name}")
        return pd.DataFrame({"greeting": greeting, "doubled": df["x"] * self.factor})


def opened(function: BatchPredictFunction) -> BatchPredictFunction:
    function.set_model_config(CONFIG_JSON)
    function.open(PredictContext.from_config(ModelConfig.from_json(CONFIG_JSON)))
    return function


def test_columns_are_predicted_as_one_dataframe() -> None:
    function = opened(Doubler())
    before = Doubler.calls
    x = memoryview(array.array("q", [1, 2, 3]))
    result = function.predict_columns(Columns({"x": x, "name": ["a", None, "c"]}))
    assert Doubler.calls == before + 1
    assert isinstance(result, dict)
    assert list(result) == ["doubled", "greeting"]
    assert result["doubled"].tolist() == [2, 4, 6]
    assert result["greeting"] == ["hi a", None, "hi c"]


def test_batches_and_rows_go_through_the_dataframe() -> None:
    function = opened(Doubler())
    rows = [Row(x=1, name="a"), Row(x=5, name=None)]
    assert function.predict_batch(rows) == [[Row(2, "hi a")], [Row(10, None)]]
    predict = host_method(function, "predict")
    assert predict(Row(x=4, name="b")) == [Row(8, "hi b")]
    assert predict(Row(x=4, name="b"))[0].as_dict() == {"doubled": 8, "greeting": "hi b"}
    assert list(function.eval(3, "c")) == [Row(6, "hi c")]


def test_host_never_passes_a_row_to_the_users_predict() -> None:
    function = opened(Doubler())
    assert host_method(function, "predict") == function.predict_row
    assert host_method(function, "predict_batch") == function.predict_batch


def test_positional_column_names_as_in_the_prototype() -> None:
    class Positional(BatchPredictFunction):
        positional_columns = True

        def predict(self, df: Any) -> Any:
            assert list(df.columns) == ["col0", "col1"]
            return pd.DataFrame({"doubled": df["col0"] * 2, "greeting": df["col1"]})

    assert opened(Positional()).predict_batch([Row(x=1, name="n")]) == [[Row(2, "n")]]


def test_missing_values_are_null_but_float_nan_stays() -> None:
    assert _column(pd, pd.Series([1, None], dtype="Int64"), as_list=True) == [1, None]
    assert _column(pd, pd.Series(["a", np.nan]), as_list=True) == ["a", None]
    floats = _column(pd, pd.Series([1.5, np.nan]), as_list=True)
    assert floats[0] == 1.5 and np.isnan(floats[1])
    assert _column(pd, pd.Series([True, False]), as_list=False).dtype == np.bool_


def test_async_predict_is_waited_for() -> None:
    class AsyncDoubler(BatchPredictFunction):
        async def predict(self, df: Any) -> Any:
            await asyncio.sleep(0)
            return pd.DataFrame({"doubled": df["x"] * 2, "greeting": df["name"]})

    assert opened(AsyncDoubler()).predict_batch([Row(x=2, name="a")]) == [[Row(4, "a")]]


def test_wrong_results_are_explained() -> None:
    class Wrong(BatchPredictFunction):
        result: Any = None

        def predict(self, df: Any) -> Any:
            return self.result

    function = opened(Wrong())
    rows = [Row(x=1, name="a")]
    function.result = [1]  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match=r"returned list; .* must return a pandas.DataFrame"):
        function.predict_batch(rows)
    function.result = pd.DataFrame({"doubled": [1, 2], "greeting": ["a", "b"]})  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"DataFrame of 2 rows for 1 input rows"):
        function.predict_batch(rows)
    function.result = pd.DataFrame({"doubled": [1], "other": ["a"]})  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"without the OUTPUT column\(s\) greeting"):
        function.predict_batch(rows)


def test_unimplemented_predict() -> None:
    with pytest.raises(NotImplementedError, match=r"must implement predict\(self, df\)"):
        opened(BatchPredictFunction()).predict_batch([Row(x=1, name="a")])


def test_missing_pandas_is_a_clear_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"BatchPredictFunction needs pandas.*pip install pandas"):
        opened(Doubler()).predict_batch([Row(x=1, name="a")])
