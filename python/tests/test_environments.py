"""Model environments in the shared interpreter: what is added, and what conflicts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mlpredict import _environments
from mlpredict._environments import (
    add_environment,
    interpreter_identity,
    main,
    provided_modules,
)
from mlpredict._exceptions import EnvironmentConflictError

MakeSite = Callable[[str, dict[str, str]], Path]


@pytest.fixture(autouse=True)
def isolated_interpreter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Each test gets its own ``sys.path`` and record of added entries; modules it imports
    from ``tmp_path`` are forgotten afterwards."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(_environments, "_ADDED", {})
    known = set(sys.modules)
    yield
    for name in set(sys.modules) - known:
        location = getattr(sys.modules[name], "__file__", None) or ""
        if location.startswith(str(tmp_path)):
            del sys.modules[name]


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """Return ``make(site, {distribution: version})``: a site-packages directory holding, for
    each distribution, a package of that name whose ``VERSION`` is the version, and its
    ``.dist-info`` with METADATA and RECORD (as pip installs a wheel)."""

    def make(name: str, distributions: dict[str, str]) -> Path:
        site = tmp_path / name / "site-packages"
        site.mkdir(parents=True)
        for distribution, version in distributions.items():
            package = site / distribution
            package.mkdir()
            (package / "__init__.py").write_text(f"VERSION = {version!r}\n")
            info = site / f"{distribution}-{version}.dist-info"
            info.mkdir()
            (info / "METADATA").write_text(
                f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n"
            )
            (info / "RECORD").write_text(
                f"{distribution}/__init__.py,,\n{info.name}/METADATA,,\n{info.name}/RECORD,,\n"
            )
        return site

    return make


def test_a_new_environment_is_appended_and_importable(make_site: MakeSite) -> None:
    site = make_site("first", {"envpkg_alpha": "1.0"})
    add_environment("a", str(site), [], [])
    assert sys.path[-1] == str(site)
    import envpkg_alpha  # type: ignore[import-not-found]

    assert envpkg_alpha.VERSION == "1.0"


def test_the_same_distribution_at_another_version_is_refused(make_site: MakeSite) -> None:
    first = make_site("first", {"envpkg_beta": "1.0"})
    second = make_site("second", {"envpkg_beta": "2.0"})
    add_environment("a", str(first), [], [])
    with pytest.raises(EnvironmentConflictError) as raised:
        add_environment("b", str(second), [], [])
    message = str(raised.value)
    assert message.startswith(
        "distribution 'envpkg_beta' 2.0 of its environment, but 'envpkg_beta' 1.0 is already "
        "on the interpreter's path ("
    )
    assert f"{first}, added for model 'a')" in message
    assert str(second) not in sys.path


def test_the_same_release_in_two_environments_is_shared(make_site: MakeSite) -> None:
    first = make_site("first", {"envpkg_gamma": "1.0"})
    second = make_site("second", {"envpkg_gamma": "1.0", "envpkg_other": "3.1"})
    add_environment("a", str(first), [], [])
    add_environment("b", str(second), [], [])
    assert sys.path[-2:] == [str(first), str(second)]


def test_a_module_imported_from_elsewhere_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "envpkg_delta.py").write_text("VERSION = 'plain'\n")
    add_environment("a", None, [], [str(library)])
    import envpkg_delta  # type: ignore[import-not-found]

    assert envpkg_delta.VERSION == "plain"
    site = make_site("env", {"envpkg_delta": "1.0"})
    with pytest.raises(EnvironmentConflictError) as raised:
        add_environment("b", str(site), [], [])
    assert str(raised.value) == (
        "module 'envpkg_delta' of distribution 'envpkg_delta' 1.0 of its environment, but "
        f"'envpkg_delta' is already imported from {library / 'envpkg_delta.py'}, "
        "added for model 'a'"
    )


def test_a_module_found_first_elsewhere_is_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for directory in (first, second):
        (directory / "envpkg_epsilon").mkdir(parents=True)
        (directory / "envpkg_epsilon" / "__init__.py").write_text("")
    add_environment("a", None, [], [str(first)])
    with pytest.raises(EnvironmentConflictError) as raised:
        add_environment("b", None, [], [str(second)])
    assert str(raised.value) == (
        f"module 'envpkg_epsilon' of its 'python.files' entry {second}, but 'envpkg_epsilon' "
        f"would be imported from {first / 'envpkg_epsilon' / '__init__.py'}, added for model 'a'"
    )


def test_files_that_clash_with_the_same_models_environment_are_refused(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site("env", {"envpkg_zeta": "1.0"})
    library = tmp_path / "library"
    library.mkdir()
    (library / "envpkg_zeta.py").write_text("")
    with pytest.raises(EnvironmentConflictError, match="would be imported from"):
        add_environment("a", str(site), [], [str(library)])
    assert str(site) not in sys.path, "a refused environment adds nothing"


def test_tools_venv_seeded_are_left_out_unless_changed(make_site: MakeSite) -> None:
    # The test's own environment has a real pip; this one's differs, as an upgraded pip would.
    site = make_site("env", {"pip": "0.0.1"})
    expected = "distribution 'pip' 0.0.1 of its environment"
    with pytest.raises(EnvironmentConflictError, match=expected):
        add_environment("a", str(site), [], [])
    add_environment("a", str(site), ["pip-0.0.1.dist-info"], [])
    assert sys.path[-1] == str(site)


def test_standard_library_names_are_left_out(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "json.py").write_text("")
    add_environment("a", None, [], [str(library)])
    assert sys.path[-1] == str(library)


def test_entries_already_added_are_left_alone(make_site: MakeSite) -> None:
    site = make_site("env", {"envpkg_eta": "1.0"})
    add_environment("a", str(site), [], [])
    add_environment("b", str(site), [], [])
    assert sys.path.count(str(site)) == 1


def test_pth_files_of_the_environment_apply(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site("env", {})
    extra = tmp_path / "extra"
    extra.mkdir()
    (site / "extra.pth").write_text(f"{extra}\n")
    add_environment("a", str(site), [], [])
    assert str(extra) in sys.path


def test_modules_provided_by_directories_and_wheels(tmp_path: Path) -> None:
    directory = tmp_path / "directory"
    (directory / "package").mkdir(parents=True)
    (directory / "package" / "__init__.py").write_text("")
    (directory / "namespace").mkdir()
    (directory / "module.py").write_text("")
    (directory / "native.cpython-311-x86_64-linux-gnu.so").write_text("")
    (directory / "notes.txt").write_text("")
    assert provided_modules(str(directory)) == {"package", "module", "native"}

    wheel = tmp_path / "tool-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("tool/__init__.py", "")
        archive.writestr("tool/deep/__init__.py", "")
        archive.writestr("helper.py", "")
        archive.writestr("tool-1.0.dist-info/METADATA", "Name: tool\nVersion: 1.0\n")
    assert provided_modules(str(wheel)) == {"tool", "helper"}


def test_interpreter_identity_names_a_python_of_this_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    executable, version = interpreter_identity()
    assert os.path.isabs(executable) and os.path.realpath(executable) == executable
    ran = subprocess.run(
        [executable, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert ran.stdout.strip() == version
    assert main() == 0
    assert json.loads(capsys.readouterr().out) == {"executable": executable, "version": version}
