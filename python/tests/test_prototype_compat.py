"""Models written for FLIP-552's prototypes (swapna267/flink, bgeng777/flink, the FLIP text)."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

import mlpredict
from mlpredict import (
    Columns,
    ModelConfig,
    PredictContext,
    PredictFunction,
    PyPredictFunction,
    Row,
)
from mlpredict._context import prototype_schema_json
from mlpredict._host import host_method

CONFIG_JSON = json.dumps(
    {
        "format_version": 1,
        "model_name": "scorer",
        "model_directory_path": "/models/scorer",
        "python_predict_class": "scorer.Scorer",
        "properties": {"threshold": "0.7", "input_schema": "a property"},
        "input_schema": {
            "columns": [
                {"name": "text", "type": "VARCHAR(10)", "nullable": False},
                {"name": "score", "type": "DOUBLE", "nullable": True},
            ]
        },
        "output_schema": {
            "columns": [
                {"name": "label", "type": "STRING", "nullable": True},
                {"name": "passed", "type": "BOOLEAN", "nullable": False},
            ]
        },
    }
)


def opened(function: PredictFunction) -> PredictFunction:
    """``function`` configured and opened, as the host does."""
    function.set_model_config(CONFIG_JSON)
    function.open(PredictContext.from_config(ModelConfig.from_json(CONFIG_JSON)))
    return function


class SwapnaStyle(PredictFunction):
    """Written to the swapna267 README: init_properties, job parameters."""

    def open(self, context: Any) -> None:
        super().open(context)
        self.threshold = float(self.init_properties.get("threshold", 0.5))
        self.directory = context.get_job_parameter("model_directory_path")

    def predict(self, data: Row) -> list[Row]:
        return [Row(f"{data[0]}@{self.directory}", data[1] >= self.threshold)]


def test_job_parameters_of_the_prototype() -> None:
    context = PredictContext.from_config(ModelConfig.from_json(CONFIG_JSON))
    assert context.get_job_parameter("model_directory_path") == "/models/scorer"
    assert json.loads(context.get_job_parameter("init_properties") or "") == {
        "threshold": "0.7",
        "input_schema": "a property",
    }
    assert json.loads(context.get_job_parameter("input_schema") or "") == {
        "field_count": 2,
        "field_0": {"name": "text", "type": "VARCHAR(10) NOT NULL"},
        "field_1": {"name": "score", "type": "DOUBLE"},
    }
    assert json.loads(context.get_job_parameter("output_schema") or "") == {
        "field_count": 2,
        "field_0": {"name": "label", "type": "STRING"},
        "field_1": {"name": "passed", "type": "BOOLEAN NOT NULL"},
    }
    assert context.get_job_parameter("threshold") == "0.7"
    assert context.get_job_parameter("nothing", "fallback") == "fallback"


def test_reserved_job_parameters_win_over_properties_of_the_same_name() -> None:
    context = PredictContext.from_config(ModelConfig.from_json(CONFIG_JSON))
    assert context.get_job_parameter("input_schema", "x") == prototype_schema_json(
        context.input_schema
    )
    assert context.properties["input_schema"] == "a property"


def test_init_properties_are_set_by_set_model_config_and_open() -> None:
    function = PredictFunction()
    function.set_model_config(CONFIG_JSON)
    assert function.init_properties == {"threshold": "0.7", "input_schema": "a property"}
    function.init_properties = {}
    function.open(PredictContext.from_config(ModelConfig.from_json(CONFIG_JSON)))
    assert function.init_properties == {"threshold": "0.7", "input_schema": "a property"}
    assert function.model_directory == "/models/scorer"


def test_swapna267_style_model_predicts() -> None:
    function = opened(SwapnaStyle())
    assert function.predict(Row("a", 0.9)) == [Row("a@/models/scorer", True)]
    assert list(function.eval("b", 0.1)) == [Row("b@/models/scorer", False)]


def test_eval_wraps_arguments_in_a_named_row() -> None:
    seen: list[Row] = []

    class Recorder(PredictFunction):
        def predict(self, data: Row) -> list[Row]:
            seen.append(data)
            return [Row("x", True), Row("y", False)]

    assert list(opened(Recorder()).eval("t", 1.0)) == [Row("x", True), Row("y", False)]
    assert seen[0].as_dict() == {"text": "t", "score": 1.0}
    with pytest.raises(TypeError, match=r"one argument per INPUT column \(text, score\): 2, got 1"):
        list(opened(Recorder()).eval("t"))
    unconfigured = Recorder()
    assert list(unconfigured.eval(1, 2, 3)) == [Row("x", True), Row("y", False)]
    assert seen[-1] == (1, 2, 3)


def test_eval_waits_for_an_async_predict() -> None:
    class Async(PredictFunction):
        async def predict(self, data: Row) -> list[Row]:
            return [Row(data.text, True)]

    assert list(opened(Async()).eval("t", 1.0)) == [Row("t", True)]


def test_py_predict_function_is_an_alias() -> None:
    assert PyPredictFunction is PredictFunction
    assert "PyPredictFunction" in mlpredict.__all__

    class FlipStyle(PyPredictFunction):
        def open(self, context: Any) -> None:
            self.directory = self.model_directory

        def predict(self, data: Row) -> list[Row]:
            return [Row(data[0] if len(data) > 0 else "", True)]

    function = opened(FlipStyle())
    assert function.predict(Row("z", 0.0)) == [Row("z", True)]


def test_model_config_json_keeps_working() -> None:
    assert opened(SwapnaStyle()).model_config_json == CONFIG_JSON


def test_create_udtf_without_mlpredict_flink_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "mlpredict.flink", None)  # an import of it fails
    with pytest.raises(ImportError, match=r"needs the module mlpredict.flink and PyFlink"):
        SwapnaStyle.create_udtf()


def test_create_udtf_delegates_to_mlpredict_flink(monkeypatch: pytest.MonkeyPatch) -> None:
    module = type(sys)("mlpredict.flink")
    module.udtf_for = lambda cls, model: ("udtf", cls, model)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mlpredict.flink", module)
    assert SwapnaStyle.create_udtf() == ("udtf", SwapnaStyle, None)
    assert SwapnaStyle.create_udtf("model.sql") == ("udtf", SwapnaStyle, "model.sql")


def test_host_predict_of_a_plain_model_is_its_predict() -> None:
    function = opened(SwapnaStyle())
    assert host_method(function, "predict") == function.predict


def test_columns_of_a_plain_model_still_go_through_predict_batch() -> None:
    function = opened(SwapnaStyle())
    result = function.predict_columns(Columns({"text": ["a"], "score": [0.8]}))
    assert dict(result) == {"label": ["a@/models/scorer"], "passed": [True]}  # type: ignore[arg-type]
