from __future__ import annotations

import json

import pytest

from mlpredict import ModelConfig, ModelConfigError, PredictContext, PredictFunction, Row

CONFIG_JSON = json.dumps(
    {
        "format_version": 1,
        "model_name": "echo",
        "model_directory_path": "/models/echo",
        "python_predict_class": "echo.Echo",
        "properties": {"suffix": "!"},
        "input_schema": {"columns": [{"name": "text", "type": "STRING", "nullable": True}]},
        "output_schema": {"columns": [{"name": "echo", "type": "STRING", "nullable": True}]},
    }
)


class Echo(PredictFunction):
    def open(self, context: PredictContext) -> None:
        super().open(context)
        self.suffix = context.get_job_parameter("suffix", "")
        self.closed = False

    def predict(self, data: Row) -> list[Row]:
        return [Row(echo=f"{data.text}{self.suffix}")]

    def close(self) -> None:
        self.closed = True


def test_config_attributes_default_to_none() -> None:
    function = PredictFunction()
    assert function.model_config_json is None
    assert function.model_config is None
    assert not hasattr(function, "model_name")


def test_open_without_config_raises() -> None:
    function = PredictFunction()
    context = PredictContext.from_config(ModelConfig.from_json(CONFIG_JSON))
    with pytest.raises(
        RuntimeError, match="^Model config not set: call set_model_config before open$"
    ):
        function.open(context)


def test_set_model_config_sets_the_attributes() -> None:
    function = PredictFunction()
    function.set_model_config(CONFIG_JSON)
    assert function.model_config_json == CONFIG_JSON
    assert function.model_config == ModelConfig.from_json(CONFIG_JSON)
    assert function.model_name == "echo"
    assert function.model_directory == "/models/echo"
    assert function.properties == {"suffix": "!"}
    assert type(function.properties) is dict
    assert function.input_schema.names == ("text",)
    assert function.output_schema.names == ("echo",)
    assert PredictFunction.model_config is None  # The class default is untouched.


def test_properties_are_a_private_copy() -> None:
    function = PredictFunction()
    function.set_model_config(CONFIG_JSON)
    function.properties["suffix"] = "?"
    assert function.model_config is not None
    assert function.model_config.properties["suffix"] == "!"


def test_invalid_config_changes_nothing() -> None:
    function = PredictFunction()
    with pytest.raises(ModelConfigError):
        function.set_model_config("{}")
    assert function.model_config_json is None
    assert function.model_config is None


def test_open_after_config_succeeds() -> None:
    function = PredictFunction()
    function.set_model_config(CONFIG_JSON)
    assert function.model_config is not None
    function.open(PredictContext.from_config(function.model_config))


def test_predict_must_be_implemented() -> None:
    class Incomplete(PredictFunction):
        pass

    with pytest.raises(NotImplementedError, match="Incomplete must implement predict") as raised:
        Incomplete().predict(Row("x"))
    assert "subclasses of PredictFunction must implement predict" in str(raised.value)


def test_close_does_nothing() -> None:
    PredictFunction().close()


def test_subclass_lifecycle() -> None:
    function = Echo()
    function.set_model_config(CONFIG_JSON)
    assert function.model_config is not None
    function.open(PredictContext.from_config(function.model_config))
    row_type = Row.type_for(function.input_schema.names)
    assert function.predict(row_type("hi")) == [Row(echo="hi!")]
    function.close()
    assert function.closed
