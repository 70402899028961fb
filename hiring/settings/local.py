"""Settings for a developer's laptop: `make run`."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = os.environ.get("SECRET_KEY", "local-development-only-not-a-secret")

# `make run` starts the task worker beside the development server, so bulk exports,
# webhooks and e-mails run in the background as in production, and a request that queues
# them answers at once. Without a worker, TASKS_INLINE=true runs them inside the request.
if not env_bool("TASKS_INLINE", default=False):
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
