"""A model that reports where a module comes from, for the environment tests: the module's
``VERSION``, its file, and the prefix of the interpreter the model runs in."""

import importlib
import sys

from mlpredict import PredictFunction, Row


class EnvironmentProbe(PredictFunction):
    def predict(self, data: Row) -> list[Row]:
        module = importlib.import_module(data["name"])
        return [Row(str(getattr(module, "VERSION", "")), str(module.__file__), sys.prefix)]
