"""Admin for webhooks: an endpoint's secret is shown once, in a message after saving;
deliveries and every attempt are visible, with a redeliver action."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from ..models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from ..tenancy import company_of, sees_everything
from ..tenancy.admin_scoping import CompanyScopedAdmin, adopt_created
from . import endpoints, events, signing, transport
from .delivery import delivery_redeliver

SECRET_SHOWN_ONCE = "Signing secret of {url}; copy it now, it will not be shown again: {secret}"


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=[(name, f"{name}: {text}") for name, text in events.EVENT_TYPES.items()],
        widget=forms.CheckboxSelectMultiple,
        initial=list(events.EVENT_TYPES),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("company", "url", "description", "events", "active")

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            transport.check_endpoint_url(url)
        except transport.RefusedAddress as exc:
            raise forms.ValidationError(str(exc)) from None
        return url


class WebhookEndpointAdmin(CompanyScopedAdmin):
    form = WebhookEndpointForm
    list_display = ("url", "company", "active", "event_list", "created_at")
    list_filter = ("active",)
    list_select_related = ("company",)
    search_fields = ("url", "description")
    actions = ["rotate_secret"]

    @admin.display(description="events")
    def event_list(self, obj):
        return ", ".join(obj.events or ())

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        company = obj.company if sees_everything(request.user) else company_of(request.user)
        endpoint, secret = endpoints.endpoint_create(
            company=company,
            url=obj.url,
            events=form.cleaned_data["events"],
            description=obj.description,
            active=obj.active,
            by=request.user,
        )
        adopt_created(obj, endpoint)
        self.message_user(
            request, SECRET_SHOWN_ONCE.format(url=endpoint.url, secret=secret), messages.WARNING
        )

    @admin.action(description="Rotate the signing secret of selected endpoints")
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            secret = endpoints.endpoint_rotate_secret(endpoint=endpoint)
            self.message_user(
                request,
                SECRET_SHOWN_ONCE.format(url=endpoint.url, secret=secret),
                messages.WARNING,
            )


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ("number", "started_at", "duration_ms", "status_code", "error", "response_excerpt")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


class WebhookDeliveryAdmin(CompanyScopedAdmin):
    company_field = "endpoint__company"
    inlines = [WebhookAttemptInline]
    list_display = (
        "event_type",
        "event_id",
        "endpoint",
        "status",
        "attempt_count",
        "last_status_code",
        "next_attempt_at",
        "created_at",
    )
    list_filter = ("status", "event_type")
    list_select_related = ("endpoint",)
    search_fields = ("event_id", "endpoint__url")
    actions = ["redeliver"]
    fields = (
        "endpoint",
        "event_type",
        "event_id",
        "ordering_key",
        "status",
        "attempt_count",
        "next_attempt_at",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
        "payload_json",
    )
    readonly_fields = fields

    @admin.display(description="payload")
    def payload_json(self, obj):
        return format_html("<pre>{}</pre>", signing.body_of(obj.payload).decode())

    @admin.action(description="Redeliver selected events now")
    def redeliver(self, request, queryset):
        now = timezone.now()
        delivered = 0
        for delivery in queryset.select_related("endpoint"):
            delivery = delivery_redeliver(delivery=delivery, now=now)
            delivered += delivery.status == WebhookDelivery.Status.SUCCEEDED
        self.message_user(
            request, f"Redelivered {delivered} of {queryset.count()} event(s).", messages.INFO
        )

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return sees_everything(request.user)
