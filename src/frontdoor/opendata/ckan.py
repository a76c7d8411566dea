"""A CKAN-compatible read API (action API v3) so national portals and harvesters can pick
up the council's open data: package_list, package_search, package_show,
organization_list, organization_show (and help_show), with CKAN's envelope and errors.

Paths, parameters and shapes follow CKAN's own (ckan/logic/action/get.py), including what
the CKAN harvester sends: `rows`/`start` paging, `sort=id asc` and
`fq=metadata_modified:[<time> TO *]`.
"""

from __future__ import annotations

import datetime
import json
import re

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from frontdoor.opendata import catalogue, queries

ROWS_MAX = 1000
_FQ_TERM = re.compile(r'(?P<neg>[-+]?)(?P<field>[a-z_]+):(?P<value>\[[^\]]*\]|"[^"]*"|\S+)')
_SORTABLE = {
    "id": lambda p: p["id"],
    "name": lambda p: p["name"],
    "title": lambda p: p["title"].lower(),
    "title_string": lambda p: p["title"].lower(),
    "metadata_modified": lambda p: p["metadata_modified"],
    "metadata_created": lambda p: p["metadata_created"],
    "score": lambda p: 0,
}


class ActionError(Exception):
    STATUS = {
        "Not Found Error": 404,
        "Validation Error": 409,
        "Search Query Error": 400,
        "Bad request": 400,
    }

    def __init__(self, kind: str, message: str = "", fields: dict | None = None):
        super().__init__(message)
        self.kind, self.message, self.fields = kind, message, fields or {}

    def body(self) -> dict:
        error = {"__type": self.kind, **self.fields}
        if self.message:
            error["message"] = self.message
        return error


def _help(request, name: str) -> str:
    return request.build_absolute_uri(reverse("ckan:action", args=["help_show"])) + f"?name={name}"


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _integer(data: dict, name: str, default: int, *, most: int | None = None) -> int:
    value = data.get(name, default)
    if value in ("", None):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ActionError("Validation Error", fields={name: ["Invalid integer"]}) from None
    if number < 0:
        raise ActionError("Validation Error", fields={name: ["Must be a natural number"]})
    return min(number, most) if most is not None else number


def _boolean(data: dict, name: str) -> bool:
    value = data.get(name, False)
    if isinstance(value, bool):
        return value
    return str(value).lower() in {"true", "1", "yes", "on"}


def _packages(request) -> list[dict]:
    found = queries.datasets()
    return [catalogue.ckan_package(d, base=_base(request), package_count=len(found)) for d in found]


