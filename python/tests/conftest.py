"""Shared fixtures: model directories written under tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

WriteModel = Callable[[str, Mapping[str, str]], Path]


@pytest.fixture
def write_model(tmp_path: Path) -> WriteModel:
    """Return ``write(name, {relative_path: source})``, which creates a model directory."""

    def write(name: str, files: Mapping[str, str]) -> Path:
        directory = tmp_path / name
        directory.mkdir()
        for relative_path, source in files.items():
            path = directory / relative_path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(source), encoding="utf-8")
        return directory

    return write
