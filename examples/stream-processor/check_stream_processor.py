"""Checks the built stream processor (``scripts/check-stream-processor`` runs it).

1. ``--input input.jsonl``: the output is ``expected.jsonl`` and the exit status 0.
2. ``--listen``: reviews go over a TCP connection; SIGTERM is sent while rows are in flight. Every
   row sent before the signal is answered exactly once, rows sent after it at most once; the
   model's ``close()`` ran (its log record is on standard error, through swift-log); the metrics
   count the answered rows; the exit status is 0.

Usage: ``python check_stream_processor.py PATH_TO_StreamProcessor``
"""

from __future__ import annotations

import collections
import json
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

EXAMPLE = Path(__file__).resolve().parent
TIMEOUT = 180.0  # generous: a loaded 2-core machine may take long to start Python
REVIEWS = [
    ("I love this product, it works great", "positive"),
    ("Terrible. It broke after one day.", "negative"),
    ("The package arrived on Tuesday.", "neutral"),
]
T = TypeVar("T")


def wait_for(what: str, probe: Callable[[], T | None], process: subprocess.Popen[bytes]) -> T:
    """Poll ``probe`` until it returns a value; fail if the process exits or time runs out."""
    deadline = time.monotonic() + TIMEOUT
    while (value := probe()) is None:
        if process.poll() is not None:
            status = process.returncode
            raise AssertionError(f"the stream processor exited ({status}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return value


def send(connection: socket.socket, ids: Iterable[int]) -> None:
    lines = (json.dumps({"id": i, "text": REVIEWS[i % len(REVIEWS)][0]}) + "\n" for i in ids)
    connection.sendall("".join(lines).encode())


def check_file(executable: str) -> None:
    result = subprocess.run(
        [executable, "--input", str(EXAMPLE / "input.jsonl")],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    expected = (EXAMPLE / "expected.jsonl").read_text()
    assert result.stdout.decode() == expected, f"{result.stdout.decode()} != expected.jsonl"
    print("check_stream_processor: file input ok", file=sys.stderr)


def check_socket_shutdown(executable: str, scratch: Path) -> None:
    port_file, output, errors, metrics = (scratch / n for n in ("port", "out", "err", "metrics"))
    command = [executable, "--listen", "0", "--port-file", str(port_file)]
    command += ["--metrics-file", str(metrics), "--batch-size", "16"]
    with output.open("wb") as stdout, errors.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
    try:

        def port() -> int | None:
            text = port_file.read_text() if port_file.exists() else ""
            return int(text) if text.endswith("\n") else None

        with socket.create_connection(("127.0.0.1", wait_for("listening", port, process))) as peer:
            send(peer, range(0, 300))
            wait_for("the first answer", lambda: output.stat().st_size or None, process)
            send(peer, range(300, 600))
            answered_at_signal = len(output.read_bytes().splitlines())
            process.send_signal(signal.SIGTERM)
            try:
                send(peer, range(600, 650))  # after the signal: may be answered, at most once
            except OSError:
                pass  # the processor has closed the connection
            status = process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    log = errors.read_text()
    assert status == 0, f"exit status {status}; standard error:\n{log}"
    assert answered_at_signal < 600, "no row was in flight at the signal: the check proved nothing"

    lines = [json.loads(line) for line in output.read_text().splitlines()]
    counts = collections.Counter(line["id"] for line in lines)
    missing = [i for i in range(600) if counts[i] == 0]
    assert not missing, f"rows sent before the signal never answered: {missing[:20]}"
    repeated = [i for i, count in counts.items() if count > 1]
    assert not repeated, f"rows answered more than once: {repeated[:20]}"
    assert set(counts) <= set(range(650)), sorted(set(counts) - set(range(650)))
    for line in lines:
        assert line["label"] == REVIEWS[line["id"] % len(REVIEWS)][1], line

    closed = re.findall(r"model=reviews.*closed after scoring (\d+) reviews", log)
    assert closed == [str(len(lines))], f"the model's close() log: {closed}; standard error:\n{log}"
    rows_out_line = r'^mlpredict_rows_out_total\{model="reviews"\} (\d+)$'
    rows_out = re.search(rows_out_line, metrics.read_text(), re.M)
    assert rows_out and int(rows_out[1]) == len(lines), metrics.read_text()
    print(
        f"check_stream_processor: SIGTERM with {600 - answered_at_signal} of 600 rows in flight: "
        f"{len(lines)} answered once each, model closed, exit 0",
        file=sys.stderr,
    )


def main() -> int:
    executable = sys.argv[1]
    check_file(executable)
    with tempfile.TemporaryDirectory() as scratch:
        check_socket_shutdown(executable, Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
