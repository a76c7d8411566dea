"""Records as HSDS 3.0 / Open Referral UK objects: the standard's field names, ids as UUID
strings, and optional fields left out rather than sent empty or null (ORUK: "omit
optional fields with no value")."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from frontdoor.directory.tabular import BY_NAME, attname


def _value(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime):
        return (
            value.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return float(value)
    return value


def row(obj, table: str) -> dict:
    """One record's own fields (its row in the tabular form), empty ones left out."""
    spec = BY_NAME[table]
    out = {}
    for field in spec.fields:
        value = getattr(obj, attname(spec, field))
        if value is None or value == "":
            continue
        out[field.name] = _value(value)
    return out


def _rows(objs, table: str) -> list[dict]:
    return [row(obj, table) for obj in objs]


def taxonomy_term(term) -> dict:
    out = row(term, "taxonomy_term")
    if "taxonomy" not in out and term.taxonomy_ref_id:
        out["taxonomy"] = term.taxonomy_ref.name
    return out


def attributes(attrs) -> list[dict]:
    out = []
    for attr in attrs:
        item = row(attr, "attribute")
        item["taxonomy_term"] = taxonomy_term(attr.taxonomy_term)
        out.append(item)
    return out


def organization(org, *, full: bool = False) -> dict:
    out = row(org, "organization")
    identifiers = _rows(org.organization_identifiers.all(), "organization_identifier")
    if identifiers:
        out["organization_identifiers"] = identifiers
    return out


def location(loc) -> dict:
    out = row(loc, "location")
    for name, table in (("addresses", "address"), ("accessibility", "accessibility")):
        items = _rows(getattr(loc, name).all(), table)
        if items:
            out[name] = items
    for item in out.get("accessibility", []):
        if "description" in item:
            item["accessibility"] = item["description"]  # ORUK's own free-text field
    return out


def _contacts(contacts) -> list[dict]:
    out = []
    for contact in contacts:
        item = row(contact, "contact")
        phones = _rows(contact.phones.all(), "phone")
        if phones:
            item["phones"] = phones
        out.append(item)
    return out


def service_at_location(sal, *, with_service: bool = False) -> dict:
    out = row(sal, "service_at_location")
    out["location"] = location(sal.location)
    if with_service:
        out["service"] = service(sal.service, full=False)
    return out


def service(svc, *, full: bool = True, terms: list | None = None) -> dict:
    """A service; `full` nests everything about it, as `GET /services/{id}` does."""
    out = row(svc, "service")
    if svc.organization_id:
        out["organization"] = organization(svc.organization)
    attrs = terms if terms is not None else getattr(svc, "service_attributes", [])
    if attrs:
        out["attributes"] = attributes(attrs)
    if not full:
        return out
    for name, table in (
        ("schedules", "schedule"),
        ("service_areas", "service_area"),
        ("languages", "language"),
        ("cost_options", "cost_option"),
        ("phones", "phone"),
    ):
        items = _rows(getattr(svc, name).all(), table)
        if items:
            out[name] = items
    for area in out.get("service_areas", []):
        if "name" in area:
            area["service_area"] = area["name"]  # ORUK's own free-text field
    contacts = _contacts(svc.contacts.all())
    if contacts:
        out["contacts"] = contacts
    sals = [service_at_location(sal) for sal in svc.service_at_locations.all()]
    if sals:
        out["service_at_locations"] = sals
    return out


def taxonomy(tax, *, with_terms: bool = False) -> dict:
    out = row(tax, "taxonomy")
    if with_terms:
        out["taxonomy_terms"] = [taxonomy_term(t) for t in tax.terms.all()]
    return out


def page(items: list, *, total: int, page_number: int, per_page: int) -> dict:
    """The standard's paginated envelope (HSDS 3.0 `Page`); pages count from 1."""
    total_pages = max(1, -(-total // per_page)) if per_page else 1
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(items),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not items,
        "contents": items,
    }
