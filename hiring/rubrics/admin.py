"""The recruiter's rubric pages: criteria by stage, weights, questions and anchors,
edited under the posting's version."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from ..models import Criterion, JobPosting, Rubric
from ..postings.admin import DraftOnlyInline
from ..postings.forms import OrderedInlineFormSet, OrderedRowForm, VersionCheckedForm
from ..postings.services import posting_refresh_findings
from ..tenancy import company_of, sees_everything
from ..tenancy.admin_scoping import CompanyScopedAdmin
from .services import rubric_save


class CriterionForm(OrderedRowForm):
    class Meta:
        model = Criterion
        fields = (
            "order",
            "skill",
            "title",
            "stage",
            "weight",
            "weight_reason",
            "questions",
            "anchor_strong_no",
            "anchor_no",
            "anchor_yes",
            "anchor_strong_yes",
        )
        widgets = {
            name: forms.Textarea(attrs={"rows": 2, "cols": 28})
            for name in (
                "questions",
                "anchor_strong_no",
                "anchor_no",
                "anchor_yes",
                "anchor_strong_yes",
            )
        }


class CriterionInline(DraftOnlyInline, admin.StackedInline):
    model = Criterion
    form = CriterionForm
    formset = OrderedInlineFormSet
    autocomplete_fields = ["skill"]
    extra = 0
    ordering = ("order",)
    fieldsets = (
        (None, {"fields": (("order", "skill", "title", "stage"), ("weight", "weight_reason"))}),
        (None, {"fields": ("questions",)}),
        (
            "Behavioural anchors",
            {"fields": (("anchor_strong_no", "anchor_no", "anchor_yes", "anchor_strong_yes"),)},
        ),
    )


class RubricForm(VersionCheckedForm):
    """A rubric's edits, criteria included, move its posting's version: the form carries
    the version it was opened at, as the posting's form does."""

    class Meta:
        model = Rubric
        fields = ("posting", "notes")

    def versioned_posting(self) -> JobPosting | None:
        return self.instance.posting if self.instance.pk else None


class RubricAdmin(CompanyScopedAdmin):
    company_field = "posting__company"
    form = RubricForm
    inlines = [CriterionInline]
    list_display = ("posting", "criteria_count", "approved_by", "approved_at")
    list_filter = ("posting__status",)
    search_fields = ("posting__title",)
    readonly_fields = ("approved_by", "approved_at", "posting_link")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("posting", "approved_by")
        return queryset.annotate(_criteria=Count("criteria"))

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("posting", "notes")
        return ("posting_link", "notes", "approved_by", "approved_at", "expected_version")

    @admin.display(description="Posting")
    def posting_link(self, obj):
        url = reverse("admin:hiring_jobposting_change", args=[obj.posting_id])
        return format_html(
            '<a href="{}">{}</a> ({})', url, obj.posting, obj.posting.get_status_display()
        )

    @admin.display(description="Criteria", ordering="_criteria")
    def criteria_count(self, obj):
        return obj._criteria

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.posting.is_editable)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "posting":
            postings = JobPosting.objects.filter(
                rubric__isnull=True, status__in=JobPosting.EDITABLE_STATUSES
            )
            if not sees_everything(request.user):
                postings = postings.filter(company=company_of(request.user))
            kwargs["queryset"] = postings
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        # Rubric has no company field of its own; CompanyScopedAdmin's company lock is moot.
        return admin.ModelAdmin.get_form(self, request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        rubric_save(
            rubric=obj,
            expected_version=form.cleaned_data.get("expected_version") if change else None,
            by=request.user,
        )

    def save_related(self, request, form, formsets, change):
        # The criteria are saved in the transaction that claimed the version (save_model).
        super().save_related(request, form, formsets, change)
        posting_refresh_findings(posting=form.instance.posting)
