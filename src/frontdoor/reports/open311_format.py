"""GeoReport v2's two formats from one structure: XML (required by the spec) and JSON, which
mirrors it the spec's way: the outer element dropped, repeated children as an array.

Element names are the spec's; dates carry their timezone (W3C); ids are strings.
"""

from __future__ import annotations

import datetime
import json
from xml.etree import ElementTree

from django.http import HttpResponse

XML = "xml"
JSON = "json"
FORMATS = (XML, JSON)
CONTENT_TYPES = {XML: "text/xml; charset=utf-8", JSON: "application/json; charset=utf-8"}
# Each list element's repeated child, as the spec names it.
_NO_OFFSET = datetime.timedelta(0)
CHILDREN = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "groups": "group",
}


def w3c(moment: datetime.datetime | None) -> str | None:
    """A W3C-DTF date and time in UTC, with its timezone: 2026-11-22T09:30:00Z."""
    if moment is None:
        return None
    if moment.utcoffset() != _NO_OFFSET:
        moment = moment.astimezone(datetime.UTC)
    # isoformat is several times faster than strftime, and a thousand rows have three each.
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return w3c(value) or ""
    return str(value)


def _element(parent: ElementTree.Element, name: str, value) -> None:
    node = ElementTree.SubElement(parent, name)
    _fill(node, name, value)


def _fill(node: ElementTree.Element, name: str, value) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _element(node, key, inner)
    elif isinstance(value, list):
        child = CHILDREN.get(name, "item")
        for inner in value:
            _element(node, child, inner)
    else:
        node.text = _text(value)


def to_xml(root: str, value) -> bytes:
    """`<?xml ...?><root>...</root>`: a list becomes repeated children of the spec's name."""
    node = ElementTree.Element(root)
    _fill(node, root, value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(
        node, encoding="utf-8", xml_declaration=False
    )


def _json_default(value):
    if isinstance(value, datetime.datetime):
        return w3c(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def respond(fmt: str, root: str, value, *, status: int = 200) -> HttpResponse:
    """The response in the asked-for format: `root` is the XML outer element, dropped in
    JSON (whose body is `value` itself: an array for lists, an object for one thing)."""
    if fmt == JSON:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)
        return HttpResponse(body.encode(), status=status, content_type=CONTENT_TYPES[JSON])
    return HttpResponse(to_xml(root, value), status=status, content_type=CONTENT_TYPES[XML])


def errors(fmt: str, status: int, *problems: tuple[int, str]) -> HttpResponse:
    """The spec's error format: `[{code, description}]` or `<errors><error>...`."""
    body = [{"code": code, "description": description} for code, description in problems]
    return respond(fmt if fmt in FORMATS else XML, "errors", body, status=status)
