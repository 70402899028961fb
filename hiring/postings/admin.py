"""The recruiter's workspace for postings: compose from catalog blocks, see the findings,
preview, export, and move the posting through review.

Every queryset, choice and autocomplete is scoped to the recruiter's company (see
`tenancy.admin_scoping`); every write goes through the postings' services, shared with the review
pages and the API.
"""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from roles.models import Responsibility, Skill

from .. import exports
from ..careers.selectors import posting_public_url
from ..exports.forms import BulkExportForm
from ..exports.jobs import bulk_export_request
from ..findings import charts
from ..findings.forms import AnalyseTextForm
from ..findings.selectors import posting_analysis, text_analysis
from ..findings.services import NEEDS_REASON, finding_acknowledge
from ..findings.unsaved import (
    posting_for_unsaved_analysis,
    saved_guidance,
    unsaved_posting_analysis,
)
from ..models import (
    JobPosting,
    Membership,
    PostingResponsibility,
    PostingSkill,
    ReviewComment,
)
from ..rubrics.services import (
    NICE_TO_HAVE_WEIGHT,
    rubric_sync,
    rubric_sync_proposal,
)
from ..tenancy import company_of, person_name, sees_everything
from ..tenancy.admin_scoping import CompanyScopedAdmin, ConditionalInline
from . import services, workflow
from .errors import PostingError
from .forms import (
    ROW_NOUNS,
    OrderedRowForm,
    PostingBlockFormSet,
    PostingForm,
    ReassignForm,
    RowBlockChoiceField,
    limit_people,
)
from .guided import NewPostingView
from .import_views import PostingImportView
from .publish_views import ArchiveConfirmView, PublishConfirmView
from .selectors import (
    STATE_LABELS,
    changes_requested_of,
    notes_of,
    postings_with_blocks,
    postings_with_state,
    reviews_of,
    rubric_of,
    skill_search,
)
from .texts import OVERRIDE_FIELDS, company_texts_for
from .versions import posting_compare
from .widgets import PreloadedAutocompleteSelect


def scoped_blocks(request, model):
    """Shared catalog rows plus the user's company's own."""
    if sees_everything(request.user):
        return model.objects.all()
    return model.objects.visible_to(company_of(request.user))


class DraftOnlyInline(ConditionalInline):
    """Blocks of a posting can change only while it is a draft."""

    def editable(self, request, obj):
        if obj is None:
            return True
        posting = obj if isinstance(obj, JobPosting) else obj.posting
        return posting.is_editable

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # No add/change/view links on every row: forty rows of them cost a third of the
        # page, and a company's own skill is added on the skills' page.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget = field.widget.widget
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["form_class"] = RowBlockChoiceField
        if db_field.name == "skill":
            kwargs["queryset"] = scoped_blocks(request, Skill)
        if db_field.name == "responsibility":
            kwargs["queryset"] = scoped_blocks(request, Responsibility)
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PostingSkillInline(DraftOnlyInline, admin.TabularInline):
    model = PostingSkill
    form = OrderedRowForm
    formset = PostingBlockFormSet
    autocomplete_fields = ["skill"]
    fields = ("order", "skill", "must_have", "emphasis", "requirement")
    extra = 0
    ordering = ("order",)

    def get_formset(self, request, obj=None, **kwargs):
        """The skill search ranks by name and leaves out the posting's own skills."""
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("skill")
        if field is not None and isinstance(field.widget, PreloadedAutocompleteSelect):
            url = reverse("admin:hiring_skill_search")
            field.widget.url = f"{url}?posting={obj.pk}" if obj is not None else url
        return formset


class PostingResponsibilityInline(DraftOnlyInline, admin.TabularInline):
    model = PostingResponsibility
    form = OrderedRowForm
    formset = PostingBlockFormSet
    autocomplete_fields = ["responsibility"]
    fields = ("order", "responsibility", "text")
    extra = 0
    ordering = ("order",)


