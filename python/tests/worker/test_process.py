"""The worker process: output, end of file, forks, its parent and its memory limit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from worker_client import TIMEOUT, Worker, config, high_fd, worker_env

MODELS = Path(__file__).parent / "models"
StartWorker = Callable[..., Worker]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def lifecycle(worker: Worker, marker: Path) -> Worker:
    worker.open(config(MODELS, "lifecycle.Lifecycle", properties={"marker": str(marker)}))
    return worker


def test_output_goes_to_stderr_not_the_responses(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = lifecycle(start_worker(), tmp_path / "marker")
    assert worker.value("P", ("print",)) == [("print",)]
    assert worker.value("P", ("ok",)) == [("ok",)]
    worker.close_requests()
    assert worker.wait() == 0
    lines = worker.output.splitlines()
    assert "printed by predict" in lines
    assert "echoed by a child process" in lines
    assert not any("logged by predict" in line for line in lines)  # a record, not text
    assert worker.receive() is None
    [record] = worker.records
    assert (record["level"], record["logger"]) == (30, "model")
    assert record["message"] == "logged by predict"
    assert (record["function"], record["file"]) == ("predict", str(MODELS / "lifecycle.py"))
    assert "model" not in record  # the host knows its worker's model


def test_records_from_a_model_thread_keep_the_answers_whole(
    start_worker: StartWorker, tmp_path: Path
) -> None:
    worker = lifecycle(start_worker(), tmp_path / "marker")
    assert worker.value("P", ("chatter",)) == [("chatter",)]
    for number in range(200):
        assert worker.value("P", (f"row {number}",)) == [(f"row {number}",)]
    worker.close_requests()
    assert worker.wait() == 0
    assert worker.receive() is None
    expected = [f"record {number} {'x' * 4000}" for number in range(300)]
    assert [record["message"] for record in worker.records] == expected


def test_the_host_sets_the_log_level(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = lifecycle(start_worker(env={"MLPREDICT_WORKER_LOG_LEVEL": "10"}), tmp_path / "m")
    assert worker.value("P", ("debug",)) == [("debug",)]
    default = lifecycle(start_worker(), tmp_path / "marker")
    assert default.value("P", ("debug",)) == [("debug",)]  # below WARNING: not sent
    for started in (worker, default):
        started.close_requests()
        assert started.wait() == 0
        assert started.receive() is None
    assert [(r["level"], r["message"]) for r in worker.records] == [(10, "a debug record")]
    assert default.records == []


def test_a_malformed_log_level_stops_the_worker(start_worker: StartWorker) -> None:
    worker = start_worker(env={"MLPREDICT_WORKER_LOG_LEVEL": "verbose"})
    assert worker.wait() == 1
    assert "MLPREDICT_WORKER_LOG_LEVEL is not a logging level number: 'verbose'" in worker.output


def test_end_of_file_closes_the_model(start_worker: StartWorker, tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    worker = lifecycle(start_worker(), marker)
    worker.close_requests()
    assert worker.wait() == 0
    assert marker.read_text() == "closed"
    assert worker.receive() is None


def test_end_of_file_before_open(start_worker: StartWorker) -> None:
    worker = start_worker()
    worker.close_requests()
    assert worker.wait() == 0


def test_a_forked_child_cannot_answer(start_worker: StartWorker, tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    worker = lifecycle(start_worker(), marker)
    assert worker.value("P", ("fork",)) == [("fork",)]
    assert worker.value("P", ("ok",)) == [("ok",)]
    worker.close_requests()
    assert worker.wait() == 0
    assert worker.receive() is None  # nothing more than the two answers
    assert marker.with_suffix(".child").read_text() == "errno 9"  # EBADF
    assert worker.records == []  # the child's record went to its standard error instead
    assert "WARNING model: logged by a forked child" in worker.output.splitlines()


def test_a_wrong_parent_exits_at_once(start_worker: StartWorker) -> None:
    not_the_parent = os.getppid()  # alive, and not the worker's parent (us)
    worker = start_worker(env={"MLPREDICT_WORKER_PARENT": str(not_the_parent)})
    assert worker.wait() == 1
    assert f"not the host {not_the_parent}" in worker.output


def test_the_right_parent(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = start_worker(env={"MLPREDICT_WORKER_PARENT": str(os.getpid())})
    lifecycle(worker, tmp_path / "marker")
    assert worker.value("P", ("ok",)) == [("ok",)]


def test_a_missing_working_directory_exits_at_once(
    start_worker: StartWorker, tmp_path: Path
) -> None:
    missing = tmp_path / "missing"
    worker = start_worker(env={"MLPREDICT_WORKER_DIRECTORY": str(missing)})
    assert worker.wait() == 1
    assert f"cannot change to the working directory {missing}" in worker.output


INTERMEDIATE = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    from worker_client import spawn, worker_env
    request_read, response_write, output_write = map(int, sys.argv[2:5])
    env = worker_env({"MLPREDICT_WORKER_PARENT": str(os.getpid())})
    pid = spawn(sys.executable, request_read, response_write, output_write, env)
    print(pid, flush=True)
    time.sleep(600)
    """
)


