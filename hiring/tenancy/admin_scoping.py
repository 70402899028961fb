"""Admin base classes that keep each company's rows to itself.

Permissions come from the user's membership rather than Django's model permissions:
recruiters work in the admin on their own company's rows, superusers see everything,
and nobody else gets in. The technical models (`TECHNICAL_MODELS`) are for company admins
and superusers only: a recruiter's index and nav sidebar list postings and their blocks.
"""

from django.contrib import admin
from django.db.models import Q
from django.http import Http404

from . import company_of, is_company_admin, is_recruiter, sees_everything

# The plumbing of an integration and the catalog's internals: shown to company admins and
# superusers only. Recruiters keep postings, rubrics, reviews, skills and responsibilities.
TECHNICAL_MODELS = frozenset(
    {
        "hiring.apikey",
        "hiring.webhookendpoint",
        "hiring.webhookdelivery",
        "hiring.bulkexport",
        "roles.emphasis",
        "roles.rolefact",
        "roles.level",
        "roles.salaryband",
    }
)


def sees_technical(user) -> bool:
    return sees_everything(user) or (is_recruiter(user) and is_company_admin(user))


class RecruiterAccessMixin:
    """Grant the admin to recruiters (their company's rows) and superusers (all rows); the
    technical models to company admins and superusers."""

    def has_module_permission(self, request):
        if self.model._meta.label_lower in TECHNICAL_MODELS:
            return sees_technical(request.user)
        return self.may_enter(request)

    def may_enter(self, request) -> bool:
        return sees_everything(request.user) or is_recruiter(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and self.owns(request, obj)

    def has_add_permission(self, request, *args):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request) and self.owns(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request) and self.owns(request, obj)

    def owns(self, request, obj) -> bool:
        return True

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django's admin redirects to the index for a missing object; another company's
        # object must look the same as one that does not exist: a plain 404.
        raise Http404(f"No {opts.verbose_name} with id {object_id!r}.")


class CompanyScopedAdmin(RecruiterAccessMixin, admin.ModelAdmin):
    """A model with a `company` field: recruiters see and write only their company's rows."""

    company_field = "company"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if sees_everything(request.user):
            return queryset
        return queryset.filter(**{self.company_field: company_of(request.user)})

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get(self.company_field)
        if field is not None and not sees_everything(request.user):
            # Shown but not editable: the form still validates the company's unique slugs.
            company = company_of(request.user)
            field.queryset = field.queryset.filter(pk=getattr(company, "pk", None))
            field.initial = getattr(company, "pk", None)
            field.disabled = True
            field.required = True
        return form


class CatalogAdmin(RecruiterAccessMixin, admin.ModelAdmin):
    """A catalog model: the shared library is visible to every recruiter and read-only."""

    def has_add_permission(self, request, *args):
        return sees_everything(request.user)

    def has_change_permission(self, request, obj=None):
        return sees_everything(request.user)

    def has_delete_permission(self, request, obj=None):
        return sees_everything(request.user)


class SharedOrOwnAdmin(CompanyScopedAdmin):
    """Shared rows (company empty) beside the company's own: shared ones are read-only."""

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if sees_everything(request.user):
            return queryset
        return queryset.filter(Q(company__isnull=True) | Q(company=company_of(request.user)))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def owns(self, request, obj) -> bool:
        # Shared rows are read-only to company users: change and delete are refused (403).
        return obj is None or sees_everything(request.user) or obj.company_id is not None


class ConditionalInline:
    """An inline always shown, whose rows may be added, changed or deleted only when
    `editable(request, parent)` says so."""

    def editable(self, request, obj) -> bool:
        return True

    def has_add_permission(self, request, obj=None):
        return self.editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.editable(request, obj)

    def has_view_permission(self, request, obj=None):
        return True


def adopt_created(target, source) -> None:
    """Let the admin's add view carry on with the row a service created."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db
