from __future__ import annotations

import tomllib
from pathlib import Path
from types import ModuleType

import mlpredict

PROJECT = Path(__file__).resolve().parents[1]


def test_all_lists_the_public_names() -> None:
    # Subpackages (``mlpredict.worker``, once imported) are attributes but not exported names.
    public = {
        name
        for name, value in vars(mlpredict).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert set(mlpredict.__all__) == public


def test_all_is_sorted_without_duplicates() -> None:
    assert mlpredict.__all__ == sorted(set(mlpredict.__all__))


def test_all_names_exist() -> None:
    for name in mlpredict.__all__:
        assert getattr(mlpredict, name) is not None


def test_loader_is_not_exported() -> None:
    assert "load_class" not in mlpredict.__all__
    assert "create_context" not in mlpredict.__all__


def test_version_matches_pyproject() -> None:
    with (PROJECT / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    assert mlpredict.__version__ == project["version"] == "0.1.0"


def test_package_is_typed() -> None:
    assert (Path(mlpredict.__file__).parent / "py.typed").is_file()
