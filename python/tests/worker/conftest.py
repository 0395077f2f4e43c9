"""Fixtures of the worker tests: started workers are stopped at the end of each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from worker_client import Worker


@pytest.fixture
def start_worker() -> Iterator[Callable[..., Worker]]:
    """Return ``start(python=..., env=...)``, which spawns a worker stopped after the test."""
    workers: list[Worker] = []

    def start(**options: Any) -> Worker:
        worker = Worker(**options)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
