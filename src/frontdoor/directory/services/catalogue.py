"""Loading the directory: an HSDS JSON feed or tabular data package is checked whole, then
applied whole, or refused with every problem listed. Strategy: "SID is not up to date"
(Southampton Digital Strategy) — providers' own feeds keep it fresh.

Every write to services goes through `tables_apply`, so the demo, the import command, the
staff import page and the benchmark generator all store and index services the same way.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from frontdoor.audit import services as audit
from frontdoor.directory import queries, search
from frontdoor.directory.models import (
    Attribute,
    CostOption,
    ImportRun,
    Schedule,
    Service,
    ServiceAtLocation,
)
from frontdoor.directory.rows import ImportRefused, Problem, Rows
from frontdoor.directory.tabular import BY_NAME, SERVICE_CHILDREN, TABLES, attname

# A service is due for review six months after it was last checked.
REVIEW_DAYS = 182
MAX_PROBLEMS = 500
_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def _convert(kind: str, value):
    """A field's value in Python, or raise ValueError with the reason a person can act on."""
    if isinstance(value, str):
        value = value.strip()
    if kind == "uuid":
        return uuid.UUID(str(value))
    if kind == "email":
        try:
            _email(value)
        except ValidationError:
            raise ValueError(f"{value!r} is not an email address") from None
        return value
    if kind == "uri":
        try:
            _url(value)
        except ValidationError:
            raise ValueError(f"{value!r} is not a web address (http or https)") from None
        return value
    if kind == "number":
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a number")
        try:
            return float(Decimal(str(value)))
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    if kind == "integer":
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(f"{value!r} is not a whole number")
        try:
            number = int(Decimal(str(value)))
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a whole number") from None
        if number < 0:
            raise ValueError(f"{value!r} is below zero")
        return number
    if kind == "date":
        parsed = parse_date(str(value)) if isinstance(value, str) else None
        if parsed is None:
            raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)")
        return parsed
    if kind == "datetime":
        parsed = parse_datetime(str(value)) if isinstance(value, str) else None
        if parsed is None:
            raise ValueError(f"{value!r} is not a date and time (ISO 8601)")
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed, datetime.UTC)
        return parsed
    if kind == "time":
        text = str(value).upper()
        for suffix in ("Z",):
            text = text.removesuffix(suffix)
        if len(text) > 5 and text[-6] in "+-":
            text = text[:-6]  # an offset such as +01:00: opening times are local
        parsed = parse_time(text) if text else None
        if parsed is None:
            raise ValueError(f"{value!r} is not a time (HH:MM)")
        return parsed
    if not isinstance(value, str):
        if isinstance(value, int | float):
            return str(value)
        raise ValueError(f"{value!r} is not text")
    return value


def _existing_ids(table: str, ids: set) -> set:
    model = BY_NAME[table].model
    found = set()
    ids = list(ids)
    for start in range(0, len(ids), 500):
        found |= set(
            model.objects.filter(pk__in=ids[start : start + 500]).values_list("pk", flat=True)
        )
    return found


def rows_check(rows: Rows) -> dict[str, list[dict]]:
    """Every row typed and checked: required fields, types, enums, unique ids, links.

    Returns the typed rows by table; `rows.problems` lists everything wrong.
    """
    typed: dict[str, list[dict]] = {}
    ids: dict[str, set] = {}
    problems = rows.problems
    for name in rows.tables:
        if name not in BY_NAME:
            problems.append(Problem(name, "", "is not an HSDS table this directory takes"))
    for table in TABLES:
        out, seen = [], {}
        for where, raw in rows.tables.get(table.name, []):
            clean, ok = {}, True
            for spec in table.fields:
                value = raw.get(spec.name)
                if value is None or (isinstance(value, str) and not value.strip()):
                    if spec.required:
                        problems.append(Problem(where, spec.name, "is required"))
                        ok = False
                    continue
                try:
                    value = _convert(spec.type, value)
                except (ValueError, TypeError) as error:
                    problems.append(Problem(where, spec.name, str(error)))
                    ok = False
                    continue
                if spec.enum and value not in spec.enum:
                    problems.append(
                        Problem(where, spec.name, f"{value!r} is not one of {', '.join(spec.enum)}")
                    )
                    ok = False
                    continue
                clean[spec.name] = value
            if not ok:
                continue
            if clean["id"] in seen:
                if seen[clean["id"]] != clean:
                    problems.append(
                        Problem(where, "id", f"{clean['id']} is used twice with different values")
                    )
                continue
            seen[clean["id"]] = clean
            out.append((where, clean))
        typed[table.name] = out
        ids[table.name] = set(seen)
    # Links: to a row in this import, or to one already in the directory.
    for table in TABLES:
        wanted = defaultdict(set)
        for _, clean in typed[table.name]:
            for spec in table.fields:
                if spec.references and spec.name in clean:
                    wanted[spec.references].add(clean[spec.name])
        known = {
            ref: ids[ref] | _existing_ids(ref, values - ids[ref]) for ref, values in wanted.items()
        }
        for where, clean in typed[table.name]:
            for spec in table.fields:
                value = clean.get(spec.name)
                if spec.references and value is not None and value not in known[spec.references]:
                    problems.append(
                        Problem(where, spec.name, f"no {spec.references} has the id {value}")
                    )
    return {name: [clean for _, clean in items] for name, items in typed.items()}


