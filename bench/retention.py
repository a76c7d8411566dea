"""A disposal run over 1,000,000 cases, on both databases: time, rate and peak memory.

Strategy: "data is not kept for longer than it is needed" (Southampton 2018-22). The
generator makes closed cases of two types spread evenly over the last 8 years (a timeline
line each, a message for one in ten), sets a 5-year rule for one type (the other keeps the
6-year legal default) and holds one old case.
Then, each in a fresh process: the dry run (counts what would go); the real run, killed
after a few batches and restarted (it must neither skip nor repeat a batch); and a check
that the held case is untouched and the counts by status and ward are unchanged.
`BENCH_RETENTION_CASES` makes it smaller while developing.
"""

from __future__ import annotations

import json
import os
import time

from bench import harness

CASES = int(os.environ.get("BENCH_RETENTION_CASES", "1000000"))

GENERATE = """
from django.db import connection, transaction
from frontdoor.accounts import roles, services as accounts
from frontdoor.cases import services as cases
from frontdoor.cases.models import Case, CaseType
from frontdoor.notify.models import Template
cases.workflow_standard_ensure()
cases.case_type_define(code="missed-bin", name="Missed bin", sla_working_days=2)
cases.case_type_define(code="pothole", name="Pothole", sla_working_days=10)
accounts.staff_create(username="dpo", full_name="Data Officer", email="dpo@example.gov.uk",
    roles=[roles.DATA_OFFICER])
template = Template.objects.create(code="bench", channel="email", name="Bench", body="Hi")
bin_id, pothole_id = (CaseType.objects.get(code=c).pk for c in ("missed-bin", "pothole"))
total, span = __CASES__, 8 * 365 * 24 * 3600
# Generated in SQL (a series of numbers), which is 20 times quicker than building objects.
if connection.vendor == "postgresql":
    series = f"generate_series(0, {total - 1}) AS s(n)"
    closed = f"now() - ((n * 2654435761) % {span}) * interval '1 second'"
    ref = "'B' || lpad((n / 10000)::text, 3, '0') || '-' || lpad((n % 10000)::text, 4, '0')"
    name, email = "'Resident ' || n", "'resident' || n || '@example.com'"
    ward = "(ARRAY['Bargate','Bevois','Portswood','Shirley','Woolston'])[n % 5 + 1]"
    true = "true"
else:
    series = (f"(WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s "
              f"WHERE n < {total - 1}) SELECT n FROM s)")
    seconds = f"((n * 2654435761) % {span})"
    closed = f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || {seconds} || ' seconds')"
    ref = "'B' || printf('%03d', n / 10000) || '-' || printf('%04d', n % 10000)"
    name, email = "'Resident ' || n", "'resident' || n || '@example.com'"
    ward = ("CASE n % 5 WHEN 0 THEN 'Bargate' WHEN 1 THEN 'Bevois' WHEN 2 THEN 'Portswood' "
            "WHEN 3 THEN 'Shirley' ELSE 'Woolston' END")
    true = "1"
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute(f\"\"\"
        INSERT INTO cases_case (reference, case_type_id, channel, status, closed,
            closure_reason, priority, received_at, sla_due_at, closed_at, updated_at, version,
            description, answers, contact_name, contact_email, contact_phone, contact_postcode,
            contact_preference, uprn, address, location_postcode, ward, chasing_contacts)
        SELECT {ref}, CASE WHEN n % 2 = 0 THEN {bin_id} ELSE {pothole_id} END, 'web', 'closed',
            {true}, 'resolved', 'normal', c, c, c, c, 1, 'Bin missed again at number 12', '{{}}',
            {name}, {email}, '07700900123', 'SO14 7LY', 'email', '', '12 High Street',
            'SO14 7LY', {ward}, 0
        FROM (SELECT n, {closed} AS c FROM {series}) AS numbered\"\"\")
    cursor.execute(f\"\"\"
        INSERT INTO cases_event (case_id, at, kind, public, text, data)
        SELECT id, closed_at, 'created', {true}, 'Received by web', '{{"channel": "web"}}'
        FROM cases_case\"\"\")
    cursor.execute(f\"\"\"
        INSERT INTO notify_message (reference, template_id, channel, "to", personalisation,
            subject, body, about_type, about_id, status, attempts, next_attempt_at, lease_token,
            provider, provider_id, provider_status, last_error, created_at, sent_at, updated_at)
        SELECT 'M' || reference, {template.pk}, 'email', contact_email, '{{}}', '', 'Your bin',
            'case', reference, 'delivered', 1, closed_at, '', 'outbox', '', '', '', closed_at,
            closed_at, closed_at
        FROM cases_case WHERE id % 10 = 0\"\"\")
print("MADE", Case.objects.count())
"""

PREPARE = """
import json
from django.contrib.auth import get_user_model
from django.db.models import Count
from frontdoor.cases.models import Case
from frontdoor.privacy import services
from frontdoor.privacy.models import DisposalRun
officer = get_user_model().objects.get(username="dpo")
services.retention_rule_set(actor=officer, kind="case", case_type="missed-bin", months=60)
held = Case.objects.filter(case_type__code="missed-bin").order_by("closed_at").first()
services.legal_hold_place(actor=officer, target_type="case", target=held.reference,
    reason="Bench: a claim")
print("PREPARED", json.dumps({{"held": held.reference}}))
"""

