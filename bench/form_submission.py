"""Simulated residents complete a five-page form (the demo "Report a pothole") over HTTP.

DESIGN.md target: "a resident submitting a form (case + message committed): 100
submissions/s sustained on PostgreSQL, p95 under 150 ms, zero lost".

Two measurements on each database, against gunicorn:
1. whole journeys: each resident opens the start page, answers five pages (a GET and a
   POST each), checks the answers, sends, and reads the confirmation;
2. sending alone: residents already on check answers all press "Send form" at once, and
   each press is sent twice more (a double click and a retry), which must make nothing twice.
Afterwards the database is counted: every send that was answered with the confirmation
page must be one submission (and, when the cases app is installed, one case).
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import re
import statistics
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from bench import harness

SLUG = "report-a-pothole"
ANSWERS = [
    ("where", {"location": "Outside 4 Bedford Place, SO15 2DB"}),
    ("size", {"size": "medium"}),
    ("danger", {"danger": "no"}),
    ("photo", {}),
    ("email", {"email": "resident@example.com"}),
]
PROCESSES = 4
THREADS = 2  # residents per process: 8 at once
JOURNEY_SECONDS = 20
SEND_RESIDENTS = 400
WORKERS = 4


class Resident:
    """One browser: a keep-alive connection, its cookies, and the time each request took."""

    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.timings: list[tuple[str, float]] = []

    def request(self, method: str, path: str, data: dict | None = None, label: str = "page"):
        body = None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read().decode()
        self.timings.append((label, time.perf_counter() - started))
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.headers.get("Location", ""), content

    def to_check_answers(self) -> str:
        """Start the form and answer every page; returns the check-answers page."""
        self.request("GET", f"/forms/{SLUG}/")
        self.request("POST", f"/forms/{SLUG}/", {})
        version = ""
        for page, answers in ANSWERS:
            _, _, html = self.request("GET", f"/forms/{SLUG}/{page}/")
            version = version or re.search(r'name="version" value="(\d+)"', html).group(1)
            status, location, _ = self.request(
                "POST", f"/forms/{SLUG}/{page}/", {"version": version, **answers}
            )
            assert status == 302, f"{page} answered {status}"
        _, _, html = self.request("GET", f"/forms/{SLUG}/check-answers/")
        return html

    def send(self, html: str) -> bool:
        version = re.search(r'name="version" value="(\d+)"', html).group(1)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        status, location, _ = self.request(
            "POST",
            f"/forms/{SLUG}/check-answers/",
            {"version": version, "submission_key": key},
            label="send",
        )
        return status == 302 and location.endswith("/confirmation/")


def _journeys(args) -> tuple[int, list[tuple[str, float]]]:
    base, seconds = args
    deadline = time.monotonic() + seconds

    def one_resident(_):
        sent, timings = 0, []
        while time.monotonic() < deadline:
            resident = Resident(base)
            ok = resident.send(resident.to_check_answers())
            if ok:
                resident.request("GET", f"/forms/{SLUG}/confirmation/")
            sent += ok
            timings += resident.timings
        return sent, timings

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(one_resident, range(THREADS)))
    return sum(r[0] for r in results), [t for r in results for t in r[1]]


def _prepared(args) -> list[tuple[dict, str]]:
    base, count = args
    ready = []
    for _ in range(count):
        resident = Resident(base)
        ready.append((resident.cookies, resident.to_check_answers()))
        resident.connection.close()
    return ready


def _send_all(args) -> tuple[int, int, list[float]]:
    """Press send for each prepared resident, then twice more (double click, retry)."""
    base, batch = args
    sent, repeats_ok, timings = 0, 0, []
    for cookies, html in batch:
        resident = Resident(base)
        resident.cookies = dict(cookies)
        sent += resident.send(html)
        timings += [t for label, t in resident.timings if label == "send"]
        for _ in range(2):
            status, location, _ = resident.request(
                "POST",
                f"/forms/{SLUG}/check-answers/",
                {
                    "version": re.search(r'name="version" value="(\d+)"', html).group(1),
                    "submission_key": re.search(
                        r'name="submission_key" value="([^"]+)"', html
                    ).group(1),
                },
                label="repeat",
            )
            repeats_ok += status in {302, 410}
        resident.connection.close()
    return sent, repeats_ok, timings


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def _count(database) -> dict[str, int]:
    script = (
        "from django.apps import apps;"
        "from frontdoor.journeys.models import Submission;"
        "print('submissions', Submission.objects.count());"
        "print('cases', apps.get_model('cases', 'Case').objects.count());"
        "print('messages', apps.get_model('notify', 'Message').objects.count())"
    )
    out = harness.manage(database, "shell", "-c", script)
    return {name: int(value) for name, value in re.findall(r"(\w+) (-?\d+)", out)}


def main() -> None:
    rows, checks, yardsticks = [], [], []
    for database in harness.databases():
        harness.prepare(database)
        harness.manage(database, "collectstatic", "--no-input", "-v0")
        harness.manage(database, "demo_load")
        before = _count(database)  # the demo council's own submissions and cases
        with harness.server(database, workers=WORKERS) as server:
            base = server.url
            # The yardstick on this machine, now: how fast a bare Django view answers.
            bare = harness.load(base + "/_bench/bare", seconds=5)
            load_average = os.getloadavg()[0]
            yardsticks.append(
                [database.name, f"{bare.requests_per_second:.0f}", f"{load_average:.1f}"]
            )
            with multiprocessing.Pool(PROCESSES) as pool:
                started = time.perf_counter()
                results = pool.map(_journeys, [(base, JOURNEY_SECONDS)] * PROCESSES)
                elapsed = time.perf_counter() - started
                journeys = sum(r[0] for r in results)
                timings = [t for r in results for t in r[1]]
                pages = [t for label, t in timings if label == "page"]
                sends = [t for label, t in timings if label == "send"]
                rows.append(
                    [
                        database.name,
                        "whole journeys (8 residents)",
                        f"{journeys / elapsed:.1f}",
                        f"{len(timings) / elapsed:.0f}",
                        f"{statistics.median(pages) * 1000:.1f}",
                        f"{_percentile(pages, 0.95):.1f}",
                        f"{_percentile(sends, 0.95):.1f}",
                    ]
                )
                share = SEND_RESIDENTS // PROCESSES
                prepared = pool.map(_prepared, [(base, share)] * PROCESSES)
                started = time.perf_counter()
                burst = pool.map(_send_all, [(base, batch) for batch in prepared])
                elapsed = time.perf_counter() - started
            burst_sent = sum(b[0] for b in burst)
            sends = [t for b in burst for t in b[2]]
            rows.append(
                [
                    database.name,
                    f"sending alone ({SEND_RESIDENTS} residents, each sent 3 times)",
                    f"{burst_sent / elapsed:.1f}",
                    f"{3 * len(sends) / elapsed:.0f}",
                    f"{statistics.median(sends) * 1000:.1f}",
                    f"{_percentile(sends, 0.95):.1f}",
                    f"{_percentile(sends, 0.95):.1f}",
                ]
            )
            rss = ", ".join(f"{mb:.0f}" for mb in server.worker_rss_mb())
        after = _count(database)
        made = {name: after[name] - before[name] for name in after}
        confirmed = journeys + burst_sent
        checks.append(
            [
                database.name,
                confirmed,
                made["submissions"],
                made["cases"],
                made["messages"],
                sum(b[1] for b in burst),
                confirmed - made["submissions"],
                rss,
            ]
        )
    body = (
        f"gunicorn with {WORKERS} sync workers; {PROCESSES * THREADS} simulated residents "
        "(Python http.client, keep-alive, on the same 2 cores as the server) complete "
        f"“Report a pothole” (five question pages) for {JOURNEY_SECONDS} s; then "
        f"{SEND_RESIDENTS} residents waiting on check answers press “Send form” (4 at a "
        "time), and press it twice more. Target: 100 submissions/s sustained on PostgreSQL, "
        "p95 under 150 ms, zero lost.\n\n"
        + harness.table(
            [
                "database",
                "load",
                "submissions/s",
                "requests/s",
                "p50 ms (pages or sends)",
                "p95 ms (pages or sends)",
                "p95 ms of the send",
            ],
            rows,
        )
        + "\n\nThe same server's bare Django view (wrk, 8 connections, 5 s) just before, "
        "to read the figures above against this machine's load at the time:\n\n"
        + harness.table(
            ["database", "bare view requests/s", "machine load average (1 min)"], yardsticks
        )
        + "\n\nOn an idle machine the bare view answers about 4,500 requests/s "
        "(bench/web_baseline.py); when it answers far fewer, other work is using the cores "
        "and every figure above is slowed by about the same factor."
        + "\n\nEvery send answered with the confirmation page, and what the database gained "
        "during the run (each submission is one case and one acknowledgement message; repeats "
        "are the double clicks and retries, answered without making anything):\n\n"
        + harness.table(
            [
                "database",
                "sends confirmed",
                "submissions made",
                "cases made",
                "messages queued",
                "repeats answered",
                "lost",
                "worker RSS (MB)",
            ],
            checks,
        )
    )
    harness.write_section("form_submission", "Form submission", body)


if __name__ == "__main__":
    main()