def _time(text: str, field: str) -> datetime.datetime | None:
    if text == "*":
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ActionError(
            "Search Query Error", f"Cannot read {text!r} as a time in {field}"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment


def _matches(package: dict, field: str, value: str) -> bool:
    value = value.strip('"')
    if field == "metadata_modified" or field == "metadata_created":
        match = re.fullmatch(r"\[(\S+) TO (\S+)\]", value)
        if not match:
            raise ActionError("Search Query Error", f"{field} needs a range like [x TO *]")
        low, high = _time(match.group(1), field), _time(match.group(2), field)
        moment = datetime.datetime.fromisoformat(package[field])
        return (low is None or moment >= low) and (high is None or moment <= high)
    if field in {"organization", "owner_org"}:
        return value in {package["organization"]["name"], package["owner_org"]}
    if field in {"name", "id"}:
        return package[field] == value
    if field in {"tags", "tag"}:
        return value in {t["name"] for t in package["tags"]}
    if field == "res_format":
        return value.upper() in {r["format"] for r in package["resources"]}
    if field == "license_id":
        return package["license_id"] == value
    if field in {"dataset_type", "type"}:
        return value == "dataset"
    if field in {"groups", "capacity", "state"}:
        return {"groups": False, "capacity": value == "public", "state": value == "active"}[field]
    raise ActionError("Search Query Error", f"Cannot filter on the field {field!r}")


def _filtered(packages: list[dict], fq: str) -> list[dict]:
    rest = _FQ_TERM.sub("", fq).replace("AND", "").strip()
    if rest:
        raise ActionError("Search Query Error", f"Cannot read this filter query: {fq!r}")
    for term in _FQ_TERM.finditer(fq):
        negate = term.group("neg") == "-"
        packages = [
            p for p in packages if _matches(p, term.group("field"), term.group("value")) != negate
        ]
    return packages


def _searched(packages: list[dict], q: str) -> list[dict]:
    q = q.strip()
    if q in {"", "*:*", "*"}:
        return packages
    if ":" in q:
        return _filtered(packages, q)
    words = q.lower().split()
    text = {
        p["id"]: " ".join(
            [p["name"], p["title"], p["notes"], *(t["name"] for t in p["tags"])]
        ).lower()
        for p in packages
    }
    return [p for p in packages if all(w in text[p["id"]] for w in words)]


def _sorted(packages: list[dict], sort: str) -> list[dict]:
    keys = []
    for part in [s.strip() for s in sort.split(",") if s.strip()]:
        bits = part.split()
        field, direction = bits[0], (bits[1].lower() if len(bits) > 1 else "asc")
        if field not in _SORTABLE or direction not in {"asc", "desc"} or len(bits) > 2:
            raise ActionError("Search Query Error", f"Cannot sort by {part!r}")
        keys.append((field, direction))
    for field, direction in reversed(keys):
        packages = sorted(packages, key=_SORTABLE[field], reverse=direction == "desc")
    return packages


def package_list(request, data: dict):
    """Names of every public dataset (limit, offset)."""
    limit = _integer(data, "limit", ROWS_MAX, most=ROWS_MAX)
    offset = _integer(data, "offset", 0)
    names = sorted(d.slug for d in queries.datasets())
    return names[offset : offset + limit]


def package_search(request, data: dict):
    """Search datasets: q, fq, sort, rows, start, facet.field; full package dicts."""
    rows = _integer(data, "rows", 10, most=ROWS_MAX)
    start = _integer(data, "start", 0)
    packages = _searched(_packages(request), str(data.get("q", "") or ""))
    fq = data.get("fq", "") or ""
    fq_list = data.get("fq_list") or []
    for query in [fq, *(fq_list if isinstance(fq_list, list) else [fq_list])]:
        if query:
            packages = _filtered(packages, str(query))
    packages = _sorted(packages, str(data.get("sort") or "score desc, metadata_modified desc"))
    facets = {}
    fields = data.get("facet.field") or "[]"
    try:
        fields = json.loads(fields) if isinstance(fields, str) else fields
    except json.JSONDecodeError:
        raise ActionError("Validation Error", fields={"facet.field": ["Not a JSON list"]}) from None
    for field in fields:
        counts: dict[str, int] = {}
        for p in packages:
            values = {
                "organization": [p["organization"]["name"]],
                "tags": [t["name"] for t in p["tags"]],
                "res_format": sorted({r["format"] for r in p["resources"]}),
                "license_id": [p["license_id"]],
            }.get(field, [])
            for value in values:
                counts[value] = counts.get(value, 0) + 1
        facets[field] = {
            "title": field,
            "items": [
                {"name": k, "display_name": k, "count": n} for k, n in sorted(counts.items())
            ],
        }
    return {
        "count": len(packages),
        "results": packages[start : start + rows],
        "sort": data.get("sort") or "score desc, metadata_modified desc",
        "facets": {f: {i["name"]: i["count"] for i in v["items"]} for f, v in facets.items()},
        "search_facets": facets,
    }


def package_show(request, data: dict):
    """One dataset by id or name."""
    key = data.get("id") or data.get("name_or_id")
    if not key:
        raise ActionError("Validation Error", fields={"id": ["Missing value"]})
    dataset = queries.dataset_get(name_or_id=str(key))
    if dataset is None:
        raise ActionError("Not Found Error", "Not found")
    return catalogue.ckan_package(
        dataset, base=_base(request), package_count=len(queries.datasets())
    )


def organization_list(request, data: dict):
    """The one publishing organisation, the council: names, or dicts with all_fields."""
    limit = _integer(data, "limit", ROWS_MAX, most=ROWS_MAX)
    offset = _integer(data, "offset", 0)
    organization = catalogue.ckan_organization(
        base=_base(request), package_count=len(queries.datasets())
    )
    chosen = data.get("organizations")
    found = [organization]
    if chosen:
        names = chosen if isinstance(chosen, list) else str(chosen).split(",")
        found = [o for o in found if o["name"] in names]
    found = found[offset : offset + limit]
    return found if _boolean(data, "all_fields") else [o["name"] for o in found]


def organization_show(request, data: dict):
    """The council as a CKAN organisation; with include_datasets, its datasets."""
    key = data.get("id")
    if not key:
        raise ActionError("Validation Error", fields={"id": ["Missing value"]})
    packages = _packages(request)
    organization = catalogue.ckan_organization(base=_base(request), package_count=len(packages))
    if str(key) not in {organization["id"], organization["name"]}:
        raise ActionError("Not Found Error", "Organization not found")
    if _boolean(data, "include_datasets"):
        organization["packages"] = packages
    organization.update({"users": [], "extras": [], "groups": [], "tags": []})
    return organization


def help_show(request, data: dict):
    """What an action does."""
    name = data.get("name", "")
    if name not in ACTIONS:
        raise ActionError("Not Found Error", "Action function not found")
    return (ACTIONS[name].__doc__ or "").strip()


ACTIONS = {
    f.__name__: f
    for f in (
        package_list,
        package_search,
        package_show,
        organization_list,
        organization_show,
        help_show,
    )
}


def _data(request) -> dict:
    if request.method == "POST" and request.body:
        if request.content_type == "application/json" or request.body.lstrip()[:1] == b"{":
            try:
                data = json.loads(request.body)
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise ActionError("Bad request", "Cannot read the JSON body") from None
            if not isinstance(data, dict):
                raise ActionError("Bad request", "The JSON body must be an object")
            return data
        return request.POST.dict()
    return request.GET.dict()


@csrf_exempt
def action(request, name: str):
    """/api/3/action/<name> (and /api/action/<name>): GET parameters or a POST JSON body."""
    if request.method not in {"GET", "POST"}:
        return JsonResponse(
            {"help": _help(request, name), "success": False,
             "error": {"__type": "Bad request", "message": "Use GET or POST"}},
            status=405,
        )  # fmt: skip
    try:
        if name not in ACTIONS:
            raise ActionError("Bad request", f"Action name not known: {name}")
        result = ACTIONS[name](request, _data(request))
    except ActionError as error:
        return JsonResponse(
            {"help": _help(request, name), "success": False, "error": error.body()},
            status=ActionError.STATUS[error.kind],
        )
    response = JsonResponse({"help": _help(request, name), "success": True, "result": result})
    response["Access-Control-Allow-Origin"] = "*"
    return response
