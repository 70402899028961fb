"""Free job text from an ATS, read by the same rules as a posting."""

import hashlib

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from hiring.findings.adapter import rules_thresholds
from hiring.findings.selectors import text_analysis
from hiring.selectors import catalog_generation

from .. import examples
from ..caching import cached_json_response
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
        # An ATS sends the same ad again on every sync: the answer is kept per text, for
        # as long as the catalog, the rules' thresholds and the date stay the same.
        digest = hashlib.sha256(
            "\0".join([title, text, repr(rules_thresholds())]).encode()
        ).hexdigest()
        key = ":".join(
            [
                "rolekit:api:analysis",
                str(company.pk),
                catalog_generation(),
                timezone.localdate().isoformat(),
                digest,
            ]
        )

        def build():
            result = text_analysis(title=title, text=text, company=company)
            return a.text_findings(title, result)

        return cached_json_response(self, key, build)
