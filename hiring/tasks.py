"""Background tasks (Django's tasks framework): inline by default, a queue in production."""

from django.tasks import task


@task()
def deliver_webhook(delivery_id: int) -> int:
    """Send one webhook delivery, and the ones queued behind it for the same posting."""
    from . import webhooks

    return webhooks.delivery_run(delivery_id=delivery_id)


@task()
def export_postings_bulk(bulk_export_id: int) -> str | None:
    """Render a queued bulk export into its ZIP; returns the job's final status."""
    from . import bulk_exports

    job = bulk_exports.bulk_export_run(bulk_export_id=bulk_export_id)
    return job.status if job else None
