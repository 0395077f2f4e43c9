"""Guards the embedding host installs in its own interpreter (never in a worker or plain Python).

The host owns its process: a model's ``os._exit`` must not end it silently (with
status 0 and every row in flight lost). In the host process, ``os._exit``
raises :class:`ProcessExitError` instead, which fails the call that made it and
names the model. In a process forked from the host (``multiprocessing``, an
explicit ``os.fork``) it exits as usual.
"""

from __future__ import annotations

import os
from typing import NoReturn

from ._exceptions import MLPredictError

_real_exit = os._exit
_host_pid: int | None = None


class ProcessExitError(MLPredictError):
    """``os._exit`` was called in the host process, which a model may not end."""


def install(host_pid: int) -> None:
    """Make ``os._exit`` raise in process ``host_pid``; idempotent."""
    global _host_pid
    _host_pid = host_pid
    os._exit = _guarded_exit


def _guarded_exit(status: int) -> NoReturn:
    if os.getpid() != _host_pid:
        _real_exit(status)
    raise ProcessExitError(
        f"os._exit({status}) was called in the host process; a model cannot end the process "
        "that runs it: raise an exception instead, or run the model with "
        "'execution-mode' = 'process'"
    )
