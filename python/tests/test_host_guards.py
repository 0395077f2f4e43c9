"""The host's os._exit guard: raises in the host process, exits in a forked child."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from mlpredict import _host_guards


@pytest.fixture
def guarded() -> Iterator[None]:
    real = os._exit
    _host_guards.install(os.getpid())
    try:
        yield
    finally:
        os._exit = real


@pytest.mark.usefixtures("guarded")
def test_exit_raises_in_the_host_process() -> None:
    expected = r"os\._exit\(3\) was called in the host"
    with pytest.raises(_host_guards.ProcessExitError, match=expected):
        os._exit(3)


@pytest.mark.usefixtures("guarded")
def test_exit_ends_a_forked_child_with_its_status() -> None:
    pid = os.fork()
    if pid == 0:
        os._exit(7)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status)
    assert os.WEXITSTATUS(status) == 7
