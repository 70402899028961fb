"""The recruiter's rubric pages: criteria by stage, weights, questions and anchors,
edited under the posting's version."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .. import exports
from ..models import Criterion, JobPosting, Rubric, StageInterviewer
from ..postings.admin import DraftOnlyInline
from ..postings.forms import OrderedInlineFormSet, OrderedRowForm, VersionCheckedForm
from ..postings.services import posting_refresh_findings
from ..tenancy import company_of, members_of, person_name, sees_everything
from ..tenancy.admin_scoping import CompanyScopedAdmin
from .selectors import rubric_interviewer, rubric_interviewers
from .services import rubric_save

PICK_A_MEMBER = "Pick a member of {company}: only its members interview for its postings."
SAME_PERSON_TWICE = "The same person is on the same stage twice; remove one of the rows."


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


class StageInterviewerFormSet(forms.BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        return SAME_PERSON_TWICE


class StageInterviewerInline(DraftOnlyInline, admin.TabularInline):
    """Who runs which stage: only the posting's company's members are offered."""

    model = StageInterviewer
    formset = StageInterviewerFormSet
    fields = ("stage", "interviewer")
    readonly_fields = ("interviewer_name",)
    extra = 1
    verbose_name = "interviewer"
    verbose_name_plural = "Interviewers by stage"

    def get_fields(self, request, obj=None):
        # A locked rubric lists its people by name, as every other page does.
        return self.fields if self.editable(request, obj) else ("stage", "interviewer_name")

    @admin.display(description="interviewer")
    def interviewer_name(self, assignment):
        return person_name(assignment.interviewer)

    def get_queryset(self, request):
        # DraftOnlyInline's select_related is for autocompletes; this inline has none.
        return super(DraftOnlyInline, self).get_queryset(request).select_related("interviewer")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if "interviewer" not in formset.form.base_fields:
            return formset  # locked: names only, nothing to pick
        field = formset.form.base_fields["interviewer"]
        company = obj.posting.company
        field.queryset = members_of(company).select_related("membership")
        field.label_from_instance = lambda user: (
            f"{person_name(user)} ({user.membership.get_role_display().lower()})"
        )
        field.error_messages["invalid_choice"] = PICK_A_MEMBER.format(company=company)
        return formset


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
    readonly_fields = ("approved_by", "approved_at", "posting_link", "interview_kits")

    class Media:
        css = {"all": ("hiring/admin.css",)}

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("posting", "approved_by")
        return queryset.annotate(_criteria=Count("criteria"))

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("posting", "notes")
        return (
            "posting_link",
            "notes",
            "approved_by",
            "approved_at",
            "interview_kits",
            "expected_version",
        )

    def get_inlines(self, request, obj):
        # Interviewers are picked among the posting's company, known once it is saved.
        return [CriterionInline] if obj is None else [CriterionInline, StageInterviewerInline]

    @admin.display(description="Interview kits (PDF)")
    def interview_kits(self, obj):
        whole = reverse("admin:hiring_rubric_kit", args=[obj.pk])
        people = format_html_join(
            "",
            '<li><a href="{}">For {}</a> <span class="help">{}</span></li>',
            (
                (
                    reverse("admin:hiring_rubric_kit_for", args=[obj.pk, person.user_id]),
                    person.name,
                    ", ".join(person.stage_labels),
                )
                for person in rubric_interviewers(rubric=obj)
            ),
        )
        return format_html(
            '<ul class="kit-links"><li><a href="{}">Whole kit</a> '
            '<span class="help">every stage</span></li>{}</ul>',
            whole,
            people,
        )

    def kit_view(self, request, object_id, user_id=None):
        """The interview kit, whole or for one interviewer; another company's rubric, or
        someone who interviews for none of its stages, is a 404."""
        rubric = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, rubric):
            raise Http404
        interviewer = None
        if user_id is not None:
            interviewer = rubric_interviewer(rubric=rubric, user_id=user_id)
            if interviewer is None:
                raise Http404("This person runs none of the rubric's stages.")
        try:
            exported = exports.export_kit(rubric.posting, interviewer=interviewer)
        except exports.ExportError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:hiring_rubric_change", args=[rubric.pk]))
        return exports.file_response(exported)

    def get_urls(self):
        view = self.admin_site.admin_view(self.kit_view)
        return [
            path("<int:object_id>/kit/", view, name="hiring_rubric_kit"),
            path("<int:object_id>/kit/<int:user_id>/", view, name="hiring_rubric_kit_for"),
            *super().get_urls(),
        ]

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
