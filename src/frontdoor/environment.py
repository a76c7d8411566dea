"""Every value Frontdoor reads from its environment, declared once.

The declaration is data: settings.py reads values through it, `manage.py settings_doc`
writes docs/settings.md from it, and a test fails when that page falls behind.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

PRODUCTION = "production"
LOCAL = "local"
# The key Django's own start-project template would generate never reaches production.
_MIN_SECRET_KEY_LENGTH = 50


class ConfigurationError(ImproperlyConfigured):
    """A setting is missing or wrong; the message is one sentence saying what to set."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    production: str = "optional"  # "required" when production mode refuses to start without it


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "FRONTDOOR_MODE",
        LOCAL,
        "`local` for a laptop or demo, `production` for a live council: "
        "production refuses to start without a real SECRET_KEY and ALLOWED_HOSTS, turns "
        "on secure cookies, HTTPS redirects and HSTS, and never loads demo users.",
    ),
    Setting(
        "SECRET_KEY",
        "",
        "Django's signing key, at least 50 random characters. Locally, one is "
        "generated once and kept in `var/secret_key`.",
        production="required",
    ),
    Setting("DEBUG", "false", "`true` shows Django's debug pages. Never in production."),
    Setting(
        "ALLOWED_HOSTS",
        "localhost,127.0.0.1,[::1]",
        "Comma-separated host names this site answers to.",
        production="required",
    ),
    Setting(
        "DATABASE_URL",
        "sqlite:///var/frontdoor.sqlite3",
        "Where the data lives: "
        "`sqlite:///path` (embedded, WAL mode) or `postgres://user:password@host:5432/name`. "
        "A relative SQLite path is relative to the project folder.",
    ),
    Setting(
        "DATABASE_CONN_MAX_AGE",
        "60",
        "Seconds a PostgreSQL connection is kept open between requests.",
    ),
    Setting(
        "COUNCIL_NAME",
        "Southampton (demo) City Council",
        "The council's name, shown in the header, titles and messages.",
    ),
    Setting(
        "COUNCIL_LOGO",
        "",
        "Static path of the council's logo (SVG or PNG) for the header; empty shows the name only.",
    ),
    Setting(
        "COUNCIL_URL",
        "https://www.southampton.gov.uk",
        "The council's main website, linked from the footer.",
    ),
    Setting("SERVICE_NAME", "Frontdoor", "The name of this service in the service navigation."),
    Setting(
        "PHASE", "beta", "The phase shown in the phase banner (alpha, beta, or empty for none)."
    ),
    Setting(
        "CONTACT_EMAIL",
        "digital@example.gov.uk",
        "Where residents write about this "
        "site; shown in the accessibility statement and privacy notice.",
    ),
    Setting(
        "TASKS_BACKEND",
        "django_tasks_db.DatabaseBackend",
        "Django Tasks backend for "
        "background work; the default keeps the queue in the database and "
        "`manage.py db_worker` runs it.",
    ),
    Setting(
        "QUEUE_STALL_SECONDS",
        "300",
        "/healthz reports the queue unhealthy when a task has waited longer than this.",
    ),
    Setting(
        "BEHIND_PROXY",
        "false",
        "`true` when a load balancer terminates HTTPS and sets X-Forwarded-Proto.",
    ),
    Setting(
        "STAFF_IDLE_MINUTES",
        "30",
        "Minutes without activity after which a member of staff is signed out.",
    ),
    Setting(
        "RESIDENT_IDLE_MINUTES",
        "60",
        "Minutes without activity after which a resident is signed out of their account.",
    ),
    Setting(
        "OIDC_ISSUER",
        "",
        "OpenID Connect provider residents may sign in with (its issuer URL, whose "
        "`/.well-known/openid-configuration` is read), e.g. "
        "`https://oidc.account.gov.uk/` for GOV.UK One Login; empty offers email sign-in only.",
    ),
    Setting("OIDC_CLIENT_ID", "", "This council's client id at the OpenID Connect provider."),
    Setting(
        "OIDC_CLIENT_SECRET",
        "",
        "The client secret for `client_secret_basic`; empty with OIDC_PRIVATE_KEY_FILE set "
        "uses `private_key_jwt` (what GOV.UK One Login asks for).",
    ),
    Setting(
        "OIDC_PRIVATE_KEY_FILE",
        "",
        "PEM file of the RSA private key whose public half the provider holds, for "
        "`private_key_jwt` client authentication.",
    ),
    Setting(
        "OIDC_PROVIDER_NAME",
        "GOV.UK One Login",
        "The provider's name on the sign-in button.",
    ),
    Setting(
        "OIDC_SCOPES", "openid email", "Scopes asked of the provider; `email` must be among them."
    ),
    Setting(
        "NOTIFY_API_KEY", "", "GOV.UK Notify API key; empty keeps messages in the local outbox."
    ),
    Setting(
        "NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk", "GOV.UK Notify API address."
    ),
    Setting(
        "EMAIL_URL",
        "",
        "SMTP server for email when Notify is not used, `smtp://user:password@host:587`.",
    ),
    Setting(
        "EMAIL_FROM",
        "Frontdoor <noreply@example.gov.uk>",
        "The sender of email sent through EMAIL_URL.",
    ),
    Setting(
        "PUBLIC_URL",
        "http://localhost:8000",
        "The address residents use to reach this site, for links in messages "
        "(for example the track-my-request page).",
    ),
    Setting(
        "MAP_TILES_URL",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "Map tiles for the optional map on location questions, as a `{z}/{x}/{y}` URL "
        "template; its host is added to the Content-Security-Policy. Empty hides the map: "
        "residents still answer in words.",
    ),
    Setting(
        "COUNCIL_BOUNDARY",
        "",
        "Path to a GeoJSON file with the council's boundary (a Polygon or MultiPolygon, "
        "for example from the ONS Open Geography Portal). Reports outside it are refused. "
        "Empty uses the demo council's outline.",
    ),
    Setting(
        "OPEN311_JURISDICTION_ID",
        "",
        "The Open311 `jurisdiction_id` this site answers to (for example `southampton.gov.uk`); "
        "a request naming another is refused with 404. Empty accepts any and ignores it.",
    ),
    Setting(
        "REPORTS_NEARBY_DISTANCE_M",
        "250",
        "How far from a new street report (metres) to look for open reports of the same "
        "category to show the resident before they submit.",
    ),
    Setting(
        "REPORTS_DUPLICATE_DISTANCE_M",
        "50",
        "A new street report this close (metres) to an open one of the same category, and "
        "within REPORTS_DUPLICATE_DAYS of it, is flagged to staff as a possible duplicate.",
    ),
    Setting(
        "REPORTS_DUPLICATE_DAYS",
        "30",
        "How many days back to look for a possible duplicate of a new street report.",
    ),
    Setting(
        "PRIVACY_ENCRYPTION_KEYS",
        "",
        'Comma-separated Fernet keys (`python -c "from cryptography.fernet import Fernet; '
        'print(Fernet.generate_key().decode())"`) that encrypt files and sensitive answers '
        "at rest. The first encrypts; the others still decrypt, so a key can be rotated. "
        "Empty derives one from SECRET_KEY, which then must never change; set your own in "
        "production.",
    ),
    Setting("HOST", "127.0.0.1", "Address `make run` serves on."),
    Setting("PORT", "8000", "Port `make run` serves on."),
    Setting("WEB_CONCURRENCY", "2", "Gunicorn worker processes for `make run`."),
    Setting(
        "RESIDENTS_AUTO_MERGE",
        "0.99",
        "Match probability at or above which two resident records that share a home or an "
        "email or phone merge by themselves (a data officer can undo it). Pairs that share "
        "neither, such as a person who moved or a namesake, always wait for review.",
    ),
    Setting(
        "RESIDENTS_REVIEW_FROM",
        "0.5",
        "Match probability from which a pair of resident records waits in the data "
        "officers' review queue (when it does not merge by itself: see RESIDENTS_AUTO_MERGE).",
    ),
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}


