"""Process set-up of a worker: parent checks, memory limit, standard streams, fork safety."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import signal
import sys

from .log_frames import forward_logging

REQUESTS_FD = 3
RESPONSES_FD = 4
PARENT_VARIABLE = "MLPREDICT_WORKER_PARENT"
MEMORY_LIMIT_VARIABLE = "MLPREDICT_WORKER_MEMORY_LIMIT"
LOG_LEVEL_VARIABLE = "MLPREDICT_WORKER_LOG_LEVEL"
DIRECTORY_VARIABLE = "MLPREDICT_WORKER_DIRECTORY"
_PR_SET_PDEATHSIG = 1


class StartupError(Exception):
    """The worker must not run: the message says why."""


def set_up() -> None:
    """Prepare the process before any model code runs (see ``docs/row-framing.md``).

    Raises ``StartupError`` if the parent is not the host named by
    ``MLPREDICT_WORKER_PARENT``, a variable is malformed, or the working
    directory ``MLPREDICT_WORKER_DIRECTORY`` cannot be entered.
    """
    parent = os.environ.get(PARENT_VARIABLE)
    if parent:
        _die_with_parent()  # before the check: a parent dying after it still kills us
        try:
            expected = int(parent)
        except ValueError:
            raise StartupError(f"{PARENT_VARIABLE} is not a pid: {parent!r}") from None
        if os.getppid() != expected:
            raise StartupError(
                f"the parent process is {os.getppid()}, not the host {expected} "
                f"({PARENT_VARIABLE}): the host has exited"
            )
    limit = os.environ.get(MEMORY_LIMIT_VARIABLE)
    if limit:
        _limit_memory(limit)
    directory = os.environ.get(DIRECTORY_VARIABLE)
    if directory:
        # A model with 'python.archives' starts where they are, by name, as in Flink.
        try:
            os.chdir(directory)
        except OSError as error:
            message = f"cannot change to the working directory {directory}: {error}"
            raise StartupError(message) from None
    _redirect_stdout()
    forward_logging(RESPONSES_FD, _log_level(os.environ.get(LOG_LEVEL_VARIABLE)))
    for fd in (REQUESTS_FD, RESPONSES_FD):
        os.set_inheritable(fd, False)  # programs the model runs do not get them
    os.register_at_fork(after_in_child=_close_protocol_fds)
    # Ctrl-C in the host's terminal reaches the whole process group; the host ends workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _die_with_parent() -> None:
    """Ask Linux for SIGKILL when the parent exits (nothing elsewhere: fd 3's EOF ends us)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise StartupError(f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(errno)}")


def _limit_memory(limit: str) -> None:
    import resource

    try:
        size = int(limit)
    except ValueError:
        raise StartupError(f"{MEMORY_LIMIT_VARIABLE} is not a number of bytes: {limit!r}") from None
    try:
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    except (ValueError, OSError) as error:
        raise StartupError(f"cannot limit memory to {size} bytes: {error}") from None


def _redirect_stdout() -> None:
    """Send fd 1 and ``sys.stdout`` to fd 2, line-buffered: prints cannot reach fd 4."""
    with contextlib.suppress(ValueError, OSError):
        sys.stdout.flush()
    os.dup2(2, 1)
    stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False),
        encoding="utf-8",
        errors="backslashreplace",
        line_buffering=True,
        write_through=False,
    )
    sys.stdout = stdout
    with contextlib.suppress(AttributeError, ValueError):
        if isinstance(sys.stderr, io.TextIOWrapper):
            sys.stderr.reconfigure(line_buffering=True)


def _log_level(value: str | None) -> int:
    """The root logger's level: ``MLPREDICT_WORKER_LOG_LEVEL`` (a number), else ``WARNING``."""
    if not value:
        return logging.WARNING
    try:
        return int(value)
    except ValueError:
        message = f"{LOG_LEVEL_VARIABLE} is not a logging level number: {value!r}"
        raise StartupError(message) from None


def _close_protocol_fds() -> None:
    for fd in (REQUESTS_FD, RESPONSES_FD):
        with contextlib.suppress(OSError):
            os.close(fd)
