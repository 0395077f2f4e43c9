from __future__ import annotations

import dataclasses

import pytest

from mlpredict import Column, ModelConfig, PredictContext, PredictFunction, Schema, VarCharType
from mlpredict._loader import create_context

STRING = VarCharType(VarCharType.MAX_LENGTH)
SCHEMA_IN = Schema((Column("text", STRING),))
SCHEMA_OUT = Schema((Column("label", STRING.not_null(), "the label"),))
CONFIG = ModelConfig(
    format_version=1,
    model_name="sentiment",
    model_directory="/models/sentiment",
    python_predict_class="sentiment.Sentiment",
    properties={"threshold": "0.05"},
    input_schema=SCHEMA_IN,
    output_schema=SCHEMA_OUT,
)


def test_from_config() -> None:
    context = PredictContext.from_config(CONFIG)
    assert context.model_name == "sentiment"
    assert context.model_directory == "/models/sentiment"
    assert context.properties == {"threshold": "0.05"}
    assert context.input_schema is SCHEMA_IN
    assert context.output_schema is SCHEMA_OUT


def test_get_job_parameter() -> None:
    context = PredictContext.from_config(CONFIG)
    assert context.get_job_parameter("threshold") == "0.05"
    assert context.get_job_parameter("missing") is None
    assert context.get_job_parameter("missing", "default") == "default"


def test_context_is_read_only() -> None:
    properties = {"a": "1"}
    context = PredictContext("m", "/d", properties, SCHEMA_IN, SCHEMA_OUT)
    properties["a"] = "2"
    assert context.get_job_parameter("a") == "1"
    with pytest.raises(TypeError):
        context.properties["a"] = "3"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.model_name = "other"  # type: ignore[misc]


def test_create_context_uses_the_functions_config() -> None:
    function = PredictFunction()
    function.set_model_config(CONFIG.to_json())
    assert create_context(function) == PredictContext.from_config(CONFIG)


def test_create_context_requires_a_config() -> None:
    with pytest.raises(RuntimeError, match="Model config not set"):
        create_context(PredictFunction())
