"""Loading of predict classes from model directories (used by the host, not by models).

Each model directory is on ``sys.path`` only while its predict module is being
imported, and the modules imported from it are removed from ``sys.modules``
right after. So two models whose directories both hold, say, ``model.py`` and a
``helpers.py`` that it imports with ``import helpers`` load side by side, each
with its own modules, which stay alive through the references of the loaded
class (its methods' globals).

A module that is already imported (``sys.modules``) or built in takes
precedence over a same-named module of a model directory: ``import json``
finds the standard library's ``json``, never a model's ``json.py``. Removing
the existing module from ``sys.modules`` while the model is imported would let
the model's module win, but everything else imported meanwhile (by the model or
by other threads) would get the model's module too, and a second copy of the
real one could be created. So a predict module that resolves outside its model
directory is reported instead, asking for a rename.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import TypeGuard

from ._context import PredictContext
from ._exceptions import (
    ModelConfigError,
    NotAPredictFunctionError,
    PredictClassNotFoundError,
    PredictModuleNotFoundError,
)
from ._predict_function import PredictFunction

# Serializes the sys.path and sys.modules changes of concurrent loads.
_LOAD_LOCK = threading.Lock()


def load_class(model_directory: str, class_name: str, model_name: str) -> type[PredictFunction]:
    """Import ``class_name`` (``module.Class``, ``package.module.Class``) from a model directory.

    Raises ``ModelConfigError`` (a ``ValueError``) if ``class_name`` is malformed,
    ``PredictModuleNotFoundError`` if the module is not in the model directory,
    ``PredictClassNotFoundError`` if the module has no such attribute, and
    ``NotAPredictFunctionError`` if it is not a ``PredictFunction`` subclass.
    Exceptions raised while importing the module (a ``SyntaxError``, a
    ``ModuleNotFoundError`` for one of its dependencies...) propagate unchanged.
    """
    module_name, attribute = _split_class_name(class_name)
    directory = os.path.abspath(model_directory)
    real_directory = Path(os.path.realpath(directory))
    with _LOAD_LOCK:
        known_modules = set(sys.modules)
        sys.path.insert(0, directory)
        importlib.invalidate_caches()
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if not _is_module_or_parent(error.name, module_name):
                raise  # A dependency of the model is missing: the user's error.
            raise PredictModuleNotFoundError(
                f"model '{model_name}': no module '{module_name}' in model directory "
                f"{model_directory} (python-predict-class '{class_name}')"
                + _missing_module_hint(directory, module_name, real_directory)
            ) from error
        finally:
            with contextlib.suppress(ValueError):  # The module may have removed it.
                sys.path.remove(directory)
            _forget_new_modules(known_modules, real_directory)

    if not _comes_from(module, real_directory):
        raise PredictModuleNotFoundError(
            f"model '{model_name}': module '{module_name}' resolves to {_location(module)} "
            f"instead of the model directory {model_directory} (python-predict-class "
            f"'{class_name}'): a built-in or already imported module of that name takes "
            "precedence, so rename the model's module"
        )
    try:
        found = getattr(module, attribute)
    except AttributeError:
        raise PredictClassNotFoundError(
            f"model '{model_name}': module '{module_name}' ({_location(module)}) has no class "
            f"'{attribute}' (python-predict-class '{class_name}'); " + _candidates(module)
        ) from None
    if _is_predict_function_subclass(found):
        return found
    raise NotAPredictFunctionError(
        f"model '{model_name}': python-predict-class '{class_name}' is {_describe(found)}, "
        "not a subclass of mlpredict.PredictFunction"
    )


def create_context(function: PredictFunction) -> PredictContext:
    """Create the context for ``function.open`` from its model config."""
    if function.model_config is None:
        raise RuntimeError("Model config not set: call set_model_config before open")
    return PredictContext.from_config(function.model_config)


def _split_class_name(class_name: str) -> tuple[str, str]:
    module_name, dot, attribute = class_name.rpartition(".")
    if not dot or not all(part.isidentifier() for part in [*module_name.split("."), attribute]):
        raise ModelConfigError(
            "python-predict-class must be 'module.Class' or 'package.module.Class' "
            f"(dot-separated identifiers), got {class_name!r}"
        )
    return module_name, attribute


def _is_module_or_parent(name: str | None, module_name: str) -> bool:
    return name is not None and (name == module_name or module_name.startswith(name + "."))


def _missing_module_hint(directory: str, module_name: str, real_directory: Path) -> str:
    if not os.path.isdir(directory):
        return ": the directory does not exist"
    package = sys.modules.get(module_name.partition(".")[0])
    if package is None or _comes_from(package, real_directory):
        return ""
    return (
        f": '{package.__name__}' resolves to {_location(package)}, a built-in or already "
        "imported module that takes precedence, so rename the model's package"
    )


def _forget_new_modules(known_modules: set[str], real_directory: Path) -> None:
    """Remove from ``sys.modules`` the modules newly imported from the model directory."""
    for name in [name for name in list(sys.modules) if name not in known_modules]:
        module = sys.modules.get(name)
        if module is not None and _comes_from(module, real_directory):
            del sys.modules[name]


def _comes_from(module: ModuleType, real_directory: Path) -> bool:
    """Tell whether ``module`` (or, for a namespace package, a portion) is in the directory."""
    file = getattr(module, "__file__", None)
    locations = [file] if file is not None else list(getattr(module, "__path__", None) or ())
    return any(
        isinstance(location, str)
        and Path(os.path.realpath(location)).is_relative_to(real_directory)
        for location in locations
    )


def _location(module: ModuleType) -> str:
    file = getattr(module, "__file__", None)
    return file if isinstance(file, str) else repr(module)


def _candidates(module: ModuleType) -> str:
    names = sorted(
        name for name, value in vars(module).items() if _is_predict_function_subclass(value)
    )
    if not names:
        return "it defines no PredictFunction subclass"
    return f"PredictFunction subclasses it defines: {', '.join(names)}"


def _is_predict_function_subclass(value: object) -> TypeGuard[type[PredictFunction]]:
    return (
        isinstance(value, type)
        and issubclass(value, PredictFunction)
        and value is not PredictFunction
    )


def _describe(value: object) -> str:
    if value is PredictFunction:
        return "mlpredict.PredictFunction itself"
    if isinstance(value, type):
        return f"the class {value.__module__}.{value.__qualname__}"
    return f"a {type(value).__qualname__} object"
