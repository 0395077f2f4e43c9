from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mlpredict import (
    ModelConfigError,
    ModelLoadError,
    NotAPredictFunctionError,
    PredictClassNotFoundError,
    PredictFunction,
    PredictModuleNotFoundError,
    Row,
)
from mlpredict._loader import load_class

WriteModel = Callable[[str, Mapping[str, str]], Path]

MODEL_WITH_HELPERS = """
    import helpers
    from mlpredict import PredictFunction, Row

    class Model(PredictFunction):
        def predict(self, data):
            return [Row(helpers.transform(data[0]))]
"""


@pytest.fixture(autouse=True)
def leaves_no_trace(tmp_path: Path) -> Iterator[None]:
    """Check that loading leaves sys.path and sys.modules as they were."""
    path_before = list(sys.path)
    yield
    assert sys.path == path_before
    real_tmp = os.path.realpath(tmp_path)
    leftovers = [
        name
        for name, module in list(sys.modules.items())
        if os.path.realpath(getattr(module, "__file__", None) or "/").startswith(real_tmp)
    ]
    assert leftovers == []


def predict(cls: type[PredictFunction], *values: object) -> list[Row]:
    return cls().predict(Row(*values))


def test_loads_a_predict_class(write_model: WriteModel) -> None:
    directory = write_model(
        "echo",
        {
            "echo.py": """
                from mlpredict import PredictFunction, Row

                class Echo(PredictFunction):
                    def predict(self, data):
                        return [Row(data[0])]
            """
        },
    )
    cls = load_class(str(directory), "echo.Echo", "echo")
    assert cls.__name__ == "Echo"
    assert issubclass(cls, PredictFunction)
    assert predict(cls, "hi") == [Row("hi")]
    assert "echo" not in sys.modules


def test_same_named_modules_load_side_by_side(write_model: WriteModel) -> None:
    upper = write_model(
        "upper",
        {"model.py": MODEL_WITH_HELPERS, "helpers.py": "def transform(s): return s.upper()\n"},
    )
    lower = write_model(
        "lower",
        {"model.py": MODEL_WITH_HELPERS, "helpers.py": "def transform(s): return s.lower()\n"},
    )
    upper_class = load_class(str(upper), "model.Model", "upper")
    lower_class = load_class(str(lower), "model.Model", "lower")
    assert upper_class is not lower_class
    assert "model" not in sys.modules
    assert "helpers" not in sys.modules
    assert str(upper) not in sys.path and str(lower) not in sys.path
    assert predict(upper_class, "MiXeD") == [Row("MIXED")]
    assert predict(lower_class, "MiXeD") == [Row("mixed")]


def test_concurrent_loads_stay_separate(write_model: WriteModel) -> None:
    directories = {
        suffix: write_model(
            f"model_{suffix}",
            {
                "model.py": MODEL_WITH_HELPERS,
                "helpers.py": f"def transform(s): return s + {suffix!r}\n",
            },
        )
        for suffix in ("a", "b", "c")
    }

    def load_and_run(suffix: str) -> tuple[str, list[Row]]:
        cls = load_class(str(directories[suffix]), "model.Model", suffix)
        return suffix, predict(cls, "x")

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(load_and_run, ["a", "b", "c"] * 10))
    assert all(rows == [Row("x" + suffix)] for suffix, rows in results)


def test_each_load_imports_afresh(write_model: WriteModel) -> None:
    directory = write_model(
        "m", {"model.py": MODEL_WITH_HELPERS, "helpers.py": "transform = str\n"}
    )
    assert load_class(str(directory), "model.Model", "m") is not load_class(
        str(directory), "model.Model", "m"
    )


def test_loads_from_a_package(write_model: WriteModel) -> None:
    directory = write_model(
        "packaged",
        {
            "pkg/__init__.py": "",
            "pkg/util.py": "PREFIX = 'pkg:'\n",
            "pkg/impl.py": """
                from mlpredict import PredictFunction, Row
                from . import util

                class Model(PredictFunction):
                    def predict(self, data):
                        return [Row(util.PREFIX + data[0])]
            """,
        },
    )
    cls = load_class(str(directory), "pkg.impl.Model", "packaged")
    assert predict(cls, "x") == [Row("pkg:x")]
    assert not any(name == "pkg" or name.startswith("pkg.") for name in sys.modules)


def test_loads_from_a_namespace_package(write_model: WriteModel) -> None:
    directory = write_model(
        "namespaced",
        {
            "nspkg/impl.py": """
                from mlpredict import PredictFunction

                class Model(PredictFunction):
                    pass
            """
        },
    )
    assert load_class(str(directory), "nspkg.impl.Model", "namespaced").__name__ == "Model"
    assert "nspkg" not in sys.modules
    assert "nspkg.impl" not in sys.modules


def test_missing_module(write_model: WriteModel) -> None:
    directory = write_model("empty", {})
    with pytest.raises(PredictModuleNotFoundError) as raised:
        load_class(str(directory), "absent_module.Model", "empty")
    assert str(raised.value) == (
        f"model 'empty': no module 'absent_module' in model directory {directory} "
        "(python-predict-class 'absent_module.Model')"
    )
    assert isinstance(raised.value.__cause__, ModuleNotFoundError)
    assert isinstance(raised.value, ImportError)


