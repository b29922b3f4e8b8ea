"""Entrepairs settings: every value comes from the environment, with safe development defaults.

Production: set ENTREPAIRS_ENV=production, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
ENCRYPTION_KEYS (REDIS_URL for the cache; the task queue is the database).
"""

import logging
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from entrepairs.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    return env(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = env("ENTREPAIRS_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

# Development-only fallback: production refuses to start without a real key.
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production-0123456789abcdef"  # noqa: S105 - development default, refused in production
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set in production")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Fernet keys for confidential text, newest first; `manage.py rotate_keys` re-encrypts with the first.
ENCRYPTION_KEYS = env_list("ENCRYPTION_KEYS")
if PRODUCTION and not ENCRYPTION_KEYS:
    raise RuntimeError("ENCRYPTION_KEYS must be set in production")

INSTALLED_APPS = [
    "entrepairs.core.apps.EntrepairsAdminConfig",  # django.contrib.admin, our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "auditlog",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_tasks_db",
    "crontask",
    "django_structlog",
    "entrepairs.core",
    "entrepairs.accounts",
    "entrepairs.organisations",
    "entrepairs.people",
    "entrepairs.groups",
    "entrepairs.contracts",
    "entrepairs.mailing",
    "entrepairs.training",
    "entrepairs.networks",
    "entrepairs.events",
    "entrepairs.coaching",
    "entrepairs.mentoring",
    "entrepairs.onboarding",
    "entrepairs.casework",
    "entrepairs.home",
    "entrepairs.demo",
]

MIDDLEWARE = [
    # First: /healthz, /readyz and /metrics answer a probe on any Host, over plain HTTP.
    "entrepairs.core.probes.ProbeMiddleware",
    "entrepairs.core.metrics.MetricsMiddleware",
    # A request id on every log line of the request (and of the jobs it enqueues).
    "django_structlog.middlewares.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "entrepairs.core.middleware.FrenchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "entrepairs.core.middleware.AuditContextMiddleware",
    "entrepairs.core.middleware.NoStoreMiddleware",
    "entrepairs.accounts.middleware.InactivityTimeoutMiddleware",
    "entrepairs.accounts.middleware.RequireTwoFactorMiddleware",
    # Innermost: the product's 404 page in development too, not Django's debug page.
    "entrepairs.core.middleware.ProductErrorPagesMiddleware",
]

ROOT_URLCONF = "entrepairs.urls"
# A form sent with an expired token: the product's page, in its frame (core.views.errors).
CSRF_FAILURE_VIEW = "entrepairs.core.views.errors.csrf_failure"
WSGI_APPLICATION = "entrepairs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "entrepairs" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "entrepairs.core.context_processors.navigation",
            ],
        },
    },
]

# Every form's fields carry the keyboard a phone should show (core.keyboard, issue 15 §8).
FORM_RENDERER = "entrepairs.core.keyboard.KeyboardRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'entrepairs.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it: after the database server
        # restarts, the app reconnects instead of failing until its processes restart (#17 drill).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Our queries are short OLTP lookups: PostgreSQL's JIT costs more than it saves on them.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web app and the task worker use the file at the same time.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Who the current user is across organisations; core reads it through this name (it may not
# import the organisations app).
VIEWER_FUNCTION = "entrepairs.organisations.viewer.viewer_for"

