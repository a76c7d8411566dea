"""What every benchmark needs: both databases, a real gunicorn server, wrk, and the report.

Each benchmark writes its own section of docs/performance.md, so running one benchmark
updates its figures and leaves the others' as they were.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
REPORT = PROJECT_DIR / "docs" / "performance.md"
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
POSTGRES_DATABASE = os.environ.get("BENCH_POSTGRES_DATABASE", "frontdoor_bench")


@dataclass(frozen=True)
class Database:
    name: str
    url: str


def databases() -> list[Database]:
    """A fresh SQLite file and a fresh PostgreSQL database, in that order."""
    folder = Path(tempfile.mkdtemp(prefix="frontdoor-bench-"))
    chosen = [Database("SQLite", f"sqlite:///{folder}/bench.sqlite3")]
    subprocess.run(
        ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", POSTGRES_DATABASE],
        check=True,
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", POSTGRES_DATABASE], check=True)
    chosen.append(Database("PostgreSQL", f"{POSTGRES_ADMIN_URL}/{POSTGRES_DATABASE}"))
    return chosen


def environment(database: Database, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(PROJECT_DIR),
        **extra,
    }
    env.pop("DEBUG", None)
    return env


def manage(database: Database, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment(database),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def prepare(database: Database) -> None:
    manage(database, "migrate", "--no-input", "-v0")
    manage(database, "createcachetable")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker, in MB."""
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        sizes = []
        for pid in children:
            with contextlib.suppress(FileNotFoundError):
                status = Path(f"/proc/{pid}/status").read_text()
                kb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
                sizes.append(kb / 1024)
        return sizes


@contextlib.contextmanager
def server(database: Database, *, workers: int = 2, threads: int = 1):
    """gunicorn serving Frontdoor (with the bare yardstick view) on a free port."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "frontdoor.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_DIR,
        env=environment(database),
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/_bench/bare", timeout=2).read()  # noqa: S310
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.3)
    try:
        yield Server(url, process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    requests: int
    errors: int


_WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("FRONTDOOR %d %d %.3f %.3f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def load(
    url: str, *, seconds: int = 10, connections: int = 8, threads: int = 2, script: str = ""
) -> Load:
    """Drive `url` with wrk; the median and 95th percentile come from wrk's own histogram."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + _WRK_REPORT)
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", lua.name, url],
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(lua.name)
    match = re.search(r"FRONTDOOR (\d+) (\d+) ([\d.]+) ([\d.]+)", result.stdout)
    total, errors, p50, p95 = match.groups()
    return Load(
        requests_per_second=int(total) / seconds,
        p50_ms=float(p50),
        p95_ms=float(p95),
        requests=int(total),
        errors=int(errors),
    )


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = ""
    with contextlib.suppress(OSError):
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    postgres = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    )
    sqlite = subprocess.run(
        [sys.executable, "-c", "import sqlite3; print(sqlite3.sqlite_version)"],
        capture_output=True,
        text=True,
    )
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; Python {platform.python_version()}; "
        f"PostgreSQL {postgres.stdout.strip() or '?'}; SQLite {sqlite.stdout.strip()}"
    )


def write_section(name: str, title: str, body: str) -> None:
    """Replace this benchmark's section of docs/performance.md (or add it)."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (
        f"<!-- bench:{name} -->\n## {title}\n\n"
        f"Measured {stamp} on {machine()}.\n\n{body.strip()}\n<!-- /bench:{name} -->"
    )
    text = REPORT.read_text() if REPORT.exists() else _REPORT_HEAD
    pattern = re.compile(rf"<!-- bench:{name} -->.*?<!-- /bench:{name} -->", re.DOTALL)
    text = (
        pattern.sub(lambda _: section, text)
        if pattern.search(text)
        else (text.rstrip() + "\n\n" + section + "\n")
    )
    REPORT.write_text(text)
    print(section)


_REPORT_HEAD = """# Performance

Figures measured by `make bench` (the scripts in `bench/`), each on both databases, on the
machine named in its section. The machines are shared and noisy: read medians and ratios
from one run, not absolute figures across runs. Targets come from ../shared/DESIGN.md.
"""


def table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