def row_errors(inline_admin_formsets) -> list[tuple[str, str, str]]:
    """(row id, "Skill 3", message) for each error of an inline row: the summary at the
    top of the form links to the rows, where the same message sits beside the field."""
    found = []
    for inline in inline_admin_formsets:
        formset = inline.formset
        if not formset.is_bound:
            continue
        noun = ROW_NOUNS.get(formset.prefix, "row").capitalize()
        for index, form in enumerate(formset.forms):
            for messages_ in form.errors.values():
                for message in messages_:
                    found.append((f"{formset.prefix}-{index}", f"{noun} {index + 1}", message))
    return found


class HiringManagerFilter(admin.SimpleListFilter):
    title = "hiring manager"
    parameter_name = "hiring_manager"

    def lookups(self, request, model_admin):
        members = Membership.objects.filter(role=Membership.Role.HIRING_MANAGER)
        if not sees_everything(request.user):
            members = members.filter(company=company_of(request.user))
        return [(m.user_id, person_name(m.user)) for m in members.select_related("user")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(hiring_manager_id=self.value())
        return queryset


EXPORT_QUEUED = "Export of {count:,} files requested; this page shows its progress and the ZIP."
REASSIGNED = "{manager} now reviews this posting."
SYNCED = "Rubric built: {added} criteria added, {removed} removed, {demoted} demoted."


class HasErrorsFilter(admin.SimpleListFilter):
    title = "open findings"
    parameter_name = "has_errors"

    def lookups(self, request, model_admin):
        return [("yes", "Has errors"), ("no", "No errors")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(open_errors__gt=0)
        if self.value() == "no":
            return queryset.filter(open_errors=0)
        return queryset


class JobPostingAdmin(CompanyScopedAdmin):
    form = PostingForm
    inlines = [PostingSkillInline, PostingResponsibilityInline]
    # Four columns, so that the list fits 1366 px beside the nav sidebar and the filters.
    list_display = ("title_and_role", "status_badge", "findings", "updated_at")
    list_filter = ("status", HasErrorsFilter, "role_family", HiringManagerFilter)
    search_fields = ("title", "summary", "team", "level__name")
    list_select_related = ("role_family", "level", "hiring_manager")
    # The version stays a hidden input (`expected_version`) for the optimistic lock; a
    # recruiter never needs to read it.
    readonly_fields = ("status", "careers_page")
    actions = ["clone_selected", "export_selected"]
    change_form_template = "admin/hiring/jobposting/change_form.html"

    class Media:
        css = {"all": ("hiring/admin.css",)}

    fieldsets = (
        (None, {"fields": ("title", "role_family", "level", "prefill_from_role")}),
        ("Where and how", {"fields": ("locations", "remote_policy", "employment_type")}),
        (
            "Pay and experience",
            {
                "fields": (
                    ("salary_min", "salary_max", "salary_currency", "salary_period"),
                    ("years_min", "years_max"),
                )
            },
        ),
        ("Text", {"fields": ("summary", "team", "benefits", "apply_url")}),
        (
            "Company texts (override)",
            {
                "classes": ("collapse",),
                "description": "Leave a text blank to use the company's, shown greyed in "
                "its box. A published version keeps the text it was published with.",
                "fields": OVERRIDE_FIELDS,
            },
        ),
        ("Careers page", {"fields": ("valid_through", "listed")}),
        ("People", {"fields": ("recruiter", "hiring_manager")}),
        ("State", {"fields": ("status", "careers_page", "expected_version")}),
    )

    def get_queryset(self, request):
        return postings_with_state(super().get_queryset(request))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        company = obj.company if obj is not None else company_of(request.user)
        # What a blank override shows: the company's text, as each box's placeholder.
        form.company_texts = (
            company_texts_for(company=company, posting=obj) if company is not None else {}
        )
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None or not self.has_add_permission(request):
            first = ("title", "role_family", "level")
            return ((None, {"fields": first}), *fieldsets[1:])
        return fieldsets

    def has_change_permission(self, request, obj=None):
        # Only drafts are edited; other states are read-only with the action buttons.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_editable)

    @admin.display(description="Posting", ordering="title")
    def title_and_role(self, obj):
        role = obj.role_family.name
        if obj.level_id:
            role = f"{role} · {obj.level.name}"
        return format_html('{}<span class="posting-role">{}</span>', obj.title, role)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        # "Changes requested" must stand out in the list: the recruiter has work to do.
        return format_html(
            '<span class="status-badge {}">{}</span>',
            obj.state,
            STATE_LABELS.get(obj.state, obj.get_status_display()),
        )

    @admin.display(description="Open findings", ordering="-open_errors")
    def findings(self, obj):
        # In words, like the home: "1 error, 2 warnings", or "None".
        parts = [
            format_html(
                '<span class="count-{}">{} {}{}</span>', kind, count, kind[:-1], pluralize(count)
            )
            for kind, count in (("errors", obj.open_errors), ("warnings", obj.open_warnings))
            if count
        ]
        return format_html_join(", ", "{}", ((part,) for part in parts)) if parts else "None"

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Job postings", **(extra_context or {})})

    @admin.display(description="Careers page")
    def careers_page(self, obj):
        # Where the live version can be read: the recruiter's answer to "where did it go?".
        url = posting_public_url(posting=obj) if obj.published_version_id else None
        if url is None:
            return "Not on the careers page"
        return format_html('<a href="{}">{}</a>', url, url)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        company = None if sees_everything(request.user) else company_of(request.user)
        if db_field.name == "hiring_manager":
            return limit_people(field, company, Membership.Role.HIRING_MANAGER)
        if db_field.name == "recruiter":
            return limit_people(field, company, Membership.Role.RECRUITER)
        return field

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("recruiter", request.user.pk)
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            if not sees_everything(request.user):
                obj.company = company_of(request.user)
            services.posting_add(posting=obj)
            return
        services.posting_save(
            posting=obj,
            expected_version=form.cleaned_data.get("expected_version") or obj.version,
            by=request.user,
            refresh_findings=False,
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and form.cleaned_data.get("prefill_from_role"):
            services.posting_prefill_from_role(posting=form.instance)
        elif not (change and "_continue" in request.POST):
            # "Save and continue editing" opens the change form, which runs the analysis
            # and stores its counts: once per save, not twice.
            services.posting_refresh_findings(posting=form.instance)

    # Actions

    @admin.action(description="Clone selected postings as new drafts")
    def clone_selected(self, request, queryset):
        for posting in queryset:
            services.posting_clone(posting=posting, by=request.user)
        self.message_user(request, f"Cloned {queryset.count()} posting(s) as drafts.")

    @admin.action(description="Export selected postings as a ZIP…")
    def export_selected(self, request, queryset):
        """Ask which formats, then queue the ZIP and open its page, which shows the progress
        and the download. The request never renders a file itself."""
        form = BulkExportForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": "Export selected postings",
                "opts": self.model._meta,
                "form": form,
                "postings": list(queryset.values("pk", "title")),
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/hiring/jobposting/export_selected.html", context
            )
        company = company_of(request.user)
        if company is None:  # a superuser exports the selected postings' company
            company = queryset.select_related("company").first().company
        try:
            job = bulk_export_request(
                company=company,
                by=request.user,
                postings=queryset,
                formats=form.cleaned_data["formats"],
            )
        except exports.ExportError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None
        self.message_user(request, EXPORT_QUEUED.format(count=job.total), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:hiring_bulkexport_change", args=[job.pk]))

    def export_view(self, request, object_id, format):
        """One posting as a file; the kit and the packet show the working copy, except
        of a published posting, whose working copy is what was published."""
        posting = self._posting(request, object_id)
        working = exports.shows_working_copy(posting)
        draft = (format in ("kit", "packet") and working) or request.GET.get("draft") == "1"
        try:
            exported = exports.export(posting, format, draft=draft)
        except exports.ExportError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:hiring_jobposting_change", args=[posting.pk])
            )
        return exports.file_response(exported)

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path(
                "<int:object_id>/do/<slug:action>/",
                wrap(self.action_view),
                name="hiring_jobposting_action",
            ),
            path("<int:object_id>/preview/", wrap(self.preview_view), name="hiring_preview"),
            path(
                "<int:object_id>/acknowledge/",
                wrap(self.acknowledge_view),
                name="hiring_acknowledge",
            ),
            path("<int:object_id>/reassign/", wrap(self.reassign_view), name="hiring_reassign"),
            path("analyse/", wrap(self.analyse_view), name="hiring_analyse"),
            path("new/", wrap(NewPostingView.as_view(model_admin=self)), name="hiring_new_posting"),
            path("skill-search/", wrap(self.skill_search_view), name="hiring_skill_search"),
            path(
                "<int:object_id>/live-analysis/",
                wrap(self.live_analysis_view),
                name="hiring_live_analysis",
            ),
            path(
                "import/", wrap(PostingImportView.as_view(model_admin=self)), name="hiring_import"
            ),
            path(
                "<int:object_id>/publish/",
                wrap(PublishConfirmView.as_view(model_admin=self)),
                name="hiring_publish",
            ),
            path(
                "<int:object_id>/archive/",
                wrap(ArchiveConfirmView.as_view(model_admin=self)),
                name="hiring_archive",
            ),
            path(
                "<int:object_id>/export/<slug:format>/",
                wrap(self.export_view),
                name="hiring_export",
            ),
            path("<int:object_id>/versions/", wrap(self.versions_view), name="hiring_versions"),
            *super().get_urls(),
        ]

    def _posting(self, request, object_id):
        posting = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, posting):
            raise PermissionDenied
        return posting

    ACTIONS = {
        "submit": (workflow.posting_submit, "Submitted for review."),
        "publish": (workflow.posting_publish, "Published; the snapshot is saved as a version."),
        "revise": (workflow.posting_revise, "Back to draft; the live version stays up."),
        "archive": (workflow.posting_archive, "Archived."),
        "clone": (services.posting_clone, "Cloned as a new draft."),
    }

    def action_view(self, request, object_id, action):
        posting = self._posting(request, object_id)
        if request.method == "POST" and action == "build-rubric":
            return self.rubric_sync_view(request, posting)
        if request.method != "POST" or action not in self.ACTIONS:
            return HttpResponseRedirect(
                reverse("admin:hiring_jobposting_change", args=[posting.pk])
            )
        service, done = self.ACTIONS[action]
        try:
            result = service(posting=posting, by=request.user)
        except PostingError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:hiring_jobposting_change", args=[posting.pk])
            )
        self.message_user(request, done, messages.SUCCESS)
        if action == "clone":
            return HttpResponseRedirect(reverse("admin:hiring_jobposting_change", args=[result.pk]))
        return HttpResponseRedirect(reverse("admin:hiring_jobposting_change", args=[posting.pk]))

    def rubric_sync_view(self, request, posting):
        """ "Build rubric" proposes what to add and remove; only the rows the recruiter
        leaves ticked are applied, once they confirm."""
        change_url = reverse("admin:hiring_jobposting_change", args=[posting.pk])
        if "confirm" in request.POST:
            # A criterion whose skill is now a nice-to-have has one choice: demote, remove
            # or keep (its radio buttons are named after it).
            chosen = {
                name.removeprefix("nice-"): value
                for name, value in request.POST.items()
                if name.startswith("nice-")
            }
            ids = [int(v) for v in request.POST.getlist("remove") if v.isdigit()]
            try:
                result = rubric_sync(
                    posting=posting,
                    by=request.user,
                    add=[int(v) for v in request.POST.getlist("add") if v.isdigit()],
                    remove=ids
                    + [int(pk) for pk, v in chosen.items() if v == "remove" and pk.isdigit()],
                    demote=[int(pk) for pk, v in chosen.items() if v == "demote" and pk.isdigit()],
                )
            except PostingError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(change_url)
            self.message_user(
                request,
                SYNCED.format(added=result.added, removed=result.removed, demoted=result.demoted),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:hiring_rubric_change", args=[result.rubric.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Build the rubric of {posting}",
            "opts": self.model._meta,
            "original": posting,
            "proposal": rubric_sync_proposal(posting=posting),
            "nice_weight": NICE_TO_HAVE_WEIGHT,
        }
        return TemplateResponse(request, "admin/hiring/jobposting/rubric_sync.html", context)

    def acknowledge_view(self, request, object_id):
        """Acknowledge one finding and come back to it: the answer shows beside its button."""
        posting = self._posting(request, object_id)
        url = reverse("admin:hiring_jobposting_change", args=[posting.pk])
        fingerprint = request.POST.get("fingerprint", "")
        if request.method != "POST":
            return HttpResponseRedirect(url + "#findings")
        try:
            finding_acknowledge(
                posting=posting,
                fingerprint=fingerprint,
                reason=request.POST.get("reason", ""),
                by=request.user,
            )
        except PostingError as exc:
            if str(exc) != NEEDS_REASON:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(url + "#findings")
            query = urlencode({"unacknowledged": fingerprint})
            return HttpResponseRedirect(f"{url}?{query}#finding-{fingerprint}")
        return HttpResponseRedirect(f"{url}#finding-{fingerprint}")

    def live_analysis_view(self, request, object_id):
        """The findings and the chart of the change form as it stands, not saved: the
        change form's script posts the form here while the recruiter types."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # The scoped postings without the changelist's count of skills: one query.
        scoped = super().get_queryset(request)
        try:
            posting = posting_for_unsaved_analysis(scoped, object_id)
        except JobPosting.DoesNotExist:
            raise Http404 from None
        if not self.has_view_permission(request, posting):
            raise PermissionDenied
        unsaved = unsaved_posting_analysis(posting=posting, data=request.POST)
        analysis = unsaved.analysis
        context = {
            "analysis": analysis,
            "chart": charts.lean_chart(analysis.report.lean, analysis.catalog),
            "placements": unsaved.placements,
            "marked": unsaved.marked,
            "unsaved": True,
        }
        return TemplateResponse(request, "postings/_live_analysis.html", context)

    def skill_search_view(self, request):
        """The skill autocomplete of the posting's rows, in select2's JSON."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        posting_id = request.GET.get("posting", "")
        posting_id = self._posting(request, posting_id).pk if posting_id.isdigit() else None
        found = skill_search(
            skills=scoped_blocks(request, Skill),
            term=request.GET.get("term", ""),
            posting_id=posting_id,
        )
        return JsonResponse(
            {
                "results": [{"id": str(pk), "text": name} for pk, name in found],
                "pagination": {"more": False},
            }
        )

    def reassign_view(self, request, object_id):
        """Hand the review to another hiring manager of the company."""
        posting = self._posting(request, object_id)
        form = ReassignForm(request.POST or None, posting=posting)
        if request.method == "POST" and form.is_valid():
            manager = form.cleaned_data["hiring_manager"]
            try:
                workflow.posting_reassign(posting=posting, hiring_manager=manager, by=request.user)
            except PostingError as exc:
                form.add_error(None, str(exc))
            else:
                self.message_user(request, REASSIGNED.format(manager=manager), messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:hiring_jobposting_change", args=[posting.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Hand the review of {posting} to another manager",
            "opts": self.model._meta,
            "original": posting,
            "form": form,
        }
        return TemplateResponse(
            request,
            "admin/hiring/jobposting/reassign.html",
            context,
            status=400 if request.method == "POST" else 200,
        )

    def analyse_view(self, request):
        """Paste a posting's text and see what the rules make of it."""
        if not self.has_module_permission(request):
            raise PermissionDenied
        form = AnalyseTextForm(request.POST or None)
        result = None
        if request.method == "POST" and form.is_valid():
            result = text_analysis(
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                company=None if sees_everything(request.user) else company_of(request.user),
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Analyse a job text",
            "opts": self.model._meta,
            "form": form,
            "result": result,
            "analysis": result,
            "chart": charts.lean_chart(result.analysis.report.lean, result.catalog)
            if result
            else None,
        }
        return TemplateResponse(
            request,
            "admin/hiring/jobposting/analyse.html",
            context,
            status=400 if request.method == "POST" and not form.is_valid() else 200,
        )

    def preview_view(self, request, object_id):
        posting = self._posting(request, object_id)
        posting = postings_with_blocks(JobPosting.objects.filter(pk=posting.pk)).get()
        return TemplateResponse(request, "postings/preview.html", {"posting": posting})

    def versions_view(self, request, object_id):
        posting = self._posting(request, object_id)
        comparison = posting_compare(
            posting=posting, before=request.GET.get("a", ""), after=request.GET.get("b", "")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Versions of {posting}",
            "opts": self.model._meta,
            "original": posting,
            "versions": comparison.versions,
            "before_key": comparison.before_key,
            "after_key": comparison.after_key,
            "changes": comparison.sentences,
        }
        return TemplateResponse(request, "admin/hiring/jobposting/versions.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["row_errors"] = row_errors(context.get("inline_admin_formsets", ()))
        if obj is not None:
            analysis = posting_analysis(posting=obj)
            services.posting_refresh_findings(posting=obj, analysis=analysis)
            context["analysis"] = analysis
            context["chart"] = charts.lean_chart(analysis.report.lean, analysis.catalog)
            context["placements"], context["marked"] = self._guidance(analysis, context)
            if obj.is_editable:
                context["live_url"] = reverse("admin:hiring_live_analysis", args=[obj.pk])
            if obj.status != JobPosting.Status.ARCHIVED:
                context["ack_url"] = reverse("admin:hiring_acknowledge", args=[obj.pk])
                context["unacknowledged"] = request.GET.get("unacknowledged", "")
            context["posting_actions"] = self.available_actions(obj)
            if obj.status == JobPosting.Status.IN_REVIEW:
                # A draft's manager is a field of the form; a pending review is handed over.
                context["reassign_url"] = reverse("admin:hiring_reassign", args=[obj.pk])
            context["export_links"] = [
                (name, exporter.label) for name, exporter in exports.FORMATS.items()
            ]
            context["rubric"] = rubric_of(obj)
            context["reviews"] = reviews_of(obj)[:5]
            sent_back = changes_requested_of(obj)
            context["changes_requested"] = sent_back
            context["section_comments"] = self.section_comments(sent_back)
            context["notes"] = notes_of(obj)[:5]
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Where the change form shows a review's comment on each section of the posting: a
    # fieldset's name, or an inline's prefix.
    SECTION_PLACES = {
        ReviewComment.Section.SUMMARY: "Text",
        ReviewComment.Section.PAY: "Pay and experience",
        ReviewComment.Section.REQUIREMENTS: "skills",
        ReviewComment.Section.RESPONSIBILITIES: "responsibilities",
        ReviewComment.Section.RUBRIC: "rubric",
    }

    @classmethod
    def section_comments(cls, review) -> dict[str, list]:
        """The comments of the review that sent the posting back, by where they show."""
        places: dict[str, list] = {}
        for comment in review.section_comments.all() if review else ():
            places.setdefault(cls.SECTION_PLACES[comment.section], []).append(comment)
        return places

    @staticmethod
    def _guidance(analysis, context):
        forms = {
            inline.formset.prefix: [form.instance.pk for form in inline.formset.forms]
            for inline in context.get("inline_admin_formsets", ())
        }
        return saved_guidance(
            analysis,
            skill_forms=forms.get("skills", []),
            duty_forms=forms.get("responsibilities", []),
        )

    @staticmethod
    def available_actions(posting):
        Status = JobPosting.Status
        by_status = {
            Status.DRAFT: [
                ("build-rubric", "Build rubric from posting"),
                ("submit", "Submit for review"),
            ],
            Status.IN_REVIEW: [],
            Status.CHANGES_REQUESTED: [
                ("build-rubric", "Build rubric from posting"),
                ("submit", "Resubmit for review"),
            ],
            Status.APPROVED: [("publish", "Publish"), ("revise", "Back to draft")],
            Status.PUBLISHED: [("revise", "Revise (new draft)")],
            Status.ARCHIVED: [],
        }
        actions = list(by_status[posting.status])
        if posting.status != Status.ARCHIVED:
            actions.append(("archive", "Archive"))
        actions.append(("clone", "Clone"))
        return actions
