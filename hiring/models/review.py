"""A hiring manager's decision on a posting and its rubric, kept as an audit trail."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Review(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", "Approved"
        REQUEST_CHANGES = "request_changes", "Changes requested"

    posting = models.ForeignKey(
        "hiring.JobPosting", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    posting_version = models.PositiveIntegerField(help_text="The posting's version reviewed.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="approve") | ~Q(comment=""),
                name="review_changes_need_comment",
                violation_error_message="Say what should change.",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.reviewer} on {self.posting}"
