"""Builds model package archives for the tests, well-formed or hostile.

    make_archive.py OUT FORMAT SOURCE_DIR [--top NAME]   zip, tar.gz or tar of SOURCE_DIR's files
    make_archive.py OUT tar.gz --hostile KIND            one harmless file plus a hostile entry

``--top NAME`` puts every file under one top-level directory ``NAME/``, as tarballs usually do.
Hostile kinds (each entry named ``evil...``): dotdot, absolute, symlink-out, symlink-chain,
hardlink-out, device, fifo; ``zip-dotdot`` and ``zip-symlink-out`` make a .zip instead, and
``zip-crc`` a .zip whose ``evil.txt`` bytes no longer match its CRC-32.
"""

import io
import os
import sys
import tarfile
import zipfile


def add_tree(out: str, fmt: str, source: str, top: str | None) -> None:
    files = sorted(
        os.path.relpath(os.path.join(folder, name), source)
        for folder, _, names in os.walk(source)
        for name in names
        if "__pycache__" not in folder
    )
    names = [(os.path.join(source, f), f"{top}/{f}" if top else f) for f in files]
    if fmt == "zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, name in names:
                archive.write(path, name)
    else:
        with tarfile.open(out, "w:gz" if fmt == "tar.gz" else "w") as archive:
            for path, name in names:
                archive.add(path, name)


def hostile(out: str, kind: str) -> None:
    if kind == "zip-crc":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr("evil.txt", "hello from the package")
        with open(out, "rb") as file:
            data = file.read()
        with open(out, "wb") as file:
            file.write(data.replace(b"hello from", b"jello from", 1))
        return
    if kind.startswith("zip-"):
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("ok.txt", "fine")
            if kind == "zip-dotdot":
                archive.writestr("../evil.txt", "escaped")
            else:
                link = zipfile.ZipInfo("evil")
                link.external_attr = 0o120777 << 16
                archive.writestr(link, "/etc")
        return
    with tarfile.open(out, "w:gz") as archive:
        data = b"fine"
        ok = tarfile.TarInfo("ok.txt")
        ok.size = len(data)
        archive.addfile(ok, io.BytesIO(data))
        entries: list[tarfile.TarInfo] = []
        if kind == "dotdot":
            entries.append(tarfile.TarInfo("../evil.txt"))
        elif kind == "absolute":
            entries.append(tarfile.TarInfo("/tmp/evil.txt"))
        elif kind == "symlink-out":
            link = tarfile.TarInfo("evil")
            link.type, link.linkname = tarfile.SYMTYPE, "../../../etc"
            entries.append(link)
        elif kind == "symlink-chain":
            # Each link looks inside on its own; together 'evil' leads to the package's parent.
            first = tarfile.TarInfo("d/here")
            first.type, first.linkname = tarfile.SYMTYPE, ".."
            second = tarfile.TarInfo("evil")
            second.type, second.linkname = tarfile.SYMTYPE, "d/here/.."
            entries += [first, second]
        elif kind == "hardlink-out":
            link = tarfile.TarInfo("evil")
            link.type, link.linkname = tarfile.LNKTYPE, "/etc/passwd"
            entries.append(link)
        elif kind == "device":
            device = tarfile.TarInfo("evil")
            device.type, device.devmajor, device.devminor = tarfile.CHRTYPE, 1, 3
            entries.append(device)
        elif kind == "fifo":
            fifo = tarfile.TarInfo("evil")
            fifo.type = tarfile.FIFOTYPE
            entries.append(fifo)
        else:
            raise SystemExit(f"unknown hostile kind {kind!r}")
        for entry in entries:
            if entry.type == tarfile.REGTYPE:
                entry.size = len(data)
                archive.addfile(entry, io.BytesIO(data))
            else:
                archive.addfile(entry)


def main() -> None:
    out, fmt, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    if rest[0] == "--hostile":
        hostile(out, rest[1])
    else:
        top = rest[2] if len(rest) > 2 and rest[1] == "--top" else None
        add_tree(out, fmt, rest[0], top)


if __name__ == "__main__":
    main()
