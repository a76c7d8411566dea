"""`make run`'s last step: the web server and the worker start together and stop cleanly."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
# What the task worker and the outbox sweep print once they run.
STARTED = ("Starting worker", "Starting outbox sweep")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthz(port: int, deadline: float) -> dict:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                return json.load(reply)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_answers_on_the_chosen_port_and_ctrl_c_stops_both_processes(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    env.pop("FRONTDOOR_MODE", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        timeout=120,
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True)
    reader.start()
    try:
        health = _healthz(port, time.monotonic() + 90)
        assert health["status"] == "healthy"
        assert health["checks"]["queue"]["backend"] == "DatabaseBackend"
        # Wait until the task worker and the outbox sweep have started too (on a busy
        # machine they may come up after the web server answers).
        deadline = time.monotonic() + 90
        while not all(mark in "".join(lines) for mark in STARTED) and time.monotonic() < deadline:
            time.sleep(0.2)
        # Ctrl-C in a terminal reaches the whole process group.
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)
        reader.join(timeout=10)
        output = "".join(lines)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert server.returncode == 0, output
    assert f"Frontdoor is running at http://localhost:{port}/" in output
    assert "Frontdoor stopped." in output
    assert all(mark in output for mark in STARTED)
    leftovers = subprocess.run(["pgrep", "-f", f"127.0.0.1:{port}"], capture_output=True)
    assert leftovers.stdout == b""
