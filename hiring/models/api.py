"""What the ATS API keeps: company API keys, idempotent requests, webhook endpoints and
every webhook delivery with its attempts."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .company import Membership


class ApiKey(models.Model):
    """A company's key for the API, stored as a SHA-256 hash; the token is shown once.

    Each key acts through a service user of its own, so that reviews and published
    versions record which key did what.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    company = models.ForeignKey("hiring.Company", on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, help_text="Which integration uses this key.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    role = models.CharField(
        max_length=20,
        choices=Membership.Role.choices,
        default=Membership.Role.RECRUITER,
        help_text="Hiring-manager keys may approve rubrics; recruiter keys edit postings.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_key",
        editable=False,
        help_text="The service user the key acts as.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["company", "name"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.name} (rk_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IdempotencyRecord(models.Model):
    """The answer to a POST sent with an `Idempotency-Key`, replayed when it is retried."""

    company = models.ForeignKey("hiring.Company", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["company", "key"], name="idempotency_key_unique")
        ]

    def __str__(self):
        return f"{self.method} {self.path} [{self.key}]"


class WebhookEndpoint(models.Model):
    """Where a company wants to hear about its postings; the signing secret is shown once."""

    company = models.ForeignKey(
        "hiring.Company", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500, help_text="An https:// address that accepts POSTs.")
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=100, editable=False)
    events = models.JSONField(default=list, help_text="The event types sent to this endpoint.")
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["company", "url"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint; sent in order per posting, retried with backoff."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.CharField(max_length=40, help_text="Sent as webhook-id; stable on retries.")
    event_type = models.CharField(max_length=40)
    ordering_key = models.CharField(
        max_length=60, help_text="Deliveries with the same key are sent in order."
    )
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
            models.Index(
                fields=["endpoint", "ordering_key", "status"], name="webhook_delivery_chain"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhook_delivery_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status="pending") | Q(next_attempt_at__isnull=False),
                name="webhook_pending_has_next_attempt",
            ),
        ]

    def __str__(self):
        return f"{self.event_type} {self.event_id} → {self.endpoint}"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery, kept so that a failing receiver can be diagnosed."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self):
        outcome = self.status_code or self.error[:40]
        return f"attempt {self.number} of {self.delivery_id}: {outcome}"
