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
    # What the manager read when deciding, so that their next visit shows what changed
    # since. Empty on reviews recorded before it was kept.
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    # An approval's sign-off packet, frozen with it: approver, review history, findings and
    # chart as they stood (`hiring.exports.signoff`). Written once, when the review is made.
    packet = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # A request for changes says what should change, overall or on a section: the
        # decision service checks it, since a row's constraint cannot see its comments.

    def __str__(self):
        return f"{self.get_decision_display()} by {self.reviewer} on {self.posting}"


class ReviewComment(models.Model):
    """A reviewer's comment on one section of a posting, or on one block of it (a skill,
    a responsibility, a rubric criterion), shown to the recruiter beside that section."""

    class Section(models.TextChoices):
        SUMMARY = "summary", "Summary"
        RESPONSIBILITIES = "responsibilities", "Responsibilities"
        REQUIREMENTS = "requirements", "Requirements"
        PAY = "pay", "Pay"
        RUBRIC = "rubric", "Rubric"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="section_comments")
    section = models.CharField(max_length=20, choices=Section.choices)
    block = models.CharField(
        max_length=300,
        blank=True,
        help_text="The skill, responsibility or criterion it is about, as the reviewer read it.",
    )
    text = models.TextField()

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="review_comment_has_text",
                violation_error_message="Write the comment.",
            ),
        ]

    def __str__(self):
        where = f"{self.get_section_display()}: {self.block}" if self.block else self.section
        return f"{where} ({self.review})"
