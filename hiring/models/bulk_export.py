"""A bulk export: many postings in several formats, rendered into one ZIP by the task
worker while the recruiter watches its progress in the admin."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class BulkExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    company = models.ForeignKey(
        "hiring.Company", on_delete=models.CASCADE, related_name="bulk_exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    formats = models.JSONField(default=list, help_text="Export format names, e.g. pdf, markdown.")
    posting_ids = models.JSONField(default=list)
    draft = models.BooleanField(
        default=False, help_text="The text being edited instead of the published version."
    )
    total = models.PositiveIntegerField(default=0, help_text="Files expected.")
    completed = models.PositiveIntegerField(default=0, help_text="Files rendered or failed.")
    file = models.FileField(upload_to="bulk-exports/", blank=True)
    failures = models.JSONField(
        default=list, blank=True, help_text="{posting_id, title, format, error} of each failure."
    )
    error = models.TextField(blank=True, help_text="Why the export failed as a whole.")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed__lte=F("total")), name="bulk_export_completed_within_total"
            ),
        ]

    def __str__(self):
        return f"Export #{self.pk} ({self.total} files, {self.get_status_display().lower()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
