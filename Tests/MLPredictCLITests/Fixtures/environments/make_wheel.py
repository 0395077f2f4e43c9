"""Writes what the environment tests install, offline and without a build backend.

    python make_wheel.py wheel NAME VERSION DIRECTORY  # DIRECTORY/NAME-VERSION-py3-none-any.whl
    python make_wheel.py zip NAME VERSION FILE         # FILE, a zip holding NAME.py

A wheel is a zip of the package and its ``.dist-info`` (METADATA, WHEEL, RECORD), which pip
installs as it is; the package's ``VERSION`` is the version.
"""

import base64
import hashlib
import sys
import zipfile
from pathlib import Path


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def write_wheel(name: str, version: str, directory: Path) -> Path:
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f"VERSION = {version!r}\n".encode(),
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: make_wheel\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n",
    }
    record = [record_line(path, data) for path, data in files.items()] + [f"{info}/RECORD,,"]
    wheel = directory / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
        archive.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return wheel


def write_zip(name: str, version: str, file: Path) -> Path:
    with zipfile.ZipFile(file, "w") as archive:
        archive.writestr(f"{name}.py", f"VERSION = {version!r}\n")
    return file


if __name__ == "__main__":
    kind, name, version, target = sys.argv[1:]
    if kind == "wheel":
        print(write_wheel(name, version, Path(target)))
    else:
        print(write_zip(name, version, Path(target)))