def _upsert(table_name: str, items: list[dict]) -> None:
    """Insert or update rows by id, in batches: one `INSERT ... ON CONFLICT (id) DO UPDATE`
    (SQLite and PostgreSQL both speak it) per batch, values prepared by each model field."""
    table = BY_NAME[table_name]
    meta = table.model._meta
    fields = [meta.get_field(attname(table, spec)) for spec in table.fields]
    # Our own columns beside the standard's take their defaults on insert and are kept on
    # update (services_refresh recomputes them).
    own = [f for f in meta.concrete_fields if f not in fields]
    own_values = [f.get_db_prep_save(f.get_default(), connection) for f in own]
    columns = [f.column for f in fields]
    rows = []
    for item in items:
        values = []
        for spec, model_field in zip(table.fields, fields, strict=True):
            value = item.get(spec.name)
            if value is None and spec.type in _TEXT_TYPES:
                value = "GB" if (table_name, spec.name) == ("address", "country") else ""
            if table_name == "service" and spec.name == "last_modified" and value is None:
                value = timezone.now()
            if isinstance(value, float) and model_field.get_internal_type() == "DecimalField":
                value = Decimal(str(value))
            values.append(model_field.get_db_prep_save(value, connection))
        rows.append(values + own_values)
    quoted = [connection.ops.quote_name(c) for c in columns]
    updates = ", ".join(
        f"{q} = excluded.{q}" for q in quoted if q != connection.ops.quote_name("id")
    )
    inserted = quoted + [connection.ops.quote_name(f.column) for f in own]
    # Table and column names come from our models; every value is a parameter.
    sql = (
        f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({', '.join(inserted)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(inserted))}) "
        f"ON CONFLICT ({connection.ops.quote_name('id')}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 1000):
            cursor.executemany(sql, rows[start : start + 1000])


_TEXT_TYPES = {"string", "email", "uri"}


def services_refresh(service_ids: list) -> None:
    """Recompute what search filters on (free, weekends, online, in person), the review
    date, and each service's search document, from its HSDS records."""
    ids = list(service_ids)
    for start in range(0, len(ids), 2000):
        _refresh_chunk(ids[start : start + 2000])


