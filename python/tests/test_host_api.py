"""The host's contract: every name it reads from ``mlpredict._host`` exists and is callable."""

from __future__ import annotations

import pytest

from mlpredict import _host


@pytest.mark.parametrize("name", _host.HOST_API)
def test_every_host_entry_exists_and_is_callable(name: str) -> None:
    assert callable(getattr(_host, name))


def test_each_module_imports_first_without_a_cycle() -> None:
    import os
    import subprocess
    import sys

    import mlpredict

    source = os.path.dirname(os.path.dirname(mlpredict.__file__))
    environment = {**os.environ, "PYTHONPATH": source}
    for module in (
        "mlpredict._predict_function",
        "mlpredict._event_loop",
        "mlpredict._host",
        "mlpredict.testing",
    ):
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True, env=environment)
