"""The catalog, read-only: the shared DS/MLE library plus the caller's company's own blocks."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import viewsets

from roles.models import (
    Emphasis,
    InterviewQuestion,
    Level,
    Responsibility,
    RoleFamily,
    SalaryBand,
    Skill,
)

from .. import filters
from ..pagination import CatalogCursorPagination
from ..serializers import catalog as s
from .base import ApiViewMixin

SLUG = r"[-a-zA-Z0-9_]{1,120}"


def _catalog_views(name: str, plural: str, example: dict):
    """List and retrieve descriptions, with an example, for one catalog resource."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=f"Every {name} you can use, by slug, in slug order.",
            examples=[OpenApiExample(name.capitalize(), value=example, response_only=True)],
        ),
        retrieve=extend_schema(
            summary=f"Get one {name}",
            examples=[OpenApiExample(name.capitalize(), value=example, response_only=True)],
        ),
    )


class CatalogViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG
    pagination_class = CatalogCursorPagination


@extend_schema(tags=["Catalog"])
@_catalog_views(
    "role family",
    "role families",
    {
        "slug": "data-scientist",
        "name": "Data Scientist",
        "short_name": "DS",
        "summary": "Turns data into decisions.",
        "key_question": "What should we do, and did it work?",
        "primary_output": "Analyses, experiments and models that inform decisions.",
        "success_metric": "Better decisions, measured.",
        "source": "000_57363c5cadbec434.txt",
    },
)
class RoleFamilyViewSet(CatalogViewSet):
    serializer_class = s.RoleFamilySerializer
    queryset = RoleFamily.objects.all()


@extend_schema(tags=["Catalog"])
@_catalog_views(
    "skill",
    "skills",
    {
        "slug": "docker-kubernetes",
        "name": "Docker & Kubernetes",
        "category": "mlops",
        "description": "",
        "aliases": ["docker", "kubernetes", "k8s"],
        "first_release_year": 2014,
        "emphasis": {"data-scientist": "light", "machine-learning-engineer": "heavy"},
        "shared": True,
        "source": "001_a2e84385d3077740.txt",
    },
)
class SkillViewSet(CatalogViewSet):
    serializer_class = s.SkillSerializer
    filterset_class = filters.SkillFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Skill.objects.none()
        return Skill.objects.visible_to(self.company()).prefetch_related(
            Prefetch("emphases", queryset=Emphasis.objects.select_related("role_family"))
        )


@extend_schema(tags=["Catalog"])
@_catalog_views(
    "responsibility",
    "responsibilities",
    {
        "slug": "design-and-analyse-ab-tests",
        "text": "Design and analyse A/B tests and controlled experiments",
        "skills": ["ab-testing", "statistics"],
        "core_for": ["data-scientist"],
        "shared": True,
        "source": "001_a2e84385d3077740.txt",
    },
)
class ResponsibilityViewSet(CatalogViewSet):
    serializer_class = s.ResponsibilitySerializer
    filterset_class = filters.ResponsibilityFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Responsibility.objects.none()
        return Responsibility.objects.visible_to(self.company()).prefetch_related(
            "skills", "core_for"
        )


@extend_schema(tags=["Catalog"])
@_catalog_views(
    "level",
    "levels",
    {
        "slug": "mle-senior",
        "role_family": "machine-learning-engineer",
        "name": "Senior ML Engineer",
        "rank": 3,
        "min_years": 5,
        "max_years": 8,
        "scope": "Owns a production ML system end to end.",
        "source": "000_57363c5cadbec434.txt",
    },
)
class LevelViewSet(CatalogViewSet):
    serializer_class = s.LevelSerializer
    filterset_class = filters.LevelFilter
    queryset = Level.objects.select_related("role_family")


@extend_schema(tags=["Catalog"])
@_catalog_views(
    "salary band",
    "salary bands",
    {
        "slug": "us-mle-senior-2026-004",
        "role_family": "machine-learning-engineer",
        "level": "mle-senior",
        "region": "US",
        "currency": "USD",
        "period": "YEAR",
        "min_amount": 160000,
        "max_amount": 210000,
        "top_of_band": None,
        "year": 2026,
        "source": "004_a9c1373954b2aa14.txt",
    },
)
class SalaryBandViewSet(CatalogViewSet):
    serializer_class = s.SalaryBandSerializer
    filterset_class = filters.SalaryBandFilter
    queryset = SalaryBand.objects.select_related("role_family", "level")


@extend_schema(tags=["Catalog"])
@_catalog_views(
    "interview question",
    "interview questions",
    {
        "slug": "ab-testing-q1-sample-size",
        "skill": "ab-testing",
        "stage": "technical",
        "question": "How would you size an A/B test for a 2% lift?",
        "strong_answer": "Works from baseline rate, minimum detectable effect and power.",
        "weak_answer": "Picks a duration without reference to power.",
        "source": "000_57363c5cadbec434.txt",
    },
)
class InterviewQuestionViewSet(CatalogViewSet):
    serializer_class = s.InterviewQuestionSerializer
    filterset_class = filters.InterviewQuestionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return InterviewQuestion.objects.none()
        visible = Skill.objects.visible_to(self.company())
        return InterviewQuestion.objects.filter(skill__in=visible).select_related("skill")
