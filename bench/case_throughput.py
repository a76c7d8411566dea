"""Cases and transitions created concurrently through the HTTP API, on both databases.

DESIGN.md target: "a resident submitting a form (case + message committed): 100
submissions/s sustained on PostgreSQL, p95 under 150 ms, zero lost". Each simulated
officer opens a case (POST /api/cases with an Idempotency-Key; every tenth is sent twice,
as a retry), then moves it on twice (start, close). Afterwards the database is counted:
every case the clients were told about exists once, with exactly its events and messages.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field

from bench import harness

CLIENTS = 8
SECONDS = 15

SETUP = """
from django.contrib.sessions.backends.db import SessionStore
from frontdoor.accounts import roles, services as accounts
from frontdoor.cases import services as cases
accounts.team_define(code="waste", name="Waste")
cases.case_type_define(code="missed-bin", name="Missed bin", team="waste", sla_working_days=2)
for n in range({clients}):
    user = accounts.staff_create(username=f"officer{{n}}", full_name="Bench Officer",
        email="bench@example.gov.uk", roles=[roles.CASE_OFFICER])
    accounts.team_member_add(team_code="waste", user=user)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    print("SESSION", session.session_key)
"""

COUNT = """
import json
from django.db.models import Count
from frontdoor.cases.models import Case, CaseEvent
from frontdoor.notify.models import Message
print("COUNTS", json.dumps({
    "cases": Case.objects.count(),
    "closed": Case.objects.filter(closed=True).count(),
    "events": CaseEvent.objects.count(),
    "messages": Message.objects.count(),
    "distinct_keys": Case.objects.values("idempotency_key").distinct().count(),
    "references": list(Case.objects.values_list("reference", flat=True)),
    "messages_per_case": sorted(set(Message.objects.values("about_id")
        .annotate(n=Count("id")).values_list("n", flat=True))),
}))
"""


@dataclass
class Tally:
    create_ms: list[float] = field(default_factory=list)
    transition_ms: list[float] = field(default_factory=list)
    references: set[str] = field(default_factory=set)
    retries_matched: int = 0
    retries: int = 0
    errors: list[str] = field(default_factory=list)
    completed: int = 0
    elapsed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _client(port: int, session: str, deadline: float, tally: Tally, move_on: bool) -> None:
    csrf = secrets.token_hex(16)  # double-submit: the same value as cookie and header
    headers = {
        "Content-Type": "application/json",
        "Cookie": f"sessionid={session}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Referer": f"http://127.0.0.1:{port}/",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def post(path, body, extra=None):
        started = time.perf_counter()
        connection.request("POST", path, json.dumps(body), {**headers, **(extra or {})})
        response = connection.getresponse()
        payload = response.read()
        return response.status, json.loads(payload or b"{}"), (time.perf_counter() - started) * 1e3

    number = 0
    while time.monotonic() < deadline:
        number += 1
        key = uuid.uuid4().hex
        body = {
            "case_type": "missed-bin",
            "channel": "phone",
            "description": "Bench case",
            "contact": {"name": "Bench Resident", "email": f"{key[:12]}@example.com"},
        }
        status, created, ms = post("/api/cases", body, {"Idempotency-Key": key})
        if status != 201:
            tally.errors.append(f"create {status} {created}")
            continue
        reference = created["reference"]
        with tally.lock:
            tally.create_ms.append(ms)
            tally.references.add(reference)
        if not move_on:
            continue
        if number % 10 == 0:  # a client that never saw the answer sends it again
            status, again, _ = post("/api/cases", body, {"Idempotency-Key": key})
            with tally.lock:
                tally.retries += 1
                tally.retries_matched += status == 200 and again["reference"] == reference
        for step, version, extra in (
            ("start", 1, {}),
            ("close", 2, {"closure_reason": "resolved"}),
        ):
            status, moved, ms = post(
                f"/api/cases/{reference}/transitions",
                {"transition": step, "expected_version": version, **extra},
            )
            if status != 200:
                tally.errors.append(f"{step} {status} {moved}")
                break
            with tally.lock:
                tally.transition_ms.append(ms)
        else:
            with tally.lock:
                tally.completed += 1
    connection.close()


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else float("nan")


def main() -> None:
    load_before = os.getloadavg()[0]
    rows, checks = [], []
    for database in harness.databases():
        harness.prepare(database)
        output = harness.manage(database, "shell", "-c", SETUP.format(clients=CLIENTS))
        sessions = [line.split()[1] for line in output.splitlines() if line.startswith("SESSION")]
        tallies = {}
        with harness.server(database, workers=2, threads=4) as server:
            port = int(server.url.rsplit(":", 1)[1])
            for phase, move_on in (("open cases", False), ("open and move on twice", True)):
                tally = tallies[phase] = Tally()
                started = time.monotonic()
                deadline = started + SECONDS
                threads = [
                    threading.Thread(target=_client, args=(port, s, deadline, tally, move_on))
                    for s in sessions
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                tally.elapsed = time.monotonic() - started
        counted = json.loads(
            harness.manage(database, "shell", "-c", COUNT).split("COUNTS", 1)[1].strip()
        )
        for phase, tally in tallies.items():
            cases = len(tally.references)
            rows.append(
                [
                    database.name,
                    phase,
                    cases,
                    f"{cases / tally.elapsed:.0f}",
                    f"{statistics.median(tally.create_ms):.0f}",
                    f"{_p95(tally.create_ms):.0f}",
                    f"{len(tally.transition_ms) / tally.elapsed:.0f}",
                    f"{statistics.median(tally.transition_ms):.0f}" if tally.transition_ms else "-",
                    f"{_p95(tally.transition_ms):.0f}" if tally.transition_ms else "-",
                    len(tally.errors),
                ]
            )
        told = set().union(*(t.references for t in tallies.values()))
        cases = len(told)
        completed = sum(t.completed for t in tallies.values())
        lost = len(told - set(counted["references"]))
        unknown = counted["cases"] - cases
        retries = sum(t.retries for t in tallies.values())
        matched = sum(t.retries_matched for t in tallies.values())
        # A case moved on twice has 6 timeline events (received, start, close, and a
        # message for each) and 3 messages; one only opened has 2 and 1. Exactly.
        exact = (
            counted["cases"] == cases
            and counted["distinct_keys"] == cases
            and counted["events"] == 6 * completed + 2 * (cases - completed)
            and counted["messages"] == 3 * completed + (cases - completed)
        )
        checks.append(
            [
                database.name,
                lost,
                unknown,
                f"{matched}/{retries}",
                counted["events"],
                counted["messages"],
                "yes" if exact else "NO",
            ]
        )
        errors = [e for t in tallies.values() for e in t.errors]
        if errors:
            print("errors:", errors[:5])
    body = (
        f"{CLIENTS} concurrent clients against gunicorn (2 workers x 4 threads), {SECONDS} s "
        "per workload. *Open cases*: each client opens cases through `POST /api/cases` (case, "
        "timeline event, contact, audit entry and acknowledgement message in one "
        "transaction), the workload of the target. *Open and move on twice*: each case is "
        "then moved on twice (`POST /api/cases/{ref}/transitions`, each queueing a message), "
        "and every tenth create is sent again with the same Idempotency-Key. "
        "Target (DESIGN.md): 100 cases/s sustained on PostgreSQL, p95 under 150 ms, zero "
        "lost. The machine's load average "
        f"was {load_before:.1f} when the run began (2 cores; other work shares it).\n\n"
        + harness.table(
            [
                "database",
                "workload",
                "cases",
                "cases/s",
                "create p50 ms",
                "create p95 ms",
                "transitions/s",
                "transition p50 ms",
                "transition p95 ms",
                "errors",
            ],
            rows,
        )
        + "\n\nCounted in the database afterwards:\n\n"
        + harness.table(
            [
                "database",
                "cases lost",
                "cases nobody asked for",
                "retries answered with the first case",
                "timeline events",
                "messages",
                "events and messages exactly as expected",
            ],
            checks,
        )
    )
    harness.write_section("case_throughput", "Case throughput", body)


if __name__ == "__main__":
    main()