DRY_RUN = """
import json, resource, time
from django.utils import timezone
from frontdoor.privacy import services
from frontdoor.privacy.models import DisposalRun
run = DisposalRun.objects.create(dry_run=True, as_of=timezone.now(),
    plan=services.disposal_plan(as_of=timezone.now()), created_at=timezone.now())
started = time.perf_counter()
run = services.disposal_execute(run_id=run.pk)
seconds = time.perf_counter() - started
due = sum(r["count"] for i, r in run.results.items() if run.plan[int(i)]["kind"] == "case")
print("DRY", json.dumps({{"run": run.pk, "seconds": seconds, "due": due,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

REAL_RUN = """
import json, resource, time
from django.utils import timezone
from frontdoor.privacy import services
from frontdoor.privacy.models import DisposalRun

class Killed(Exception):
    pass

dry = DisposalRun.objects.get(pk={dry_run})
run = DisposalRun.objects.create(dry_run=False, from_dry_run=dry, as_of=dry.as_of, plan=dry.plan,
    created_at=timezone.now())
seen = []
def kill_after_five(batch):
    seen.append(batch.sequence)
    if len(seen) == 6:
        raise Killed
started = time.perf_counter()
try:
    services.disposal_execute(run_id=run.pk, on_batch=kill_after_five)
except Killed:
    pass
run = services.disposal_execute(run_id=run.pk)
seconds = time.perf_counter() - started
print("REAL", json.dumps({{"run": run.pk, "seconds": seconds, "batches": run.batches_done,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

CHECK = """
import json
from django.db.models import Count
from frontdoor.cases.models import Case
from frontdoor.notify.models import Message
from frontdoor.privacy.models import DisposalBatch
batches = list(DisposalBatch.objects.filter(run_id={run}, kind="case").order_by("sequence")
    .values_list("step_index", "first_id", "last_id", "records"))
# Within each step, each batch starts after the last one ended: none skipped or repeated.
ordered = all(a[2] < b[1] for a, b in zip(batches, batches[1:]) if a[0] == b[0])
print("CHECK", json.dumps({{
    "anonymised": Case.objects.filter(contact_email="").count(),
    "logged": sum(b[3] for b in batches),
    "batches_in_order_without_overlap": ordered,
    "held_kept": Case.objects.filter(reference="{held}").exclude(contact_email="").exists(),
    "messages_anonymised": Message.objects.filter(to="").count(),
    "by_ward": dict(Case.objects.values_list("ward").annotate(n=Count("id"))),
    "by_type": dict(Case.objects.values_list("case_type__code").annotate(n=Count("id"))),
}}))
"""

COUNTS = """
import json
from django.db.models import Count
from frontdoor.cases.models import Case
print("COUNTS", json.dumps({
    "by_ward": dict(Case.objects.values_list("ward").annotate(n=Count("id"))),
    "by_type": dict(Case.objects.values_list("case_type__code").annotate(n=Count("id"))),
}))
"""


def _shell(database, script: str, tag: str) -> dict:
    output = harness.manage(database, "shell", "-c", script)
    return json.loads(output.split(tag, 1)[1].strip().splitlines()[0])


def main() -> None:
    load_before = os.getloadavg()[0]
    rows, checks = [], []
    for database in harness.databases():
        harness.prepare(database)
        started = time.perf_counter()
        harness.manage(database, "shell", "-c", GENERATE.replace("__CASES__", str(CASES)))
        generated = time.perf_counter() - started
        held = _shell(database, PREPARE.format(), "PREPARED")["held"]
        before = _shell(database, COUNTS, "COUNTS")
        dry = _shell(database, DRY_RUN.format(), "DRY")
        real = _shell(database, REAL_RUN.format(dry_run=dry["run"]), "REAL")
        check = _shell(database, CHECK.format(run=real["run"], held=held), "CHECK")
        rows.append(
            [
                database.name,
                f"{CASES:,}",
                f"{generated:.0f}",
                f"{dry['due']:,}",
                f"{dry['seconds']:.1f}",
                f"{dry['peak_mb']:.0f}",
                f"{real['seconds']:.0f}",
                f"{check['logged'] / real['seconds']:,.0f}",
                real["batches"],
                f"{real['peak_mb']:.0f}",
            ]
        )
        same = before["by_ward"] == check["by_ward"] and before["by_type"] == check["by_type"]
        checks.append(
            [
                database.name,
                "yes" if check["logged"] == check["anonymised"] == dry["due"] else "NO",
                "yes" if check["batches_in_order_without_overlap"] else "NO",
                "yes" if check["held_kept"] else "NO",
                f"{check['messages_anonymised']:,}",
                "yes" if same else "NO",
            ]
        )
    body = (
        f"{CASES:,} closed cases spread evenly over 8 years (one timeline line each, a "
        "message for one in ten), half of them under a 5-year rule and half under the 6-year "
        "legal default, one old case on legal hold. The dry run "
        "counts what would go; the real run anonymises it in batches of 1,000 (each batch "
        "one transaction: cases, timelines, followers, files, forms and messages, the log "
        "line and the run's position), is killed after 5 batches and restarted. Peak memory "
        "is the resident set of the process doing the run. No target in DESIGN.md; the "
        "machine's load average was "
        f"{load_before:.1f} when the run began (2 cores; other work shares it).\n\n"
        + harness.table(
            [
                "database",
                "cases",
                "generate s",
                "due",
                "dry run s",
                "dry run peak MB",
                "real run s (with restart)",
                "cases anonymised/s",
                "batches",
                "real run peak MB",
            ],
            rows,
        )
        + "\n\nChecked in the database afterwards:\n\n"
        + harness.table(
            [
                "database",
                "anonymised = logged = dry run's count",
                "batches in order, none repeated or skipped",
                "held case untouched",
                "messages anonymised (their own 2-year default)",
                "counts by ward and case type unchanged",
            ],
            checks,
        )
    )
    harness.write_section("retention", f"Retention: a disposal run over {CASES:,} cases", body)


if __name__ == "__main__":
    main()
