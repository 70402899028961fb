"""Admin for API keys and webhooks: a key's token and an endpoint's secret are shown once, in
a message after saving; deliveries and every attempt are visible, with a redeliver action."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from hiring import webhooks
from hiring.admin_scoping import CompanyScopedAdmin
from hiring.integrations.keys import api_key_create, api_key_rename, api_key_revoke
from hiring.models import ApiKey, Membership, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from hiring.tenancy import company_of, sees_everything

TOKEN_SHOWN_ONCE = "API key “{name}” created. Copy it now, it will not be shown again: {token}"
SECRET_SHOWN_ONCE = "Signing secret of {url}; copy it now, it will not be shown again: {secret}"


def _copy_into(target, source) -> None:
    """Let the admin's add view carry on with the row a service created."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db


@admin.register(ApiKey)
class ApiKeyAdmin(CompanyScopedAdmin):
    list_display = ("name", "company", "token_prefix", "scope", "role", "status", "last_used_at")
    list_filter = ("scope", "role")
    list_select_related = ("company",)
    search_fields = ("name", "prefix")
    actions = ["revoke_selected"]
    readonly_fields = ("token_prefix", "created_by", "created_at", "last_used_at", "revoked_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("company", "name", "scope", "role")
        return ("company", "name", "scope", "role", *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("company", "scope", "role", *self.readonly_fields)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # Only a superuser hands out approval rights: a recruiter's own key could otherwise
        # approve the recruiter's postings.
        if db_field.name == "role" and not sees_everything(request.user):
            kwargs["choices"] = [(Membership.Role.RECRUITER, Membership.Role.RECRUITER.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            api_key_rename(key=obj, name=obj.name)
            return
        company = obj.company if sees_everything(request.user) else company_of(request.user)
        key, token = api_key_create(
            company=company, name=obj.name, scope=obj.scope, role=obj.role, by=request.user
        )
        _copy_into(obj, key)
        self.message_user(
            request, TOKEN_SHOWN_ONCE.format(name=key.name, token=token), messages.WARNING
        )

    @admin.display(description="key")
    def token_prefix(self, obj):
        return f"rk_{obj.prefix}_…" if obj.prefix else "—"

    @admin.display(description="status")
    def status(self, obj):
        return "revoked" if obj.revoked_at else "active"

    @admin.action(description="Revoke selected API keys")
    def revoke_selected(self, request, queryset):
        for key in queryset:
            api_key_revoke(key=key)
        self.message_user(request, f"Revoked {queryset.count()} key(s).", messages.SUCCESS)

    def has_delete_permission(self, request, obj=None):
        return sees_everything(request.user)


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=[(name, f"{name}: {text}") for name, text in webhooks.EVENT_TYPES.items()],
        widget=forms.CheckboxSelectMultiple,
        initial=list(webhooks.EVENT_TYPES),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("company", "url", "description", "events", "active")

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            webhooks.check_endpoint_url(url)
        except webhooks.RefusedAddress as exc:
            raise forms.ValidationError(str(exc)) from None
        return url


@admin.register(WebhookEndpoint)
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
        endpoint, secret = webhooks.endpoint_create(
            company=company,
            url=obj.url,
            events=form.cleaned_data["events"],
            description=obj.description,
            active=obj.active,
            by=request.user,
        )
        _copy_into(obj, endpoint)
        self.message_user(
            request, SECRET_SHOWN_ONCE.format(url=endpoint.url, secret=secret), messages.WARNING
        )

    @admin.action(description="Rotate the signing secret of selected endpoints")
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            secret = webhooks.endpoint_rotate_secret(endpoint=endpoint)
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


@admin.register(WebhookDelivery)
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
        return format_html("<pre>{}</pre>", webhooks.body_of(obj.payload).decode())

    @admin.action(description="Redeliver selected events now")
    def redeliver(self, request, queryset):
        now = timezone.now()
        delivered = 0
        for delivery in queryset.select_related("endpoint"):
            delivery = webhooks.delivery_redeliver(delivery=delivery, now=now)
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
