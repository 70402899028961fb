"""Background tasks (Django's tasks framework): inline by default, a queue in production."""

from django.tasks import task


@task()
def deliver_webhook(delivery_id: int) -> int:
    """Send one webhook delivery, and the ones queued behind it for the same posting."""
    from . import webhooks

    return webhooks.delivery_run(delivery_id=delivery_id)
