"""Frames over raw file descriptors: ``length u32 | kind u8 | id u64 | payload``, little-endian.

``length`` counts the bytes that follow it: the kind, the id and the payload
(``9 + len(payload)``). Reads and writes loop over ``os.read``/``os.write``
until whole frames are through (pipes transfer at most a few pages at once).
"""

from __future__ import annotations

import os
import struct
import threading

HEADER = struct.Struct("<IBQ")
"""The frame header: length, kind, id."""
_LENGTH = struct.Struct("<I")
_AFTER_LENGTH = HEADER.size - _LENGTH.size  # kind and id: 9 bytes
MAX_LENGTH = 0xFFFF_FFFF
_WRITING = threading.Lock()
"""Keeps frames whole: answers (the main thread) and log records (any thread) share fd 4."""


class FrameError(Exception):
    """The stream ended inside a frame, or a frame is malformed or too large."""


def read_exactly(fd: int, count: int) -> bytearray | None:
    """Read ``count`` bytes from ``fd``; ``None`` at end of file before the first byte.

    Raises ``FrameError`` if the file ends after some but not all of them.
    """
    buffer = bytearray(count)
    view = memoryview(buffer)
    received = 0
    while received < count:
        n = os.readv(fd, [view[received:]])
        if n == 0:
            if received == 0:
                return None
            raise FrameError(f"end of file after {received} of {count} bytes of a frame")
        received += n
    return buffer


def read_frame(fd: int) -> tuple[str, int, bytearray] | None:
    """Read one frame: ``(kind, id, payload)``, or ``None`` at end of file between frames."""
    header = read_exactly(fd, HEADER.size)
    if header is None:
        return None
    length, kind, request_id = HEADER.unpack(header)
    if length < _AFTER_LENGTH:
        raise FrameError(f"frame length {length} is less than {_AFTER_LENGTH}")
    payload = read_exactly(fd, length - _AFTER_LENGTH)
    if payload is None:
        if length == _AFTER_LENGTH:
            payload = bytearray()
        else:
            raise FrameError("end of file before a frame's payload")
    return chr(kind), request_id, payload


def write_frame(fd: int, kind: str, request_id: int, payload: bytes) -> None:
    """Write one frame of ``kind`` (one ASCII letter) with ``request_id`` and ``payload``."""
    length = _AFTER_LENGTH + len(payload)
    if length > MAX_LENGTH:
        raise FrameError(f"a frame of {length} bytes does not fit the 32-bit length")
    header = HEADER.pack(length, ord(kind), request_id)
    with _WRITING:
        write_all(fd, [memoryview(header), memoryview(payload)])


def write_all(fd: int, buffers: list[memoryview]) -> None:
    """Write every byte of ``buffers``, in order, to ``fd``."""
    pending = [buffer.cast("B") for buffer in buffers if buffer.nbytes]
    while pending:
        written = os.writev(fd, pending)
        while pending and written >= pending[0].nbytes:
            written -= pending[0].nbytes
            pending.pop(0)
        if pending and written:
            pending[0] = pending[0][written:]
