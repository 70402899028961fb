"""Reviews in the admin: the audit trail of decisions, read-only."""

from ..tenancy.admin_scoping import CompanyScopedAdmin


class ReviewAdmin(CompanyScopedAdmin):
    company_field = "posting__company"
    list_display = ("posting", "decision", "reviewer", "created_at", "comment")
    list_filter = ("decision",)
    list_select_related = ("posting", "reviewer")
    search_fields = ("posting__title", "comment")

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
