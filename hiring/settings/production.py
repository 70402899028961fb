"""Production settings: every secret comes from the environment, with no default."""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR, env_bool, env_list, with_prepared_statements

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASES = {
    "default": with_prepared_statements(
        dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
}

# Redis when CACHE_URL is set: throttling and the export cache are then shared by every
# app server. Without it each process keeps its own memory cache.
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "hiring.site.cache.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            "KEY_PREFIX": "rolekit",
        }
    }

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Per-key API rate; the load test raises it, since one key plays fifty clients there.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],  # noqa: F405
        "api_key": os.environ.get("API_KEY_RATE", "600/minute"),
    },
}

# Background work (webhook delivery, bulk exports) goes to the database queue that
# `manage.py run_worker` drains.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Render processes of one bulk export, and the renders each does before it is replaced.
ROLEKIT_EXPORT_JOBS = int(os.environ.get("EXPORT_JOBS", "1"))
ROLEKIT_EXPORT_RECYCLE_AFTER = int(os.environ.get("EXPORT_RECYCLE_AFTER", "200"))

# Review e-mails go out over SMTP from the task worker; the password comes only from the
# environment. A slow mail server holds a worker for `timeout` seconds at most.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "30")),
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rolekit@localhost")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers probe over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "hiring.site.jsonlog.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
    },
}