@linux_only
def test_the_worker_dies_with_its_parent(tmp_path: Path) -> None:
    request_read, requests = (high_fd(fd) for fd in os.pipe())
    responses, response_write = (high_fd(fd) for fd in os.pipe())
    output = tmp_path / "output"
    output_write = high_fd(os.open(output, os.O_WRONLY | os.O_CREAT, 0o600))
    descriptors = [request_read, response_write, output_write]
    intermediate = subprocess.Popen(
        [sys.executable, "-c", INTERMEDIATE, str(Path(__file__).parent), *map(str, descriptors)],
        pass_fds=descriptors,
        stdout=subprocess.PIPE,
        text=True,
        env=worker_env(),
    )
    for fd in descriptors:
        os.close(fd)
    pid = 0
    try:
        assert intermediate.stdout is not None
        pid = int(intermediate.stdout.readline())
        client = Worker.__new__(Worker)  # our ends of the worker's pipes, without a process
        client.requests, client.responses, client._next_id = requests, responses, 1
        client._output = bytearray()
        lifecycle(client, tmp_path / "marker")  # answers: the parent check passed
        client.send("P", ("sleep",))  # busy: only the kernel's signal can end it now
        time.sleep(0.5)
        intermediate.kill()
        intermediate.wait(TIMEOUT)
        # Our requests pipe is still open: the worker ends by SIGKILL, not by end of file.
        assert client.receive() is None
        deadline = time.monotonic() + TIMEOUT
        while _is_running(pid):
            assert time.monotonic() < deadline, f"worker {pid} survived: {output.read_text()}"
            time.sleep(0.1)
    finally:
        intermediate.kill()
        intermediate.wait(TIMEOUT)
        if intermediate.stdout is not None:
            intermediate.stdout.close()
        if pid and _is_running(pid):
            os.kill(pid, signal.SIGKILL)  # the test failed: leave no worker behind
        os.close(requests)
        os.close(responses)


def _is_running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@linux_only
def test_memory_limit(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = start_worker(env={"MLPREDICT_WORKER_MEMORY_LIMIT": str(512 * 1024**2)})
    lifecycle(worker, tmp_path / "marker")
    kind, error = worker.call("P", ("allocate",))
    assert (kind, error["type"]) == ("E", "MemoryError")
    assert worker.value("P", ("ok",)) == [("ok",)]


def test_sigint_does_not_stop_the_worker(start_worker: StartWorker, tmp_path: Path) -> None:
    worker = lifecycle(start_worker(), tmp_path / "marker")
    os.kill(worker.pid, signal.SIGINT)
    assert worker.value("P", ("ok",)) == [("ok",)]


def test_a_truncated_frame_ends_the_worker(start_worker: StartWorker, tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    worker = lifecycle(start_worker(), marker)
    os.write(worker.requests, b"\x20\x00\x00\x00P")
    worker.close_requests()
    assert worker.wait() == 2
    assert "FrameError" in worker.output
    assert marker.read_text() == "closed"
