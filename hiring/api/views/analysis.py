"""Free job text from an ATS, read by the same rules as a posting."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from hiring import caching
from hiring.findings.adapter import rules_thresholds
from hiring.findings.selectors import text_analysis

from .. import examples
from ..permissions import HasCompany
from ..serializers import analysis as a
from .base import ApiViewMixin


@extend_schema(tags=["Analysis"])
class AnalyseView(ApiViewMixin, APIView):
    """Analysis writes nothing, so read-only keys may use it too."""

    permission_classes = [HasCompany]

    @extend_schema(
        summary="Analyse job text",
        description=(
            "Checks a title and free text (your ATS's job ad) against the DS/MLE catalog and "
            "your company's blocks: which skills it names, how DS or MLE it reads, and the "
            "findings a posting would get (no rubric, so no rubric findings)."
        ),
        request=a.AnalyseRequestSerializer,
        responses={200: a.TextAnalysisSerializer},
        examples=[examples.ANALYSE_REQUEST, examples.ANALYSE_RESPONSE],
    )
    def post(self, request):
        serializer = a.AnalyseRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        title, text = serializer.validated_data["title"], serializer.validated_data["text"]
        company = self.company()
        key = caching.api_analysis_key(
            company=company,
            title=title,
            text=text,
            thresholds=rules_thresholds(),
            day=timezone.localdate(),
        )

        def build():
            result = text_analysis(title=title, text=text, company=company)
            return a.text_findings(title, result)

        return caching.cached_json_response(self, key, build)