def _refresh_chunk(ids: list) -> None:
    kinds, weekend, remote, paid, costed = (defaultdict(set), set(), set(), set(), set())
    for sid, kind in ServiceAtLocation.objects.filter(service_id__in=ids).values_list(
        "service_id", "location__location_type"
    ):
        kinds[sid].add(kind)
    for sid, sal_sid, byday, attending in Schedule.objects.filter(service_id__in=ids).values_list(
        "service_id", "service_at_location__service_id", "byday", "attending_type"
    ):
        owner = sid or sal_sid
        if any(day in (byday or "") for day in ("SA", "SU")):
            weekend.add(owner)
        if any(word in (attending or "").lower() for word in ("online", "phone", "remote")):
            remote.add(owner)
    for sid, amount in CostOption.objects.filter(service_id__in=ids).values_list(
        "service_id", "amount"
    ):
        costed.add(sid)
        if amount and amount > 0:
            paid.add(sid)
    terms = defaultdict(list)
    for link_id, term in Attribute.objects.filter(
        link_entity="service", link_id__in=ids
    ).values_list("link_id", "taxonomy_term__name"):
        terms[link_id].append(term)
    services = list(Service.objects.filter(pk__in=ids).select_related("organization"))
    documents = []
    for svc in services:
        svc.is_free = svc.pk not in paid and (svc.pk in costed or not svc.fees_description)
        svc.open_weekends = svc.pk in weekend
        svc.online = "virtual" in kinds[svc.pk] or svc.pk in remote
        svc.in_person = "physical" in kinds[svc.pk]
        checked = svc.assured_date or timezone.localdate()
        svc.review_by = checked + datetime.timedelta(days=REVIEW_DAYS)
        keywords = " ".join(
            [*terms[svc.pk], svc.alternate_name, svc.organization.name if svc.organization else ""]
        )
        documents.append(
            (svc.pk, svc.name, keywords, f"{svc.description} {svc.eligibility_description}")
        )
    pk = Service._meta.pk
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE directory_service SET is_free = %s, open_weekends = %s, online = %s, "
            "in_person = %s, review_by = %s WHERE id = %s",
            [
                (
                    s.is_free, s.open_weekends, s.online, s.in_person,
                    connection.ops.adapt_datefield_value(s.review_by),
                    pk.get_db_prep_value(s.pk, connection),
                )
                for s in services
            ],
        )  # fmt: skip
    search.index_services(documents)


def _replace_children(typed: dict[str, list[dict]]) -> None:
    """An imported service's rows replace what it had: what the feed dropped goes."""
    # Only services already in the directory have rows to drop: a first load skips this.
    service_ids = list(_existing_ids("service", {item["id"] for item in typed.get("service", [])}))
    if not service_ids:
        return
    for start in range(0, len(service_ids), 500):
        chunk = service_ids[start : start + 500]
        for name in SERVICE_CHILDREN:
            keep = [item["id"] for item in typed.get(name, [])]
            BY_NAME[name].model.objects.filter(service_id__in=chunk).exclude(pk__in=keep).delete()
        keep = [item["id"] for item in typed.get("attribute", [])]
        Attribute.objects.filter(link_entity="service", link_id__in=chunk).exclude(
            pk__in=keep
        ).delete()


@transaction.atomic
def tables_apply(*, typed: dict[str, list[dict]], replace: bool = True) -> dict[str, int]:
    """Store checked rows (see `rows_check`) in one transaction and refresh the services."""
    if replace:
        _replace_children(typed)
    counts = {}
    for table in TABLES:
        items = typed.get(table.name, [])
        if items:
            _upsert(table.name, items)
            counts[table.name] = len(items)
    touched = {item["id"] for item in typed.get("service", [])}
    for name in SERVICE_CHILDREN:
        touched |= {item["service_id"] for item in typed.get(name, []) if item.get("service_id")}
    touched |= {
        item["link_id"] for item in typed.get("attribute", []) if item["link_entity"] == "service"
    }
    services_refresh(list(Service.objects.filter(pk__in=touched).values_list("pk", flat=True)))
    transaction.on_commit(queries.categories_forget)
    return counts


def directory_import(*, rows: Rows, source: str, user=None) -> ImportRun:
    """Check an import whole; apply it whole or change nothing. Either way, record the run.

    Raises ImportRefused (listing every problem) when anything is wrong.
    """
    typed = rows_check(rows)
    now = timezone.now()
    if rows.problems:
        problems = rows.problems[:MAX_PROBLEMS]
        ImportRun.objects.create(
            at=now, by=user, source=source[:255], applied=False, problems=[str(p) for p in problems]
        )
        raise ImportRefused(problems)
    with transaction.atomic():
        counts = tables_apply(typed=typed)
        run = ImportRun.objects.create(
            at=now, by=user, source=source[:255], applied=True, counts=counts
        )
        audit.audit_record(
            actor=user or audit.SYSTEM,
            action="directory.imported",
            subject_type="directory_import",
            subject_id=run.pk,
            detail={"source": source[:255], "counts": counts},
        )
    return run