REDIS_URL = env("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    # Degrades instead of failing while Redis is unreachable, resumes when it answers (core.cache).
    _CACHE: dict[str, Any] = {
        "BACKEND": "entrepairs.core.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
    }
else:
    # Files, not process memory: the web server, the worker and commands (an import run from the
    # shell) must see the same cache, or a cached list would miss their changes.
    _CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(BASE_DIR / "var" / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
CACHES = {
    "default": _CACHE,
    # A request's log context (its id) handed to the jobs it enqueued, read by the worker
    # (django-structlog); a day is longer than any job waits.
    "django_structlog": {**_CACHE, "TIMEOUT": 24 * 3600, "KEY_PREFIX": "logctx"},
}
if not REDIS_URL:  # its own directory: the two caches' culling must not evict each other's keys
    CACHES["django_structlog"]["LOCATION"] = str(BASE_DIR / "var" / "cache-logctx")
# How long big lists keep a cached page (core.listcache; writes invalidate them anyway); 0 = off.
LIST_CACHE_SECONDS = int(env("LIST_CACHE_SECONDS", "600"))
# People imports of more rows than this are written by the task worker, not within the request.
IMPORT_INLINE_ROWS = int(env("IMPORT_INLINE_ROWS", "200"))
# Files people upload (the people import, in the browser, the API, the command and the worker):
# limits checked while the file is read, packed and unpacked (entrepairs.core.uploads).
UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_BYTES", str(2 * 1024 * 1024)))
UPLOAD_MAX_UNPACKED_BYTES = int(env("UPLOAD_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024)))
# A workbook's table of texts is held in memory whole while its sheet is read.
UPLOAD_MAX_SHARED_STRINGS_BYTES = int(env("UPLOAD_MAX_SHARED_STRINGS_BYTES", str(10 * 1024 * 1024)))
UPLOAD_MAX_ROWS = int(env("UPLOAD_MAX_ROWS", "10000"))  # besides the header line
UPLOAD_MAX_COLUMNS = int(env("UPLOAD_MAX_COLUMNS", "100"))
UPLOAD_MAX_CELLS = int(env("UPLOAD_MAX_CELLS", "2000000"))
# Reading only; checking the rows comes after. Well within the web server's 60 s timeout.
UPLOAD_MAX_SECONDS = float(env("UPLOAD_MAX_SECONDS", "20"))

# Background work: the database is the queue of record (django-tasks-db; SKIP LOCKED on
# PostgreSQL), durable by construction; Redis is only a cache (docs/deployment.md, background jobs).
TASKS_BACKEND = env("TASKS_BACKEND", "database")
TASKS: dict[str, dict[str, Any]]
if TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    raise RuntimeError(
        f"TASKS_BACKEND={TASKS_BACKEND!r}: the queue is the database ('database', the default)."
    )
# A running job's worker renews its lease every JOB_HEARTBEAT_INTERVAL seconds; a lease older than
# JOB_HEARTBEAT_TIMEOUT means the worker died, and the job is queued again within the next sweep
# (every JOB_SWEEP_INTERVAL seconds, by every worker): within two minutes by default.
JOB_HEARTBEAT_TIMEOUT = float(env("JOB_HEARTBEAT_TIMEOUT", "90"))
JOB_HEARTBEAT_INTERVAL = float(
    env("JOB_HEARTBEAT_INTERVAL", str(max(min(JOB_HEARTBEAT_TIMEOUT / 6, 15.0), 0.2)))
)
JOB_SWEEP_INTERVAL = float(
    env("JOB_SWEEP_INTERVAL", str(max(min(JOB_HEARTBEAT_TIMEOUT / 6, 15.0), 0.2)))
)
# How long the worker waits after a database error in its own loop before trying again.
JOB_WORKER_PAUSE = float(env("JOB_WORKER_PAUSE", "2"))

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("FAST_PASSWORD_HASHER", False):  # tests and benchmarks only
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# allauth: e-mail login, no self sign-up (people are invited), TOTP two-factor.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "entrepairs.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"reset_password_from_key": "entrepairs.accounts.forms.PasswordFromMailedLinkForm"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Failed sign-ins are throttled per account (the key: the e-mail typed) and, more loosely, per
# client address: a whole office may share one public address, so one person's five wrong
# passwords lock their own account for a while, never everybody's (docs/deployment.md).
ACCOUNT_RATE_LIMITS = {"login_failed": env("LOGIN_FAILED_RATE", "20/5m/ip,5/5m/key")}
# The client's address (throttling, audit trail) is REMOTE_ADDR unless the app runs behind
# reverse proxies we control: TRUSTED_PROXY_COUNT of them, each appending to X-Forwarded-For;
# or one that writes the address into a header of its own (TRUSTED_CLIENT_IP_HEADER, e.g.
# X-Real-IP). Never trust these headers without a proxy that overwrites them.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER") or None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Entrepairs"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "/accounts/login/"

# E-mail (Django 6.1 mailers). Development writes each mail as a file under var/mail;
# production uses SMTP configured by EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
_MAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
if _MAIL_BACKEND.endswith("filebased.EmailBackend"):
    _MAIL_OPTIONS: dict[str, object] = {
        "file_path": env("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
    }
elif _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    _MAIL_OPTIONS = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": int(env("EMAIL_PORT", "25")),
        "username": env("EMAIL_HOST_USER"),
        "password": env("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
else:
    _MAIL_OPTIONS = {}
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND, "OPTIONS": _MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Entrepairs <no-reply@entrepairs.localhost>")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Network mailing lists: the worker sends a message in batches of this size, at most this many
# e-mails a minute (mailing.services.enqueue_batches), so the mail server is never flooded.
MAILING_LIST_BATCH_SIZE = int(env("MAILING_LIST_BATCH_SIZE", "100"))
MAILING_LIST_RATE_PER_MINUTE = int(env("MAILING_LIST_RATE_PER_MINUTE", "600"))

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "entrepairs" / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Paris")
USE_I18N = True
# The app's date formats where Django's differ (English day first, 24-hour): entrepairs/formats/.
FORMAT_MODULE_PATH = ["entrepairs.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "entrepairs" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "entrepairs.accounts.api.authentication.AccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "entrepairs.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "entrepairs.core.api.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min"},
    # ISO 8601, and the way a French reader writes a date ("08/12/2026 10:00").
    "DATETIME_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"],
    "DATE_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Entrepairs API",
    "DESCRIPTION": "Organisations, people, roles and the modules of Entrepairs. "
    "Authenticate with a session or a personal access token: `Authorization: Bearer <token>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation documents its error answers too (400, 401, 403, 404, 429).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "entrepairs.core.api.schema.document_errors",
    ],
    # Swagger UI served by the app itself: no CDN, so the docs work on a closed network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "entrepairs.organisations.models.Role.choices",
        # Why a coordinator ended a coach pairing (the request's field and the pairing's).
        "CoachingEndReasonEnum": [
            "goals_met",
            "period_over",
            "unavailable",
            "left",
            "mismatch",
            "other",
        ],
        # A network's member organisations and members: where they stand, who asked first.
        "NetworkStatusEnum": ["pending", "accepted", "declined", "left"],
        "NetworkDirectionEnum": ["invitation", "request"],
        "GroupStatusEnum": ["draft", "founded", "ended"],
        "EventKindEnum": ["training", "meeting", "dinner", "webinar"],
        "OnboardingKitKindEnum": "entrepairs.onboarding.models.choices.KitKind.choices",
        "OnboardingOwnerRoleEnum": "entrepairs.onboarding.models.choices.OwnerRole.choices",
        "OnboardingPhaseEnum": "entrepairs.onboarding.models.choices.Phase.choices",
        "OnboardingJourneyStatusEnum": "entrepairs.onboarding.models.choices.JourneyStatus.choices",
        "OnboardingSupportKindEnum": "entrepairs.onboarding.models.choices.SupportKind.choices",
        "OnboardingCompetencyKindEnum": "entrepairs.onboarding.models.choices.CompetencyKind.choices",
        "OnboardingFeedbackKindEnum": "entrepairs.onboarding.models.choices.FeedbackKind.choices",
        "CaseworkPlacementKindEnum": [
            "foster_family",
            "small_unit",
            "reception_centre",
            "independent",
            "childrens_home",
            "secure",
        ],
        # A child's placement (one home in people, shared by casework and mentoring).
        "PlacementKindEnum": [
            "foster_family",
            "adoptive_family",
            "small_unit",
            "reception_centre",
            "independent",
            "childrens_home",
            "secure",
            "other",
        ],
        # A wish about a match (adoption: the youth's and the new family's) and a role in a group.
        "MatchWishEnum": ["keep", "end"],
        "GroupSeatEnum": ["member", "facilitator"],
        # Nested choices are named by their values (an import path cannot reach them).
        "CaseworkCaseStatusEnum": ["new", "open", "closed"],
        "CaseworkCaseEventKindEnum": ["opened", "updated", "guardian", "placement", "closed"],
        "CaseworkProposalKindEnum": ["new_cases", "rebalance"],
        "CaseworkProposalStatusEnum": ["proposed", "confirmed", "discarded", "superseded"],
        # casework decisions (issue 12 points 6 and 8); a risk level and a vulnerability share
        # their values (low, medium, high): one name for both.
        "CaseworkLevelEnum": ["low", "medium", "high"],
        "CaseworkExpertRoleEnum": ["psychologist", "legal_adviser", "other"],
        "CaseworkRiskFactorKindEnum": ["risk", "protective"],
        "CaseworkDecisionStatusEnum": ["prepared", "decided"],
        "CaseworkAttendanceStatusEnum": ["present", "excused", "absent"],
        # Named once incidents and care plans brought second "kind" and "status" choice sets.
        "CaseworkIncidentKindEnum": [
            "runaway",
            "violence",
            "abuse",
            "self_harm",
            "health",
            "placement",
            "other",
        ],
        "CaseworkIncidentStatusEnum": ["open", "closed"],
        "CaseworkCarePlanStatusEnum": ["draft", "submitted", "returned", "approved", "superseded"],
        "GroupKindEnum": ["peer_support", "supervision", "practice_analysis", "team_regulation"],
        "GroupSessionStatusEnum": ["planned", "held", "cancelled"],
        "MentoringMentorStatusEnum": [
            "applied",
            "screening",
            "training",
            "approved",
            "rejected",
            "withdrawn",
        ],
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database only: a cache outage neither signs people out nor fails pages,
# and a session ended during one (a sign-out) cannot come back from a stale cached copy after.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
# A session ends after this many minutes without a request for people holding a role that handles
# children's data, unless one of their organisations sets its own limit (the strictest applies).
SESSION_IDLE_MINUTES = int(env("SESSION_IDLE_MINUTES", "30"))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy, enforced: only this site's own files; no inline script or style
# (the few inline blocks carry the per-request nonce); no third-party origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # data: for the small SVG icons Swagger UI's stylesheet embeds.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Set CSP_REPORT_ONLY=true only to try a policy change: the policy is then reported, not enforced.
if env_bool("CSP_REPORT_ONLY", False):
    SECURE_CSP_REPORT_ONLY, SECURE_CSP = SECURE_CSP, {}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Logs: one line per event, JSON in production, readable in development (entrepairs.logs).
LOG_FORMAT = env("LOG_FORMAT", "json" if PRODUCTION else "console")
LOGGING = logging_config(
    json=LOG_FORMAT == "json", level=env("LOG_LEVEL", "INFO" if not DEBUG else "WARNING")
)
# The access log is django-structlog's request_finished line (masked); request_started is noise.
DJANGO_STRUCTLOG_STATUS_START_LOG_LEVEL = logging.DEBUG
DJANGO_STRUCTLOG_DJANGO_TASKS_ENABLED = True

# /metrics: from these addresses reached directly (not through the proxy), or with
# `Authorization: Bearer <METRICS_TOKEN>`; anyone else gets 404 (core.metrics).
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
METRICS_TOKEN = env("METRICS_TOKEN")
