"""Compile mlpredict's optional C code for the Python that runs this script.

Builds ``src/mlpredict/_native/row.c`` into the extension module
``mlpredict._native._row`` (``_row<EXT_SUFFIX>``, e.g.
``_row.cpython-311-x86_64-linux-gnu.so``) next to its source, where
``mlpredict._row`` finds it; the file is ignored by git. Without it, mlpredict
uses its pure-Python ``Row``. Needs a C compiler and the Python headers
(Debian: ``libpython3-dev``); ``scripts/setup`` runs it.

Usage: ``python python/build_native.py [--check]`` (``--check``: exit 1 if the
module is missing or older than its source, without building).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

NATIVE = Path(__file__).resolve().parent / "src" / "mlpredict" / "_native"
SOURCES = [NATIVE / "row.c", NATIVE / "include" / "mlpredict_row.h"]


def target() -> Path:
    """The extension module's path for this Python."""
    return NATIVE / f"_row{sysconfig.get_config_var('EXT_SUFFIX')}"


def up_to_date() -> bool:
    """Whether the module exists and is newer than its sources."""
    output = target()
    if not output.exists():
        return False
    built = output.stat().st_mtime
    return all(source.stat().st_mtime <= built for source in SOURCES)


def _compiler() -> list[str]:
    """``$CC``, else the compiler Python was built with, else ``cc``, ``gcc`` or ``clang``
    (a Swift toolchain brings clang), whichever is installed."""
    if os.environ.get("CC"):
        return shlex.split(os.environ["CC"])
    candidates = [*shlex.split(sysconfig.get_config_var("CC") or "")[:1], "cc", "gcc", "clang"]
    for candidate in candidates:
        if shutil.which(candidate):
            return [candidate]
    raise SystemExit("build_native: no C compiler found (install gcc or set CC)")


def build() -> Path:
    """Compile the module and return its path."""
    output = target()
    compiler = _compiler()
    command = [
        *compiler,
        "-shared",
        "-fPIC",
        "-O2",
        "-Wall",
        "-fvisibility=hidden",
        f"-I{sysconfig.get_path('include')}",
        str(NATIVE / "row.c"),
        "-o",
        str(output.with_suffix(".tmp")),
    ]
    subprocess.run(command, check=True)
    output.with_suffix(".tmp").replace(output)
    return output


def main(arguments: list[str]) -> int:
    """Build unless up to date (or only check with ``--check``)."""
    if "--check" in arguments:
        return 0 if up_to_date() else 1
    if not up_to_date():
        print(f"build_native: compiling {build()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
