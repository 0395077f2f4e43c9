"""A worker's ``logging`` records to the host: ``L`` frames on the answer pipe (fd 4)."""

from __future__ import annotations

import logging
import os
import sys

from .._log_bridge import HostLogHandler
from .framing import write_frame

LOG = "L"
"""The frame kind of a log record (``docs/row-framing.md``)."""


class FrameLogHandler(HostLogHandler):
    """Writes each record as an ``L`` frame to ``fd``; in a process the model forked, whose fd 4
    is closed (or reused), as a ``LEVEL logger: message`` line on standard error instead."""

    def __init__(self, fd: int) -> None:
        super().__init__(self._send, find_model=False)
        self.fd = fd
        self.pid = os.getpid()

    def _send(self, payload: str) -> None:
        write_frame(self.fd, LOG, 0, payload.encode("utf-8"))

    def emit(self, record: logging.LogRecord) -> None:
        """Send the record to the host, or to standard error in a forked process."""
        if os.getpid() != self.pid:
            print(f"{record.levelname} {record.name}: {self.format(record)}", file=sys.stderr)
            return
        super().emit(record)


def forward_logging(fd: int, level: int) -> None:
    """Send the root logger's records from ``level`` up to the host over ``fd``."""
    root = logging.getLogger()
    root.addHandler(FrameLogHandler(fd))
    root.setLevel(level)
