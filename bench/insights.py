"""The performance dashboard's measures over 1,000,000 generated cases, on both databases.

DESIGN.md target: "dashboard figures over 1,000,000 cases: under 1 s, computed in SQL".
Synthetic data (not the demo council): two years of cases across 30 case types, 20
wards and every channel, about 90% closed, one new contact per case and a chasing contact
for about one in ten, and 50,000 form ratings. Each figure is the median of five runs of
`insights.queries.dashboard` (every measure, one call) in a process already warmed up,
and of five requests for the public page through gunicorn.

BENCH_INSIGHTS_CASES sets the size (for developing the benchmark at a small size).
"""

from __future__ import annotations

import json
import os
import statistics
import time
import urllib.request

from bench import harness

CASES = int(os.environ.get("BENCH_INSIGHTS_CASES", "1000000"))

GENERATE = """
import datetime, time
from django.db import connection, transaction
from django.utils import timezone
from frontdoor.cases import services as cases
from frontdoor.cases.models import Case, CaseContact
from frontdoor.journeys.models import Feedback, Form, FormVersion

started = time.perf_counter()
N = {cases}
now = timezone.now().replace(microsecond=0)
cases.workflow_standard_ensure()
types = [cases.case_type_define(code=f"type-{{n:02d}}", name=f"Synthetic type {{n:02d}}",
         sla_working_days=2 + n % 9) for n in range(30)]
type_ids = [t.pk for t in types]
wards = [f"Synthetic ward {{n:02d}}" for n in range(20)]
channels = ["web"] * 6 + ["phone"] * 2 + ["email", "face_to_face"]
fields = [f for f in Case._meta.concrete_fields if f.column != "id"]
columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
marks = ", ".join(["%s"] * len(fields))
insert = f"INSERT INTO cases_case ({{columns}}) VALUES ({{marks}})"
defaults = {{f.attname: f.get_default() for f in fields}}
span = 730 * 86400

def row(i):
    received = now - datetime.timedelta(seconds=(i * 7919) % span)
    closed = (i % 10) != 0 and received < now - datetime.timedelta(days=2)
    took = datetime.timedelta(hours=6 + (i * 31) % (14 * 24))
    closed_at = min(received + took, now) if closed else None
    values = dict(defaults)
    values.update(
        reference=f"B{{i:011d}}", case_type_id=type_ids[(i * 13) % 30 if i % 3 else i % 5],
        channel=channels[(i * 17) % 10], status="closed" if closed else "received",
        closed=closed, closure_reason="resolved" if closed else "", priority="normal",
        received_at=received, sla_due_at=received + datetime.timedelta(days=2 + i % 9),
        closed_at=closed_at, updated_at=closed_at or received, version=1,
        idempotency_key=None, description="", answers="{{}}", contact_preference="none",
        ward=wards[(i * 7) % 20] if i % 8 else "", chasing_contacts=0,
    )
    return [connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime.datetime)
            else v for v in (values[f.attname] for f in fields)]

CHUNK = 10000
with connection.cursor() as cursor:
    for start in range(0, N, CHUNK):
        with transaction.atomic():
            cursor.executemany(insert, [row(i) for i in range(start, min(N, start + CHUNK))])
    cursor.execute("SELECT MIN(id) FROM cases_case")
    first = cursor.fetchone()[0]
    contact = ("INSERT INTO cases_contact (case_id, at, channel, kind, summary, logged_by_id) "
               "VALUES (%s, %s, %s, %s, '', NULL)")
    for start in range(0, N, CHUNK):
        batch = []
        for i in range(start, min(N, start + CHUNK)):
            received = now - datetime.timedelta(seconds=(i * 7919) % span)
            channel = channels[(i * 17) % 10]
            batch.append((first + i, connection.ops.adapt_datetimefield_value(received),
                          channel, "new"))
            if i % 10 == 3:
                later = min(received + datetime.timedelta(days=3), now)
                batch.append((first + i, connection.ops.adapt_datetimefield_value(later),
                              "phone", "chasing"))
        with transaction.atomic():
            cursor.executemany(contact, batch)
forms = []
for n in range(10):
    form = Form.objects.create(slug=f"synthetic-{{n}}", draft={{"title": f"Synthetic form {{n}}"}})
    forms.append(FormVersion.objects.create(form=form, number=1, definition={{"title": form.slug}},
                                            published_at=now))
Feedback.objects.bulk_create(
    [Feedback(version=forms[i % 10], moment="submitted", rating=1 + (i * 7) % 5,
              given_at=now - datetime.timedelta(seconds=(i * 104729) % span))
     for i in range(50000)], batch_size=5000)
with connection.cursor() as cursor:
    cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
print("GENERATED", Case.objects.count(), CaseContact.objects.count(),
      round(time.perf_counter() - started, 1))
"""