def value(name: str) -> str:
    """The environment's value for a declared setting, or its default."""
    return os.environ.get(name, _BY_NAME[name].default).strip()


def flag(name: str) -> bool:
    raw = value(name).lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"", "0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} is {raw!r}: set it to true or false.")


def integer(name: str) -> int:
    raw = value(name)
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} is {raw!r}: set it to a whole number.") from None


def listing(name: str) -> list[str]:
    return [item.strip() for item in value(name).split(",") if item.strip()]


def origins(url: str) -> list[str]:
    """The scheme and host of a URL (template), for the Content-Security-Policy."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


def mode() -> str:
    chosen = value("FRONTDOOR_MODE").lower()
    if chosen not in {LOCAL, PRODUCTION}:
        raise ConfigurationError(
            f"FRONTDOOR_MODE is {chosen!r}: set it to {LOCAL} or {PRODUCTION}."
        )
    return chosen


def secret_key(*, chosen_mode: str, data_dir: Path) -> str:
    """A real key in production; locally, a random one generated once and kept in var/."""
    key = value("SECRET_KEY")
    if chosen_mode == PRODUCTION:
        if len(key) < _MIN_SECRET_KEY_LENGTH or key.startswith("django-insecure"):
            raise ConfigurationError(
                "SECRET_KEY must be set to at least 50 random characters in production "
                '(for example the output of: python -c "import secrets; '
                'print(secrets.token_urlsafe(64))").'
            )
        return key
    if key:
        return key
    keyfile = data_dir / "secret_key"
    if not keyfile.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        keyfile.write_text(secrets.token_urlsafe(64))
        keyfile.chmod(0o600)
    return keyfile.read_text().strip()


def allowed_hosts(*, chosen_mode: str) -> list[str]:
    if chosen_mode == PRODUCTION and "ALLOWED_HOSTS" not in os.environ:
        raise ConfigurationError(
            "ALLOWED_HOSTS must be set in production to the host names this site answers to "
            "(for example ALLOWED_HOSTS=frontdoor.example.gov.uk)."
        )
    hosts = listing("ALLOWED_HOSTS")
    if chosen_mode == PRODUCTION and "*" in hosts:
        raise ConfigurationError("ALLOWED_HOSTS must name real hosts in production, not '*'.")
    return hosts


def database(*, project_dir: Path) -> dict:
    """Django's DATABASES entry for DATABASE_URL, with our SQLite and PostgreSQL tuning."""
    import dj_database_url

    url = value("DATABASE_URL")
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        path = url.removeprefix("sqlite:///")
        if path in {"", ":memory:"}:
            raise ConfigurationError(
                "DATABASE_URL must name a SQLite file, e.g. sqlite:///var/frontdoor.sqlite3."
            )
        file = Path(path) if Path(path).is_absolute() else project_dir / path
        file.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(file),
            "OPTIONS": {
                # WAL lets readers carry on while a writer commits; IMMEDIATE takes the write
                # lock up front so two writers queue instead of deadlocking on upgrade.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        config = dj_database_url.parse(
            url, conn_max_age=integer("DATABASE_CONN_MAX_AGE"), conn_health_checks=True
        )
        if not config.get("NAME"):
            raise ConfigurationError(
                "DATABASE_URL must name the database, e.g. postgres://user@host:5432/frontdoor."
            )
        return config
    raise ConfigurationError(
        f"DATABASE_URL {redact(url)!r} is not one Frontdoor understands: set it to "
        "sqlite:///var/frontdoor.sqlite3 or postgres://user:password@host:5432/name."
    )


def email(url: str) -> dict:
    """Django's email settings for an EMAIL_URL such as smtp://user:password@host:587."""
    from urllib.parse import unquote

    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ConfigurationError(
            f"EMAIL_URL {redact(url)!r} is not an SMTP address: set it like "
            "smtp://user:password@host:587 (or smtps:// for TLS on connect)."
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and (parts.port or 587) == 587,
        "EMAIL_TIMEOUT": 20,
    }


def redact(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def documentation() -> str:
    """docs/settings.md, generated from SETTINGS."""
    lines = [
        "# Settings",
        "",
        "Frontdoor reads every setting from the environment; each has a safe local default.",
        "This page is generated from `src/frontdoor/environment.py` by "
        "`manage.py settings_doc`; a test fails when it falls behind.",
        "",
        "| name | default | in production | what it does |",
        "| --- | --- | --- | --- |",
    ]
    for setting in SETTINGS:
        default = f"`{setting.default}`" if setting.default else "(empty)"
        lines.append(f"| `{setting.name}` | {default} | {setting.production} | {setting.help} |")
    return "\n".join(lines) + "\n"
