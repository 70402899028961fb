"""Query filters for lists: postings for sync (status, role family, level, updated_since,
search) and the catalog."""

import django_filters
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from rest_framework.exceptions import ValidationError

from hiring.models import JobPosting
from roles.models import (
    Category,
    InterviewQuestion,
    Level,
    Responsibility,
    RoleFamily,
    SalaryBand,
    Skill,
)

EMPTY_FILTER = "Give a value, or leave the parameter out."


class FilterBackend(DjangoFilterBackend):
    """django-filter, except that `?status=` (empty) is an error rather than no filter: a
    client that sends an empty value most likely meant to filter, and would get everything."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            empty = {
                name: [EMPTY_FILTER]
                for name in filterset_class.base_filters
                if "" in request.query_params.getlist(name)
            }
            if empty:
                raise ValidationError(empty)
        return super().filter_queryset(request, queryset, view)


class FilterBackendSchema(DjangoFilterExtension):
    """The parameters of `FilterBackend` in the OpenAPI schema, which says that an empty
    value is refused (enums and formats such as date-time say it already)."""

    target_class = FilterBackend
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        for parameter in parameters:
            value = parameter["schema"].get("items", parameter["schema"])
            if value.get("type") == "string" and not {"enum", "format"} & set(value):
                value["minLength"] = 1
        return parameters


UPDATED_SINCE_HELP = (
    "Only postings changed at or after this time (ISO 8601, e.g. 2026-01-31T12:00:00Z), "
    "archived ones included: pass the largest `updated_at` of your last sync."
)


class PostingFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=JobPosting.Status.choices, help_text="Repeat to ask for several statuses."
    )
    role_family = django_filters.ModelChoiceFilter(
        queryset=RoleFamily.objects.all(), to_field_name="slug", help_text="A role family slug."
    )
    level = django_filters.ModelChoiceFilter(
        queryset=Level.objects.all(), to_field_name="slug", help_text="A level slug."
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP
    )
    search = django_filters.CharFilter(
        method="search_text", max_length=200, help_text="Words in the title, summary or team."
    )

    class Meta:
        model = JobPosting
        fields = ("status", "role_family", "level", "updated_since", "search")

    def search_text(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(team__icontains=word)
            )
        return queryset


class SkillFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=Category.choices)
    search = django_filters.CharFilter(
        method="search_text", max_length=100, help_text="Part of the name or an alias."
    )

    class Meta:
        model = Skill
        fields = ("category", "search")

    def search_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value))


class ResponsibilityFilter(django_filters.FilterSet):
    core_for = django_filters.ModelChoiceFilter(
        queryset=RoleFamily.objects.all(),
        to_field_name="slug",
        help_text="Only responsibilities core for this role family.",
    )

    class Meta:
        model = Responsibility
        fields = ("core_for",)


class LevelFilter(django_filters.FilterSet):
    role_family = django_filters.ModelChoiceFilter(
        queryset=RoleFamily.objects.all(), to_field_name="slug"
    )

    class Meta:
        model = Level
        fields = ("role_family",)


class SalaryBandFilter(django_filters.FilterSet):
    role_family = django_filters.ModelChoiceFilter(
        queryset=RoleFamily.objects.all(), to_field_name="slug"
    )
    level = django_filters.ModelChoiceFilter(queryset=Level.objects.all(), to_field_name="slug")
    region = django_filters.CharFilter(max_length=10, help_text="ISO 3166 code, or GLOBAL.")

    class Meta:
        model = SalaryBand
        fields = ("role_family", "level", "region")


class InterviewQuestionFilter(django_filters.FilterSet):
    skill = django_filters.CharFilter(
        field_name="skill__slug", max_length=80, help_text="A skill slug."
    )
    stage = django_filters.ChoiceFilter(choices=InterviewQuestion.Stage.choices)

    class Meta:
        model = InterviewQuestion
        fields = ("skill", "stage")