TIME = """
import json, statistics, time
from frontdoor.insights import queries

def median(call, runs=5):
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)

queries.dashboard()  # warm: imports, the first connection, governance lookups
scenarios = [
    ("every measure, last 12 months by month", {{}}),
    ("every measure, last 12 weeks by week", {{"period": "12-weeks"}}),
    ("every measure, last 24 months by month", {{"period": "24-months"}}),
    ("every measure, 12 months, one case type", {{"case_type": "type-07"}}),
    ("every measure, 12 months, one ward", {{"ward": "Synthetic ward 03"}}),
]
for name, chosen in scenarios:
    print("TIMING", json.dumps([name, median(lambda: queries.dashboard(**chosen))]))
for definition in queries.definitions():
    seconds = median(lambda: queries.dashboard(codes=[definition.code]), runs=3)
    print("MEASURE", json.dumps([definition.code, seconds]))
"""


def _page_seconds(url: str, runs: int = 5) -> float:
    urllib.request.urlopen(url, timeout=120).read()  # noqa: S310 - our own local server
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        urllib.request.urlopen(url, timeout=120).read()  # noqa: S310
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def main() -> None:
    load_before = os.getloadavg()[0]
    timings: dict[str, dict[str, float]] = {}
    measures: dict[str, dict[str, float]] = {}
    generated = {}
    for database in harness.databases():
        harness.prepare(database)
        out = harness.manage(database, "shell", "-c", GENERATE.format(cases=CASES))
        line = next(x for x in out.splitlines() if x.startswith("GENERATED"))
        generated[database.name] = line.split()[1:]
        out = harness.manage(database, "shell", "-c", TIME.format())
        for line in out.splitlines():
            kind, _, payload = line.partition(" ")
            if kind in {"TIMING", "MEASURE"}:
                name, seconds = json.loads(payload)
                target = timings if kind == "TIMING" else measures
                target.setdefault(name, {})[database.name] = seconds
        harness.manage(database, "collectstatic", "--no-input", "-v0")
        with harness.server(database, workers=1) as server:
            timings.setdefault("the public page /performance/ through gunicorn", {})[
                database.name
            ] = _page_seconds(server.url + "/performance/")
        print(database.name, generated[database.name], flush=True)
    names = list(generated)

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.0f}"

    body = (
        f"{int(generated[names[0]][0]):,} synthetic cases and {int(generated[names[0]][1]):,} "
        "contacts (two years, 30 case types, 20 wards, every channel; about 90% closed and one "
        "chasing contact per ten cases) and 50,000 form ratings, generated straight into the "
        "tables, then `ANALYZE`. Median of five runs of `insights.queries.dashboard` (every "
        "measure, one call, computed in SQL) in a warmed-up process, and of five requests "
        "for the public page through gunicorn (one worker; the page adds the filter "
        "choices and the HTML). Target (DESIGN.md): dashboard figures over 1,000,000 cases "
        f"under 1 s. The machine's load average was {load_before:.1f} when the run began "
        "(2 cores; other work shares it).\n\n"
        + harness.table(
            ["what", *(f"{n} ms" for n in names)],
            [[name, *(ms(v[n]) for n in names)] for name, v in timings.items()],
        )
        + "\n\nEach measure alone, last 12 months by month (median of three):\n\n"
        + harness.table(
            ["measure", *(f"{n} ms" for n in names)],
            [[f"`{name}`", *(ms(v[n]) for n in names)] for name, v in measures.items()],
        )
    )
    harness.write_section("insights", "Performance dashboard over 1,000,000 cases", body)
