"""/api/: the schema and docs, and version 1 of the API. Anything else under /api/ is a JSON
404, never Django's HTML page."""

from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from .errors import not_found
from .renderers import allow_inline_styles
from .views.analysis import AnalyseView
from .views.catalog import (
    InterviewQuestionViewSet,
    LevelViewSet,
    ResponsibilityViewSet,
    RoleFamilyViewSet,
    SalaryBandViewSet,
    SkillViewSet,
)
from .views.exports import BulkExportViewSet
from .views.members import MemberViewSet
from .views.postings import PostingViewSet

app_name = "api"


class Router(DefaultRouter):
    """The API root at /api/v1/, without `.json` suffix routes (JSON is the only format)."""

    include_format_suffixes = False


router = Router()
router.register("role-families", RoleFamilyViewSet, basename="role-family")
router.register("skills", SkillViewSet, basename="skill")
router.register("responsibilities", ResponsibilityViewSet, basename="responsibility")
router.register("levels", LevelViewSet, basename="level")
router.register("salary-bands", SalaryBandViewSet, basename="salary-band")
router.register("interview-questions", InterviewQuestionViewSet, basename="interview-question")
router.register("postings", PostingViewSet, basename="posting")
router.register("members", MemberViewSet, basename="member")
router.register("bulk-exports", BulkExportViewSet, basename="bulk-export")


@extend_schema_view(post=extend_schema(exclude=True))
class AnalyseNoSlashView(AnalyseView):
    """`POST /api/v1/analyse` as well: a POST cannot be redirected to the slashed address."""


@extend_schema_view(import_text=extend_schema(exclude=True))
class PostingImportNoSlashView(PostingViewSet):
    """`POST /api/v1/postings/import` as well, for the same reason."""


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # Swagger UI sets styles inline; scripts stay under the strict policy.
        allow_inline_styles(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("v1/analyse/", AnalyseView.as_view(), name="analyse"),
    path("v1/analyse", AnalyseNoSlashView.as_view()),
    path(
        "v1/postings/import",
        PostingImportNoSlashView.as_view({"post": "import_text"}, basename="posting", detail=False),
    ),
    path("v1/", include(router.urls)),
    re_path(r"^", not_found),
]
