"""A local GOV.UK Notify for tests: a real HTTP server in a thread.

It implements what notifications-python-client uses (POST /v2/notifications/email and
/sms, GET /v2/notifications/{id}, GET /v2/notifications?reference=...), checks the
client's JWT exactly as Notify does, and answers errors in Notify's own envelope
({"errors": [{"error": ..., "message": ...}], "status_code": ...}), shapes taken from
the OpenAPI files in shared/standards/notify/openapi.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"frontdoor_test-{SERVICE_ID}-{SECRET}"
_UK_MOBILE = re.compile(r"^(?:\+?44|0)7\d{9}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Fault:
    status: int
    error: str
    message: str


@dataclass
class State:
    templates: dict[str, dict] = field(default_factory=dict)
    notifications: list[dict] = field(default_factory=list)
    posts: int = 0
    faults: list[Fault] = field(default_factory=list)
    # When set, a POST is recorded, then the response waits until `release` is set: the
    # moment a worker can be killed "mid-send".
    hold: bool = False
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    # Status GET returns for each notification, by recipient; default "delivered".
    outcomes: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _error(status: int, error: str, message: str) -> tuple[int, dict]:
    return status, {"errors": [{"error": error, "message": message}], "status_code": status}


class _Handler(BaseHTTPRequestHandler):
    server: FakeNotify

    def log_message(self, format, *args):  # silence the default stderr log
        return

    def _send(self, status: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        try:
            self.end_headers()
            self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client died waiting (a killed worker): Notify still has the message

    def _authorised(self) -> tuple[int, dict] | None:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return _error(401, "AuthError", "Unauthorized: authentication token must be provided")
        token = header.removeprefix("Bearer ")
        try:
            if get_token_issuer(token) != SERVICE_ID:
                return _error(403, "AuthError", "Invalid token: service not found")
            decode_jwt_token(token, SECRET)
        except TokenError as error:
            return _error(403, "AuthError", error.message)
        return None

    def _fault(self) -> tuple[int, dict] | None:
        state = self.server.state
        with state.lock:
            if state.faults:
                fault = state.faults.pop(0)
                return _error(fault.status, fault.error, fault.message)
        return None

    def do_POST(self):
        refused = self._authorised() or self._fault()
        if refused:
            return self._send(*refused)
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        path = urlsplit(self.path).path
        if path == "/v2/notifications/email":
            return self._send(*self._create(body, "email", "email_address", _EMAIL))
        if path == "/v2/notifications/sms":
            return self._send(*self._create(body, "sms", "phone_number", _UK_MOBILE))
        return self._send(*_error(404, "NotFound", "The requested URL was not found"))

    def _create(self, body: dict, kind: str, to_field: str, pattern) -> tuple[int, dict]:
        state = self.server.state
        to = str(body.get(to_field, ""))
        if not to:
            return _error(400, "ValidationError", f"{to_field} is a required property")
        if kind == "sms" and not pattern.match(re.sub(r"[\s()-]", "", to)):
            return _error(400, "ValidationError", "phone_number Not a UK mobile number")
        if kind == "email" and not pattern.match(to):
            return _error(400, "ValidationError", "email_address Not a valid email address")
        template_id = str(body.get("template_id", ""))
        try:
            uuid.UUID(template_id)
        except ValueError:
            return _error(400, "ValidationError", "template_id is not a valid UUID")
        template = state.templates.get(template_id)
        if template is None or template["type"] != kind:
            return _error(400, "BadRequestError", "Template not found")
        personalisation = body.get("personalisation") or {}
        missing = [k for k in template["placeholders"] if k not in personalisation]
        if missing:
            return _error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        notification_id = str(uuid.uuid4())
        record = {
            "id": notification_id,
            "reference": body.get("reference"),
            "type": kind,
            "email_address": to if kind == "email" else None,
            "phone_number": to if kind == "sms" else None,
            "status": "created",
            "template": {"id": template_id, "version": 1, "uri": f"/v2/template/{template_id}"},
            "personalisation": personalisation,
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        }
        with state.lock:
            state.posts += 1
            state.notifications.append(record)
        if state.hold:
            state.held.set()
            state.release.wait(timeout=30)
        content = (
            {"body": "…", "from_number": "Frontdoor"}
            if kind == "sms"
            else {
                "subject": "…",
                "body": "…",
                "from_email": "frontdoor@notifications.service.gov.uk",
                "one_click_unsubscribe_url": None,
            }
        )
        return 201, {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": content,
            "uri": f"{self.server.url}/v2/notifications/{notification_id}",
            "template": record["template"],
            "scheduled_for": None,
        }

    def do_GET(self):
        refused = self._authorised() or self._fault()
        if refused:
            return self._send(*refused)
        parts = urlsplit(self.path)
        state = self.server.state
        if parts.path == "/v2/notifications":
            query = parse_qs(parts.query)
            found = list(reversed(state.notifications))
            if "reference" in query:
                found = [n for n in found if n["reference"] in query["reference"]]
            if "template_type" in query:
                found = [n for n in found if n["type"] in query["template_type"]]
            return self._send(
                200,
                {
                    "notifications": [self._public(n) for n in found[:250]],
                    "links": {"current": f"{self.server.url}{self.path}"},
                },
            )
        match = re.fullmatch(r"/v2/notifications/([^/]+)", parts.path)
        if match:
            try:
                uuid.UUID(match.group(1))
            except ValueError:
                return self._send(*_error(400, "ValidationError", "id is not a valid UUID"))
            for notification in state.notifications:
                if notification["id"] == match.group(1):
                    return self._send(200, self._public(notification))
            return self._send(*_error(404, "NoResultFound", "No result found"))
        return self._send(*_error(404, "NotFound", "The requested URL was not found"))

    def _public(self, notification: dict) -> dict:
        to = notification["email_address"] or notification["phone_number"]
        status = self.server.state.outcomes.get(to, "delivered")
        public = {k: v for k, v in notification.items() if k != "personalisation"}
        return {**public, "status": status}


class FakeNotify(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = State()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def add_template(self, *, kind: str, placeholders: list[str]) -> str:
        template_id = str(uuid.uuid4())
        self.state.templates[template_id] = {"type": kind, "placeholders": placeholders}
        return template_id

    def fail_next(self, status: int, error: str, message: str, times: int = 1) -> None:
        self.state.faults.extend(Fault(status, error, message) for _ in range(times))

    def by_reference(self, reference: str) -> list[dict]:
        return [n for n in self.state.notifications if n["reference"] == reference]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.state.release.set()
        self.shutdown()
        self.server_close()
