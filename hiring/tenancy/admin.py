"""Admin for companies and their people: superusers manage them; a recruiter may edit
their own company's branding and the texts (pay-transparency statements included) its
postings use."""

from django.contrib import admin
from django.db.models import Count, Q

from ..models import CompanyPayStatement
from ..postings.services import company_postings_refresh_findings
from . import company_of, sees_everything
from .admin_scoping import RecruiterAccessMixin
from .forms import PayStatementForm, PayStatementFormSet


def may_edit_company(request) -> bool:
    return sees_everything(request.user) or company_of(request.user) is not None


class PayStatementInline(admin.StackedInline):
    """What the company publishes under "Pay and benefits" where a pay-transparency law
    applies, one statement a jurisdiction."""

    model = CompanyPayStatement
    form = PayStatementForm
    formset = PayStatementFormSet
    extra = 0
    verbose_name = "pay-transparency statement"
    verbose_name_plural = "pay-transparency statements"

    def has_view_permission(self, request, obj=None):
        return may_edit_company(request)

    has_add_permission = has_change_permission = has_delete_permission = (
        lambda self, request, obj=None: may_edit_company(request)
    )


class CompanyAdmin(RecruiterAccessMixin, admin.ModelAdmin):
    """Superusers manage companies; a recruiter may edit their own company's branding and
    the texts its postings use."""

    list_display = ("name", "slug", "website", "member_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PayStatementInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "website")}),
        ("Branding", {"fields": ("brand_colour", "logo")}),
        (
            "Texts every posting uses",
            {
                "description": "A posting uses these unless it has its own; a published "
                "version keeps the text it was published with.",
                "fields": ("about", "benefits", "equal_opportunity", "accommodations_contact"),
            },
        ),
        ("Careers page", {"fields": ("board_enabled", "posting_days")}),
    )

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
        return may_edit_company(request)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return sees_everything(request.user)

    def has_delete_permission(self, request, obj=None):
        return sees_everything(request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Every posting's language checks read its company's texts and pay statements.
        if change:
            company_postings_refresh_findings(company=form.instance)


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
