"""Admin for companies and their people: superusers manage them; a recruiter may edit
their own company's branding."""

from django.contrib import admin
from django.db.models import Count, Q

from . import company_of, sees_everything
from .admin_scoping import RecruiterAccessMixin


class CompanyAdmin(RecruiterAccessMixin, admin.ModelAdmin):
    """Superusers manage companies; a recruiter may edit their own company's branding."""

    list_display = ("name", "slug", "website", "member_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .annotate(_members=Count("memberships", filter=Q(memberships__isnull=False)))
        )
        if sees_everything(request.user):
            return queryset
        return queryset.filter(pk=getattr(company_of(request.user), "pk", None))

    @admin.display(description="Members", ordering="_members")
    def member_count(self, obj):
        return obj._members

    def has_module_permission(self, request):
        return sees_everything(request.user) or company_of(request.user) is not None

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return sees_everything(request.user)

    def has_delete_permission(self, request, obj=None):
        return sees_everything(request.user)


class MembershipAdmin(RecruiterAccessMixin, admin.ModelAdmin):
    list_display = ("user", "company", "role", "is_company_admin")
    list_filter = ("role", "is_company_admin", "company")
    list_select_related = ("user", "company")
    search_fields = ("user__username", "company__name")

    def has_module_permission(self, request):
        return sees_everything(request.user)

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = (
        lambda self, request, obj=None: sees_everything(request.user)
    )
