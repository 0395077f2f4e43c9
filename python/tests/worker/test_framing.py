"""Frames over pipes: headers, long payloads, end of file."""

from __future__ import annotations

import os
import threading

import pytest

from mlpredict.worker.framing import HEADER, FrameError, read_frame, write_frame


def test_header_layout() -> None:
    read, write = os.pipe()
    try:
        write_frame(write, "V", 0x0102030405060708, b"abc")
        data = os.read(read, 100)
    finally:
        os.close(read)
        os.close(write)
    assert data == b"\x0c\x00\x00\x00V\x08\x07\x06\x05\x04\x03\x02\x01abc"
    assert HEADER.size == 13


def test_large_frames_and_end_of_file() -> None:
    read, write = os.pipe()
    payload = os.urandom(5_000_000)

    def send() -> None:
        write_frame(write, "B", 7, payload)
        write_frame(write, "P", 8, b"")
        os.close(write)

    sender = threading.Thread(target=send)
    sender.start()
    try:
        assert read_frame(read) == ("B", 7, payload)
        assert read_frame(read) == ("P", 8, b"")
        assert read_frame(read) is None
    finally:
        sender.join()
        os.close(read)


def test_end_of_file_inside_a_frame() -> None:
    read, write = os.pipe()
    os.write(write, b"\x0c\x00\x00\x00Vxx")
    os.close(write)
    try:
        with pytest.raises(FrameError):
            read_frame(read)
    finally:
        os.close(read)
