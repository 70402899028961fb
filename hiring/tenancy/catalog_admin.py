"""Catalog admin: the shared DS/MLE library, read-only to companies, beside their own blocks.

The catalog's models are `roles`'s, but who may see and change which rows is the hiring
side's to say (`roles` knows nothing of companies' people): `hiring.admin` registers these.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from roles.models import (
    Emphasis,
    InterviewQuestion,
    Level,
    Requirement,
    RoleFact,
    RoleFamily,
    Skill,
    SkillAnchors,
)
from roles.selectors import role_comparison

from . import sees_everything
from .admin_scoping import CatalogAdmin, ConditionalInline, SharedOrOwnAdmin


class RoleFactInline(admin.TabularInline):
    model = RoleFact
    extra = 0
    fields = ("kind", "text", "source")


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0
    fields = ("rank", "name", "min_years", "max_years", "skill_years", "scope", "source")


class RoleFamilyAdmin(CatalogAdmin):
    list_display = ("name", "short_name", "key_question", "source", "compare_link")
    search_fields = ("name", "slug", "summary")
    inlines = [RoleFactInline, LevelInline]

    @admin.display(description="Compare")
    def compare_link(self, obj):
        return format_html('<a href="{}">DS vs MLE</a>', reverse("admin:roles_compare"))

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        return [path("compare/", compare, name="roles_compare"), *super().get_urls()]

    def compare_view(self, request):
        """Read-only side-by-side comparison of two role families (DS and MLE by default)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        left = get_object_or_404(RoleFamily, slug=request.GET.get("left", "data-scientist"))
        right = get_object_or_404(
            RoleFamily, slug=request.GET.get("right", "machine-learning-engineer")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{left.name} vs {right.name}",
            "opts": self.model._meta,
            "comparison": role_comparison(left=left, right=right),
            "families": RoleFamily.objects.all(),
        }
        return TemplateResponse(request, "admin/roles/compare.html", context)


class OwnSkillInline(ConditionalInline):
    """Rows of a skill: a company sets them on its own skills; the shared ones are read-only."""

    def editable(self, request, obj):
        return sees_everything(request.user) or (obj is not None and obj.company_id is not None)


class EmphasisInline(OwnSkillInline, admin.TabularInline):
    model = Emphasis
    extra = 0
    fields = ("role_family", "level", "defining", "claims_display", "note", "source")
    readonly_fields = ("claims_display",)

    @admin.display(description="What the articles say")
    def claims_display(self, obj):
        return "; ".join(f"{c.get('says')} ({c.get('source')})" for c in obj.claims or [])


class RequirementInline(OwnSkillInline, admin.TabularInline):
    """The sentence a posting shows for the skill at each emphasis."""

    model = Requirement
    extra = 0
    max_num = 3
    fields = ("emphasis", "text", "source", "note")


class AnchorsInline(OwnSkillInline, admin.StackedInline):
    """What an interviewer sees at each point of the scale, strong no to strong yes."""

    model = SkillAnchors
    extra = 0
    fields = ("strong_no", "no", "yes", "strong_yes", "source", "note")


class QuestionInline(ConditionalInline, admin.StackedInline):
    model = InterviewQuestion
    extra = 0
    fields = ("stage", "question", "strong_answer", "weak_answer", "source")

    def editable(self, request, obj):
        return sees_everything(request.user)


class EmphasisForFamilyFilter(admin.SimpleListFilter):
    title = "medium or heavy for"
    parameter_name = "role_family"

    def lookups(self, request, model_admin):
        return [(f.slug, f.name) for f in RoleFamily.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                emphases__role_family__slug=self.value(), emphases__level__gte=2
            ).distinct()
        return queryset


class SkillAdmin(SharedOrOwnAdmin):
    list_display = ("name", "category", "emphasis_summary", "first_release_year", "owner")
    list_filter = ("category", EmphasisForFamilyFilter)
    search_fields = ("name", "slug", "aliases")
    prepopulated_fields = {"slug": ("name",)}
    fields = (
        "name",
        "slug",
        "company",
        "category",
        "description",
        "aliases",
        "first_release_year",
        "source",
        "note",
    )
    inlines = [EmphasisInline, RequirementInline, AnchorsInline, QuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("emphases__role_family")

    @admin.display(description="Emphasis")
    def emphasis_summary(self, obj):
        return ", ".join(
            f"{e.role_family.short_name} {e.get_level_display()}" for e in obj.emphases.all()
        )

    @admin.display(description="Library")
    def owner(self, obj):
        return "shared" if obj.is_shared else "own"


class ResponsibilityAdmin(SharedOrOwnAdmin):
    list_display = ("text", "core_for_display", "skill_list", "owner", "source")
    list_filter = ("core_for", "skills__category")
    search_fields = ("text", "slug")
    filter_horizontal = ("skills", "core_for")
    prepopulated_fields = {"slug": ("text",)}
    fields = ("text", "slug", "company", "skills", "core_for", "source", "note")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("core_for", "skills")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "skills":
            kwargs["queryset"] = SkillAdmin(Skill, self.admin_site).get_queryset(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="Core for")
    def core_for_display(self, obj):
        return ", ".join(f.short_name for f in obj.core_for.all())

    @admin.display(description="Skills")
    def skill_list(self, obj):
        return ", ".join(s.name for s in obj.skills.all())

    @admin.display(description="Library")
    def owner(self, obj):
        return "shared" if obj.is_shared else "own"


class EmphasisAdmin(CatalogAdmin):
    list_display = ("skill", "role_family", "level", "defining", "source", "note")
    list_filter = ("role_family", "level", "defining", "skill__category")
    search_fields = ("skill__name", "note")
    list_select_related = ("skill", "role_family")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(skill__company__isnull=True)


class LevelAdmin(CatalogAdmin):
    list_display = ("name", "role_family", "rank", "years", "skill_years", "source")
    list_filter = ("role_family",)
    search_fields = ("name", "scope")
    list_select_related = ("role_family",)

    @admin.display(description="Typical years")
    def years(self, obj):
        return obj.years_display


class SalaryBandAdmin(CatalogAdmin):
    list_display = ("role_family", "level", "region", "range", "top_of_band", "year", "source")
    list_filter = ("role_family", "region", "currency", "year")
    search_fields = ("note", "level__name")
    list_select_related = ("role_family", "level")

    @admin.display(description="Range")
    def range(self, obj):
        return f"{obj.currency} {obj.min_amount:,}–{obj.max_amount:,} {obj.get_period_display()}"


class InterviewQuestionAdmin(CatalogAdmin):
    list_display = ("question", "skill", "stage", "source")
    list_filter = ("stage", "skill__category", "skill")
    search_fields = ("question", "strong_answer", "weak_answer", "skill__name")
    list_select_related = ("skill",)


class RoleFactAdmin(CatalogAdmin):
    list_display = ("text", "role_family", "kind", "source")
    list_filter = ("role_family", "kind")
    search_fields = ("text",)
    list_select_related = ("role_family",)
