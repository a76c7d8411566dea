"""The performance dashboard's measures over 1,000,000 generated cases, on both databases.

DESIGN.md target: "dashboard figures over 1,000,000 cases: under 1 s, computed in SQL".
Synthetic data (not the demo council), made by SQL in the database: two years of cases
across 30 case types, 20 wards and every channel, about 90% closed, one new contact per
case and a chasing contact for about one in ten, and 50,000 form ratings. Each figure is
the median of three runs of `insights.queries.dashboard` (every measure, one call) in a
process already warmed up, and of three requests for the public page through gunicorn.

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
import time
from django.db import connection
from django.utils import timezone
from frontdoor.cases import services as cases
from frontdoor.cases.models import Case, CaseContact
from frontdoor.journeys.models import Form, FormVersion

started = time.perf_counter()
N = {cases}
SPAN = 730 * 86400
cases.workflow_standard_ensure()
types = [cases.case_type_define(code=f"type-{{n:02d}}", name=f"Synthetic type {{n:02d}}",
         sla_working_days=2 + n % 9).pk for n in range(30)]
assert types == list(range(types[0], types[0] + 30)), "case type ids are not consecutive"
versions = []
for n in range(10):
    form = Form.objects.create(slug=f"synthetic-{{n}}", draft={{"title": f"Synthetic form {{n}}"}})
    versions.append(FormVersion.objects.create(
        form=form, number=1, definition={{"title": form.slug}}, published_at=timezone.now()).pk)
assert versions == list(range(versions[0], versions[0] + 10))
now = timezone.now().astimezone(timezone.UTC if hasattr(timezone, "UTC") else None)
postgres = connection.vendor == "postgresql"
if postgres:
    series = f"(SELECT i FROM generate_series(0::bigint, {{N - 1}}) AS g(i)) AS s"
    now_sql = "%(now)s::timestamptz"
    def minus_seconds(expr): return f"({{now_sql}} - ({{expr}}) * interval '1 second')"
    def plus_hours(at, expr): return f"({{at}} + ({{expr}}) * interval '1 hour')"
    def earliest(a, b): return f"LEAST({{a}}, {{b}})"
    def flag(cond): return f"({{cond}})"
    recursive = ""
else:
    recursive = ("WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s "
                 f"WHERE i < {{N - 1}}) ")
    series = "s"
    now_sql = "%(now)s"
    def minus_seconds(expr): return f"datetime({{now_sql}}, '-' || ({{expr}}) || ' seconds')"
    def plus_hours(at, expr): return f"datetime({{at}}, '+' || ({{expr}}) || ' hours')"
    def earliest(a, b): return f"min({{a}}, {{b}})"
    def flag(cond): return f"(CASE WHEN {{cond}} THEN 1 ELSE 0 END)"
params = {{"now": now.strftime("%Y-%m-%d %H:%M:%S") + ("+00:00" if postgres else "")}}
received = minus_seconds(f"(i * 7919) % {{SPAN}}")
is_closed = f"(i % 10 <> 0 AND r < {{minus_seconds(2 * 86400)}})"
closed_at = earliest(plus_hours("r", "6 + (i * 31) % 336"), now_sql)
channel = ("CASE WHEN (i * 17) % 10 < 6 THEN 'web' WHEN (i * 17) % 10 < 8 THEN 'phone' "
           "WHEN (i * 17) % 10 = 8 THEN 'email' ELSE 'face_to_face' END")
sql = (
    "INSERT INTO cases_case (reference, case_type_id, channel, status, closed, closure_reason, "
    "priority, received_at, sla_due_at, closed_at, updated_at, version, description, answers, "
    "contact_name, contact_email, contact_phone, contact_postcode, contact_preference, uprn, "
    "address, location_postcode, ward, chasing_contacts) "
    + recursive +
    f"SELECT 'B' || i, {{types[0]}} + CASE WHEN i % 3 <> 0 THEN (i * 13) % 30 ELSE i % 5 END, "
    f"{{channel}}, CASE WHEN {{is_closed}} THEN 'closed' ELSE 'received' END, {{flag(is_closed)}}, "
    f"CASE WHEN {{is_closed}} THEN 'resolved' ELSE '' END, 'normal', r, "
    f"{{plus_hours('r', '24 * (2 + i % 9)')}}, CASE WHEN {{is_closed}} THEN {{closed_at}} END, "
    f"CASE WHEN {{is_closed}} THEN {{closed_at}} ELSE r END, 1, '', '{{{{}}}}', '', '', '', '', "
    "'none', '', '', '', CASE WHEN i % 8 <> 0 THEN 'Synthetic ward ' || ((i * 7) % 20) "
    "ELSE '' END, CASE WHEN i % 10 = 3 THEN 1 ELSE 0 END "
    f"FROM (SELECT i, {{received}} AS r FROM {{series}}) AS c"
)
def run(cursor, text, values=None):
    # With parameters, a literal % (SQL's modulo) is written %%.
    cursor.execute(text.replace(" % ", " %% ") if values else text, values)

with connection.cursor() as cursor:
    run(cursor, sql, params)
    cursor.execute(
        "INSERT INTO cases_contact (case_id, at, channel, kind, summary, logged_by_id) "
        "SELECT id, received_at, channel, 'new', '', NULL FROM cases_case")
    run(cursor,
        "INSERT INTO cases_contact (case_id, at, channel, kind, summary, logged_by_id) "
        f"SELECT id, {{earliest(plus_hours('received_at', '72'), now_sql)}}, 'phone', 'chasing', "
        "'', NULL FROM cases_case WHERE chasing_contacts = 1", params)
    feedback = (
        "INSERT INTO journeys_feedback (version_id, submission_id, moment, rating, comment, "
        f"given_at) " + recursive.replace(str(N - 1), "49999") +
        f"SELECT {{versions[0]}} + i % 10, NULL, 'submitted', 1 + (i * 7) % 5, '', "
        f"{{minus_seconds(f'(i * 104729) % {{SPAN}}')}} FROM "
        + (series.replace(str(N - 1), "49999"))
    )
    run(cursor, feedback, params)
    cursor.execute("VACUUM ANALYZE" if postgres else "ANALYZE")
print("GENERATED", Case.objects.count(), CaseContact.objects.count(),
      round(time.perf_counter() - started, 1))
"""

TIME = """
import json, statistics, time
from frontdoor.insights import queries

def median(call, runs=3):
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
    seconds = median(lambda: queries.dashboard(codes=[definition.code]), runs=1)
    print("MEASURE", json.dumps([definition.code, seconds]))
"""


def _page_seconds(url: str, runs: int = 3) -> float:
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
        "tables, then `ANALYZE`. Median of three runs of `insights.queries.dashboard` (every "
        "measure, one call, computed in SQL) in a warmed-up process, and of three requests "
        "for the public page through gunicorn (one worker; the page adds the filter "
        "choices and the HTML). Target (DESIGN.md): dashboard figures over 1,000,000 cases "
        f"under 1 s. The machine's load average was {load_before:.1f} when the run began "
        "(2 cores; other work shares it).\n\n"
        + harness.table(
            ["what", *(f"{n} ms" for n in names)],
            [[name, *(ms(v[n]) for n in names)] for name, v in timings.items()],
        )
        + "\n\nEach measure alone, last 12 months by month (one run):\n\n"
        + harness.table(
            ["measure", *(f"{n} ms" for n in names)],
            [[f"`{name}`", *(ms(v[n]) for n in names)] for name, v in measures.items()],
        )
    )
    harness.write_section("insights", "Performance dashboard over 1,000,000 cases", body)
