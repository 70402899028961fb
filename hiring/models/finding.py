"""A recruiter's acknowledgement of a finding: it stays listed, marked as accepted."""

from django.conf import settings
from django.db import models


class FindingAcknowledgement(models.Model):
    """Keyed by the finding's fingerprint (code, subject and evidence): when the evidence
    changes the fingerprint changes, and the finding is open again."""

    posting = models.ForeignKey(
        "hiring.JobPosting", on_delete=models.CASCADE, related_name="acknowledgements"
    )
    code = models.CharField(max_length=20)
    fingerprint = models.CharField(max_length=64)
    subject_kind = models.CharField(max_length=20)
    subject_id = models.BigIntegerField(null=True, blank=True)
    subject_label = models.CharField(max_length=200, blank=True)
    message = models.TextField(help_text="The finding's message when it was acknowledged.")
    reason = models.TextField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "fingerprint"], name="acknowledgement_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="acknowledgement_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.code} on {self.posting}: {self.reason[:40]}"
