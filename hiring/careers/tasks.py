"""The careers page's background work (Django's tasks framework)."""

from django.tasks import task


@task()
def expire_postings() -> int:
    """Archive the published postings whose last day has passed; the worker queues this
    every hour. Returns how many were archived."""
    from .services import postings_expire

    return len(postings_expire())
