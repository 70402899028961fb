"""Bulk exports through the API: ask for a ZIP of many postings, follow its progress,
download it. The job is the admin's "Export selected" job, run by the same task."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from hiring import exports
from hiring.exports.jobs import bulk_export_request
from hiring.models import BulkExport

from .. import examples
from ..errors import Conflict, Unprocessable
from ..idempotency import idempotent
from ..pagination import SyncCursorPagination
from ..permissions import HasCompany
from ..principals import principal_of
from ..schema import IDEMPOTENCY_KEY, errors
from ..serializers import exports as e
from .base import ApiViewMixin
from .postings import PassThroughNegotiation

NOT_READY = "This export is {status}; the ZIP can be downloaded once it is done."
FILE_GONE = "The ZIP of this export is no longer stored; ask for a new export."


class BulkExportPagination(SyncCursorPagination):
    ordering = ("-created_at", "-id")


@extend_schema(tags=["Bulk exports"])
class BulkExportViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """A company's bulk exports. Read-only keys may ask for one: it changes no posting."""

    permission_classes = [HasCompany]
    serializer_class = e.BulkExportSerializer
    pagination_class = BulkExportPagination
    filter_backends = []
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BulkExport.objects.none()
        company = principal_of(self.request).company
        return BulkExport.objects.filter(company=company).select_related("requested_by")

    @extend_schema(
        summary="List bulk exports",
        description="Your company's bulk exports, newest first.",
        examples=[examples.BULK_EXPORT],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Get a bulk export",
        description=(
            "Its status (queued, running, done, failed), progress, the files that failed "
            "and why, and once done the `download` address of the ZIP."
        ),
        examples=[examples.BULK_EXPORT],
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Ask for a bulk export",
        description=(
            "Queues a ZIP of the postings in the formats (up to 2,000 files) and answers "
            "202 with the export and its address in `Location`; poll it until its status "
            "is done or failed. Postings that cannot be exported (a draft never published, "
            "say) are listed in `failures` and in export-errors.txt inside the ZIP."
        ),
        request=e.BulkExportCreateSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={202: e.BulkExportSerializer, **errors(422)},
        examples=[examples.BULK_EXPORT_REQUEST, examples.BULK_EXPORT_QUEUED],
    )
    @idempotent
    def create(self, request):
        principal = principal_of(request)
        serializer = e.BulkExportCreateSerializer(
            data=request.data, context={"company": principal.company}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            job = bulk_export_request(
                company=principal.company,
                by=principal.user,
                postings=principal.company.postings.filter(pk__in=data["postings"]),
                formats=data["formats"],
                draft=data["draft"],
            )
        except exports.ExportError as exc:
            raise Unprocessable(str(exc)) from None
        body = e.BulkExportSerializer(job, context=self.get_serializer_context()).data
        location = reverse("api:bulk-export-detail", args=[job.pk])
        return Response(body, status=202, headers={"Location": location})

    @extend_schema(
        summary="Download a bulk export",
        description="The ZIP, once the export is done (409 before).",
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The ZIP."),
            **errors(409),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        content_negotiation_class=PassThroughNegotiation,
        pagination_class=None,
    )
    def download(self, request, pk=None):
        job = self.get_object()
        if job.status != BulkExport.Status.DONE or not job.file:
            raise Conflict(NOT_READY.format(status=job.get_status_display().lower()))
        try:
            return exports.zip_response(job)
        except FileNotFoundError:
            raise NotFound(FILE_GONE) from None
