"""Admin for API keys: a key's token is shown once, in a message after saving."""

from django.contrib import admin, messages

from hiring.integrations.keys import api_key_create, api_key_rename, api_key_revoke
from hiring.models import Membership
from hiring.tenancy import company_of, sees_everything
from hiring.tenancy.admin_scoping import CompanyScopedAdmin, adopt_created

TOKEN_SHOWN_ONCE = "API key “{name}” created. Copy it now, it will not be shown again: {token}"


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
        adopt_created(obj, key)
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
