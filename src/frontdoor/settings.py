"""Django settings. Every value comes from the environment through frontdoor.environment."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from frontdoor import environment as env

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_DIR / "var"

MODE = env.mode()
IN_PRODUCTION = MODE == env.PRODUCTION
SECRET_KEY = env.secret_key(chosen_mode=MODE, data_dir=DATA_DIR)
DEBUG = env.flag("DEBUG") and not IN_PRODUCTION
ALLOWED_HOSTS = env.allowed_hosts(chosen_mode=MODE)

COUNCIL_NAME = env.value("COUNCIL_NAME")
COUNCIL_LOGO = env.value("COUNCIL_LOGO")
COUNCIL_URL = env.value("COUNCIL_URL")
SERVICE_NAME = env.value("SERVICE_NAME")
PHASE = env.value("PHASE")
CONTACT_EMAIL = env.value("CONTACT_EMAIL")
QUEUE_STALL_SECONDS = env.integer("QUEUE_STALL_SECONDS")
PUBLIC_URL = env.value("PUBLIC_URL").rstrip("/")

# Messages to residents (the notify app): GOV.UK Notify when a key is set, else SMTP for
# email when EMAIL_URL is set, else the local outbox that staff read.
NOTIFY_API_KEY = env.value("NOTIFY_API_KEY")
NOTIFY_BASE_URL = env.value("NOTIFY_BASE_URL")
EMAIL_URL = env.value("EMAIL_URL")
DEFAULT_FROM_EMAIL = env.value("EMAIL_FROM")
if EMAIL_URL:
    globals().update(env.email(EMAIL_URL))
MAP_TILES_URL = env.value("MAP_TILES_URL")
COUNCIL_BOUNDARY = env.value("COUNCIL_BOUNDARY")
OPEN311_JURISDICTION_ID = env.value("OPEN311_JURISDICTION_ID")
REPORTS_NEARBY_DISTANCE_M = env.integer("REPORTS_NEARBY_DISTANCE_M")
REPORTS_DUPLICATE_DISTANCE_M = env.integer("REPORTS_DUPLICATE_DISTANCE_M")
REPORTS_DUPLICATE_DAYS = env.integer("REPORTS_DUPLICATE_DAYS")
PRIVACY_ENCRYPTION_KEYS = env.listing("PRIVACY_ENCRYPTION_KEYS")
RESIDENTS_AUTO_MERGE = float(env.value("RESIDENTS_AUTO_MERGE"))
RESIDENTS_REVIEW_FROM = float(env.value("RESIDENTS_REVIEW_FROM"))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    # Frontdoor's own apps, one per capability. core comes before django.forms so its
    # GOV.UK widget templates win.
    "frontdoor.core",
    "django.forms",
    "frontdoor.accounts",
    "frontdoor.audit",
    "frontdoor.notify",
    "frontdoor.places",
    "frontdoor.cases",
    "frontdoor.journeys",
    "frontdoor.governance",
    "frontdoor.directory",
    "frontdoor.reports",
    "frontdoor.insights",
    "frontdoor.opendata",
    "frontdoor.privacy",
    "frontdoor.residents",
    "frontdoor.demo",
]
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "frontdoor.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must come last: it turns a lockout raised during sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "frontdoor.urls"
WSGI_APPLICATION = "frontdoor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "frontdoor.core.context_processors.council",
            ],
            "builtins": ["frontdoor.core.templatetags.govuk"],
        },
    },
]
FORM_RENDERER = "frontdoor.core.forms.GovukFormRenderer"

DATABASES = {"default": env.database(project_dir=PROJECT_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache every web and worker process shares (rate limits, sign-in throttling), with no
# extra server to run: it lives in the same database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "frontdoor_cache",
    }
}

TASKS = {
    "default": {
        "BACKEND": env.value("TASKS_BACKEND"),
        "QUEUES": ["default"],
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Residents' sessions (email link or code, OpenID Connect): never a staff member.
    "frontdoor.accounts.backends.ResidentBackend",
]
LOGIN_URL = "accounts:staff-sign-in"
LOGIN_REDIRECT_URL = "accounts:staff-home"
LOGOUT_REDIRECT_URL = "core:home"

# Sign-in throttling: five failures for one name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = 1 if env.flag("BEHIND_PROXY") else 0

SESSION_COOKIE_AGE = int(timedelta(hours=8).total_seconds())
# Signed out after this long without activity (accounts.middleware.IdleTimeoutMiddleware).
STAFF_IDLE_MINUTES = env.integer("STAFF_IDLE_MINUTES")
RESIDENT_IDLE_MINUTES = env.integer("RESIDENT_IDLE_MINUTES")
# Residents' single sign-on (accounts.oidc); empty issuer offers email sign-in only.
OIDC_ISSUER = env.value("OIDC_ISSUER")
OIDC_CLIENT_ID = env.value("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env.value("OIDC_CLIENT_SECRET")
OIDC_PRIVATE_KEY_FILE = env.value("OIDC_PRIVATE_KEY_FILE")
OIDC_PROVIDER_NAME = env.value("OIDC_PROVIDER_NAME")
OIDC_SCOPES = env.value("OIDC_SCOPES")
# Staff two-factor sign-in (django-otp TOTP): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = env.value("SERVICE_NAME")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "frontdoor.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if IN_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(timedelta(days=365).total_seconds())
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT_EXEMPT = [r"^healthz$"]
if env.flag("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env.origins(MAP_TILES_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# `make assets` fills build/static from npm packages (GOV.UK Frontend's script and images,
# Leaflet) and compiles assets/scss; nothing third-party is kept in the repository.
STATICFILES_DIRS = [PROJECT_DIR / "build" / "static"]
STORAGES = {
    # Files residents send are encrypted at rest (privacy/storage.py).
    "default": {"BACKEND": "frontdoor.privacy.storage.EncryptedFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.security": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
