"""Settings shared by every environment; the others import this and override."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks_db",
    "axes",
    "roles",
    "hiring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as axes asks: it turns a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hiring.urls"
WSGI_APPLICATION = "hiring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}


def with_prepared_statements(database: dict) -> dict:
    """PostgreSQL binds parameters on the server and psycopg prepares a statement after
    its fifth use on a connection, so that each query shape is planned once per
    connection instead of on every request: planning a posting's nine-table join took
    1.4 ms, running it 0.1 ms. PG_PREPARED_STATEMENTS=false turns this off, for a
    transaction-pooling PgBouncer that cannot keep prepared statements."""
    if database["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "PG_PREPARED_STATEMENTS", default=True
    ):
        database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
    return database


with_prepared_statements(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"

# --- Logins ---
# django-axes counts failed logins on /admin/login/ and /review/login/ (every call of
# `authenticate()` with a request) per account and per client address, in the database:
# every app server shares it, with or without CACHE_URL. Past the limit within the cool-off
# even the right password is refused; a superuser unlocks under Admin -> Axes, or with
# `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
# A lockout lasts the cool-off from the attempt that reached the limit, as the page says;
# further attempts during it do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Axes' reset on success would delete the failures of every account tried from the
# address that logged in: anyone with an account could then guess without limit.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "hiring.site.login_lockout.client_address"
AXES_LOCKOUT_CALLABLE = "hiring.site.login_lockout.lockout_response"
# How many reverse proxies stand in front of the app servers: the client address of a
# login attempt is then the one the outermost proxy saw (see hiring/site/login_lockout.py).
ROLEKIT_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

LOGIN_URL = "review:login"
LOGIN_REDIRECT_URL = "review:queue"
LOGOUT_REDIRECT_URL = "review:login"

# A strict Content Security Policy everywhere: no inline script or style without the
# request's nonce, nothing loaded from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# The address candidates and search engines reach the careers pages at (scheme and host,
# no trailing slash): canonical links, JSON-LD, feeds, sitemaps and the API's public_url.
ROLEKIT_PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# Review e-mails (hiring/review/notifications.py) are printed to the console of the process
# that sends them, the task worker or, with TASKS_INLINE, runserver; production sends
# them over SMTP and the tests keep them in memory.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# The catalog file `manage.py load_catalog` reads by default.
ROLEKIT_CATALOG_FIXTURE = BASE_DIR / "fixtures" / "catalog.json"
# Thresholds of the mismatch engine; see hiring/rules/README.md for each key.
ROLEKIT_RULES: dict[str, float | int] = {}
# Bulk exports (the admin's "Export selected", a background task) render in this many
# worker processes; each is replaced after RECYCLE_AFTER renders, since WeasyPrint's
# memory grows (about 0.25 MiB a render: `make bench`). 200 keeps a worker near 200 MiB
# for about 5% of the time spent starting processes; 60 kept it at 166 MiB for 18%.
# A render that gives no answer within RENDER_TIMEOUT seconds (its worker died or hung)
# is reported as that posting's error.
ROLEKIT_EXPORT_JOBS = 1
ROLEKIT_EXPORT_RECYCLE_AFTER = 200
ROLEKIT_EXPORT_RENDER_TIMEOUT = 120

# --- API ---
# The ATS REST API (hiring/api/), its schema, background tasks and webhooks.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "hiring.api.authentication.ApiKeyAuthentication",
        "hiring.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "hiring.api.permissions.HasCompany",
        "hiring.api.permissions.WriteScope",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "hiring.api.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["hiring.api.parsers.StrictJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "hiring.api.pagination.SyncCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["hiring.api.filters.FilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "hiring.api.throttling.ApiKeyRateThrottle",
        "hiring.api.throttling.AnonymousRateThrottle",
    ],
    # Per API key (or signed-in user), and per client address for unauthenticated calls.
    "DEFAULT_THROTTLE_RATES": {"api_key": "600/minute", "anonymous": "60/minute"},
    "EXCEPTION_HANDLER": "hiring.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "hiring.api.schema.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "rolekit ATS API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PayPeriodEnum": "roles.models.SalaryBand.Period",
        "PostingStatusEnum": "hiring.models.JobPosting.Status",
        "BulkExportStatusEnum": "hiring.models.BulkExport.Status",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hiring.api.schema.postprocess",
    ],
}
# Django's tasks framework: inline by default; production sets a database-backed queue.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Request bodies above this size are refused with 413 before they are parsed.
ROLEKIT_API_MAX_BODY_BYTES = 256 * 1024
# How long a stored Idempotency-Key answer is replayed.
ROLEKIT_API_IDEMPOTENCY_SECONDS = 24 * 60 * 60
# Unless true (a receiver on a developer's machine), webhook endpoints must be https:// on a
# public address when registered, and deliveries to non-public addresses are refused.
ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
# Seconds a webhook receiver has to answer one delivery attempt.
ROLEKIT_WEBHOOKS_TIMEOUT = 5