def test_missing_submodule_of_a_package(write_model: WriteModel) -> None:
    directory = write_model("packaged", {"pkg/__init__.py": ""})
    with pytest.raises(
        PredictModuleNotFoundError, match="no module 'pkg.absent' in model directory"
    ):
        load_class(str(directory), "pkg.absent.Model", "packaged")


def test_missing_directory(tmp_path: Path) -> None:
    directory = tmp_path / "nowhere"
    with pytest.raises(PredictModuleNotFoundError, match="the directory does not exist$"):
        load_class(str(directory), "absent_module.Model", "nowhere")


def test_missing_dependency_propagates(write_model: WriteModel) -> None:
    directory = write_model(
        "needs_dependency",
        {
            "model.py": """
                import helpers
                import mlpredict_test_missing_dependency
            """,
            "helpers.py": "",
        },
    )
    with pytest.raises(ModuleNotFoundError) as raised:
        load_class(str(directory), "model.Model", "needs_dependency")
    assert not isinstance(raised.value, ModelLoadError)
    assert raised.value.name == "mlpredict_test_missing_dependency"
    assert "helpers" not in sys.modules


def test_syntax_error_propagates(write_model: WriteModel) -> None:
    directory = write_model("broken", {"model.py": "def broken(:\n"})
    with pytest.raises(SyntaxError) as raised:
        load_class(str(directory), "model.Model", "broken")
    assert type(raised.value) is SyntaxError
    assert raised.value.filename == str(directory / "model.py")


def test_error_at_module_top_level_propagates(write_model: WriteModel) -> None:
    directory = write_model("failing", {"model.py": "raise RuntimeError('no GPU')\n"})
    with pytest.raises(RuntimeError, match="no GPU"):
        load_class(str(directory), "model.Model", "failing")


def test_missing_class_lists_candidates(write_model: WriteModel) -> None:
    directory = write_model(
        "candidates",
        {
            "model.py": """
                from mlpredict import PredictFunction

                class Beta(PredictFunction):
                    pass

                class Alpha(Beta):
                    pass

                class Unrelated:
                    pass
            """
        },
    )
    with pytest.raises(PredictClassNotFoundError) as raised:
        load_class(str(directory), "model.Modle", "candidates")
    message = str(raised.value)
    assert message.startswith("model 'candidates': module 'model' (")
    assert "has no class 'Modle' (python-predict-class 'model.Modle')" in message
    assert message.endswith("PredictFunction subclasses it defines: Alpha, Beta")


def test_missing_class_without_candidates(write_model: WriteModel) -> None:
    directory = write_model("none", {"model.py": "X = 1\n"})
    with pytest.raises(PredictClassNotFoundError, match="it defines no PredictFunction subclass$"):
        load_class(str(directory), "model.Model", "none")


@pytest.mark.parametrize(
    ("source", "description"),
    [
        ("Model = 42\n", "is a int object"),
        ("def Model(): pass\n", "is a function object"),
        ("class Model:\n    pass\n", "is the class model.Model"),
        (
            "from mlpredict import PredictFunction as Model\n",
            "is mlpredict.PredictFunction itself",
        ),
    ],
)
def test_not_a_predict_function(write_model: WriteModel, source: str, description: str) -> None:
    directory = write_model("wrong", {"model.py": source})
    with pytest.raises(NotAPredictFunctionError) as raised:
        load_class(str(directory), "model.Model", "wrong")
    assert str(raised.value) == (
        f"model 'wrong': python-predict-class 'model.Model' {description}, "
        "not a subclass of mlpredict.PredictFunction"
    )
    assert isinstance(raised.value, TypeError)


@pytest.mark.parametrize(
    "class_name", ["Model", "model.", ".Model", "a..Model", "model.1Model", "my-model.Model", ""]
)
def test_bad_class_name(tmp_path: Path, class_name: str) -> None:
    with pytest.raises(
        ValueError, match="must be 'module.Class' or 'package.module.Class'"
    ) as raised:
        load_class(str(tmp_path), class_name, "bad")
    assert isinstance(raised.value, ModelConfigError)


def test_module_shadowed_by_an_imported_module(write_model: WriteModel) -> None:
    directory = write_model(
        "shadowed",
        {
            "json.py": """
                from mlpredict import PredictFunction

                class Model(PredictFunction):
                    pass
            """
        },
    )
    with pytest.raises(PredictModuleNotFoundError) as raised:
        load_class(str(directory), "json.Model", "shadowed")
    message = str(raised.value)
    assert f"module 'json' resolves to {json.__file__} instead of the model directory" in message
    assert message.endswith("so rename the model's module")
    assert sys.modules["json"] is json


def test_module_shadowed_by_a_built_in_module(write_model: WriteModel) -> None:
    directory = write_model("builtin", {"sys.py": "Model = None\n"})
    with pytest.raises(
        PredictModuleNotFoundError, match=r"module 'sys' resolves to <module 'sys' \(built-in\)>"
    ):
        load_class(str(directory), "sys.Model", "builtin")


def test_package_shadowed_by_an_imported_module(write_model: WriteModel) -> None:
    directory = write_model("shadowed", {"json/__init__.py": "", "json/model.py": "Model = None\n"})
    with pytest.raises(PredictModuleNotFoundError) as raised:
        load_class(str(directory), "json.model.Model", "shadowed")
    message = str(raised.value)
    assert "no module 'json.model' in model directory" in message
    assert f"'json' resolves to {json.__file__}" in message
