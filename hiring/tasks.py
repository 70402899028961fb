"""The background tasks' former names.

A queued task is stored by its dotted path (django-tasks-db's `task_path`), and tasks
queued before the tasks moved to `hiring.webhooks.delivery` and `hiring.exports.jobs`
name them here: these names keep such rows runnable. Nothing else imports this module;
delete it once no queued row names `hiring.tasks`.
"""

from .exports.jobs import export_postings_bulk
from .webhooks.delivery import deliver_webhook

__all__ = ["deliver_webhook", "export_postings_bulk"]
