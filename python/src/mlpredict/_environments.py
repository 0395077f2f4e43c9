"""Model environments in the shared interpreter (used by the host, not by models).

Every in-process model runs in the host's one interpreter, where a module is
imported once and every later ``import`` gets that copy. A model's environment
(the site-packages of the virtual environment built for its
``'python.requirements'``, and its ``'python.files'`` entries) is therefore
appended to ``sys.path`` only if that changes what no import finds; otherwise
:func:`add_environment` raises :class:`EnvironmentConflictError` naming each
conflict, and changes nothing.

The rule (``docs/environments.md``). A new entry conflicts when

1. a distribution installed in the environment is already on ``sys.path`` (the
   host's environment, or an environment or files added for an earlier model)
   at another version; or
2. a top-level module it provides already resolves elsewhere, that is, it is
   imported, or an ``import`` would find it first, outside the entry, and not as
   the same version of the same distribution.

Left out: standard-library names (they come first in any environment), the
packaging tools ``venv`` seeded the environment with (``seed``: unless the
requirements changed them, a model does not import pip or setuptools), and, in
``'python.files'`` directories, directories without ``__init__.py`` (namespace
packages merge rather than shadow).

``python -m mlpredict._environments`` prints :func:`interpreter_identity` as
JSON: the host asks a process-mode model's Python this way.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import site
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from ._exceptions import EnvironmentConflictError
from ._loader import _LOAD_LOCK

# The real path of each entry added to sys.path here -> the model it was added for.
_ADDED: dict[str, str] = {}

_MODULE_SUFFIXES = tuple(importlib.machinery.all_suffixes())


def interpreter_identity() -> tuple[str, str]:
    """The real path of the interpreter a virtual environment is made from, and its version.

    That is this interpreter's base executable (``sys._base_executable``: the
    interpreter itself, or the one a virtual environment was made from), which
    for the embedded interpreter is the Python that libpython belongs to.
    """
    version = sys.version_info
    base = getattr(sys, "_base_executable", None) or sys.executable
    if not (base and os.access(base, os.X_OK)):
        base = os.path.join(sys.base_prefix, "bin", f"python{version.major}.{version.minor}")
    return os.path.realpath(base), platform.python_version()


def add_environment(
    model: str, site_packages: str | None, seed: Sequence[str], files: Sequence[str]
) -> None:
    """Append a model's environment to ``sys.path``, or raise if it conflicts.

    ``site_packages`` is the virtual environment's site-packages directory
    (added as :func:`site.addsitedir` does, so its ``.pth`` files apply), or
    ``None``; ``seed`` names the ``*.dist-info`` directories ``venv`` put there
    before the requirements were installed; ``files`` are the ``'python.files'``
    entries (directories, or ``.whl``/``.egg`` files). Entries already on
    ``sys.path`` are left as they are. Raises :class:`EnvironmentConflictError`
    listing every conflict, in which case nothing is added.
    """
    with _LOAD_LOCK:
        present = {os.path.realpath(entry) for entry in sys.path if isinstance(entry, str)}
        new_site = site_packages
        if new_site is not None and os.path.realpath(new_site) in present:
            new_site = None
        new_files = [entry for entry in files if os.path.realpath(entry) not in present]
        conflicts = find_conflicts(new_site, seed, new_files)
        if conflicts:
            raise EnvironmentConflictError("; ".join(conflicts))
        if new_site is not None:
            site.addsitedir(new_site)
            _ADDED[os.path.realpath(new_site)] = model
        for entry in new_files:
            sys.path.append(entry)
            _ADDED[os.path.realpath(entry)] = model
        importlib.invalidate_caches()


def find_conflicts(
    site_packages: str | None, seed: Sequence[str], files: Sequence[str]
) -> list[str]:
    """Describe each conflict of the given entries with the interpreter's state (none: ``[]``).

    The entries are checked in order, each as if those before it were added.
    """
    conflicts: list[str] = []
    planned: list[str] = []
    if site_packages is not None:
        conflicts += _environment_conflicts(site_packages, seed)
        planned.append(site_packages)
    for entry in files:
        conflicts += _files_conflicts(entry, planned)
        planned.append(entry)
    return conflicts


def _environment_conflicts(site_packages: str, seed: Sequence[str]) -> list[str]:
    seeded = {_seed_identity(name) for name in seed}
    conflicts: list[str] = []
    found = [
        distribution
        for distribution in importlib.metadata.distributions(path=[site_packages])
        if distribution.metadata["Name"]  # A broken install can lack it.
    ]
    for distribution in sorted(found, key=lambda distribution: _canonical(distribution.name)):
        name, version = distribution.name, distribution.version
        if (_canonical(name), version) in seeded:
            continue
        existing = _installed(name)
        if existing is not None and existing.version != version:
            conflicts.append(
                f"distribution '{name}' {version} of its environment, but '{existing.name}' "
                f"{existing.version} is already on the interpreter's path "
                f"({_described(str(existing.locate_file('')))})"
            )
            continue
        if existing is not None:
            continue  # The same release: either copy serves both models.
        for module in sorted(_top_level_names(distribution)):
            location, imported = _resolve(module, [])
            if location is not None and not _is_inside(location, site_packages):
                conflicts.append(
                    f"module '{module}' of distribution '{name}' {version} of its environment, "
                    f"but '{module}' {_is_found(imported)} {_described(location)}"
                )
    return conflicts


def _files_conflicts(entry: str, planned: Sequence[str]) -> list[str]:
    conflicts: list[str] = []
    for module in sorted(provided_modules(entry)):
        location, imported = _resolve(module, planned)
        if location is not None and not _is_inside(location, entry):
            conflicts.append(
                f"module '{module}' of its 'python.files' entry {entry}, but '{module}' "
                f"{_is_found(imported)} {_described(location)}"
            )
    return conflicts


def provided_modules(entry: str) -> set[str]:
    """The top-level modules and packages a ``sys.path`` entry provides, standard library left out.

    A directory provides its modules (``name.py``, extension modules) and its
    packages (subdirectories with ``__init__.py``); a zip file (``.whl``,
    ``.egg``, ``.zip``) provides the same at its top level.
    """
    if os.path.isdir(entry):
        names = [
            (child.name, child.is_dir() and os.path.isfile(os.path.join(child.path, "__init__.py")))
            for child in os.scandir(entry)
        ]
    elif zipfile.is_zipfile(entry):
        with zipfile.ZipFile(entry) as archive:
            members = set(archive.namelist())
        names = [(member.split("/", 1)[0], False) for member in members if "/" not in member]
        names += [
            (member.split("/", 1)[0], True)
            for member in members
            if member.count("/") == 1 and member.endswith("/__init__.py")
        ]
    else:
        return set()
    provided = set()
    for name, is_package in names:
        module = name if is_package else _module_name(name)
        if module is not None and module.isidentifier():
            provided.add(module)
    return provided - set(sys.stdlib_module_names)


def _module_name(file_name: str) -> str | None:
    """``name.py`` or ``name.cpython-311-x86_64-linux-gnu.so`` -> ``name``; other files: None."""
    for suffix in _MODULE_SUFFIXES:
        if file_name.endswith(suffix) and len(file_name) > len(suffix):
            return file_name[: -len(suffix)]
    return None


def _top_level_names(distribution: importlib.metadata.Distribution) -> set[str]:
    """The top-level modules a distribution installs, standard library left out.

    As ``importlib.metadata.packages_distributions`` infers them (its
    ``top_level.txt``, else the first part of each file it records), but for one
    distribution: that function only looks at the whole of ``sys.path``.
    """
    declared = distribution.read_text("top_level.txt")
    if declared:
        names = {line.strip() for line in declared.splitlines()}
    else:
        names = set()
        for file in distribution.files or ():
            parts = file.parts
            if not parts or parts[0] in ("..", "__pycache__") or parts[0].endswith(".dist-info"):
                continue
            if len(parts) > 1:
                names.add(parts[0])
            else:
                names.add(_module_name(parts[0]) or "")
    return {name for name in names if name.isidentifier()} - set(sys.stdlib_module_names)


def _installed(name: str) -> importlib.metadata.Distribution | None:
    """The distribution ``name`` as ``importlib.metadata`` finds it first on ``sys.path``."""
    return next(iter(importlib.metadata.distributions(name=name, path=sys.path)), None)


def _resolve(module: str, planned: Sequence[str]) -> tuple[str | None, bool]:
    """Where ``import module`` loaded or would load it from, and whether it is imported.

    ``None`` when nothing provides it or it is built in (not from a file).
    ``planned`` entries count as if appended to ``sys.path``.
    """
    loaded = sys.modules.get(module)
    if loaded is not None:
        return _module_location(loaded), True
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None and planned:
        spec = importlib.machinery.PathFinder.find_spec(module, list(planned))
    if spec is None:
        return None, False
    if spec.has_location and spec.origin is not None:
        return spec.origin, False
    locations = list(spec.submodule_search_locations or ())
    return (str(locations[0]) if locations else None), False


def _module_location(module: ModuleType) -> str | None:
    file = getattr(module, "__file__", None)
    if isinstance(file, str):
        return file
    paths = list(getattr(module, "__path__", None) or ())
    return str(paths[0]) if paths else None


def _is_inside(location: str, entry: str) -> bool:
    return Path(os.path.realpath(location)).is_relative_to(os.path.realpath(entry))


def _is_found(imported: bool) -> str:
    return "is already imported from" if imported else "would be imported from"


def _described(location: str) -> str:
    """``location``, with the model whose environment holds it, or the host's environment."""
    for entry, model in _ADDED.items():
        if _is_inside(location, entry):
            return f"{location}, added for model '{model}'"
    if _is_inside(location, sys.prefix):
        return f"{location}, in the host's environment"
    return location


def _canonical(name: str) -> str:
    """A distribution name normalized as PEP 503 does."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _seed_identity(directory: str) -> tuple[str, str]:
    """``pip-23.0.1.dist-info`` -> ``("pip", "23.0.1")`` (a wheel's escaped name has no dash)."""
    name, _, version = directory.removesuffix(".dist-info").partition("-")
    return _canonical(name), version


def main() -> int:
    """Print :func:`interpreter_identity` as ``{"executable": ..., "version": ...}``."""
    executable, version = interpreter_identity()
    print(json.dumps({"executable": executable, "version": version}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
