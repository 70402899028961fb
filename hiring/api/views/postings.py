"""Postings: list for sync, retrieve with blocks and rubric, create and update drafts, the
lifecycle actions, versions and their diff, the rubric, findings and exports."""

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from hiring import caching, exports
from hiring.findings.selectors import posting_analysis
from hiring.findings.services import finding_acknowledge
from hiring.models import JobPosting, Review
from hiring.postings import importing
from hiring.postings.selectors import (
    posting_detail_item,
    posting_detail_row,
    posting_list_items,
    posting_list_rows,
    rubric_item,
)
from hiring.postings.services import posting_create, posting_update
from hiring.postings.versions import snapshot_diff, versions_to_compare
from hiring.postings.workflow import (
    posting_archive,
    posting_publish,
    posting_review,
    posting_revise,
    posting_submit,
)
from hiring.rubrics.services import rubric_build_from_posting, rubric_update

from .. import examples
from ..conditional import etag_for, expected_version, if_match, not_modified
from ..errors import Conflict, Unprocessable
from ..filters import PostingFilter
from ..idempotency import idempotent
from ..pagination import SyncCursorPagination
from ..permissions import HasCompany, HiringManagerOnly, RecruiterWrites, WriteScope
from ..principals import principal_of
from ..schema import (
    ETAG_HEADER,
    IDEMPOTENCY_KEY,
    IF_MATCH,
    IF_MATCH_OPTIONAL,
    IF_NONE_MATCH,
    errors,
)
from ..serializers import analysis as a
from ..serializers import importing as i
from ..serializers import postings as p
from .base import ApiViewMixin

NO_RUBRIC = "This posting has no rubric yet; POST …/rubric/build/ or PATCH …/rubric/ to start one."
NO_VERSION = "This posting has no published version {number}."
NO_VERSIONS = "This posting has never been published, so it has no versions to compare."
UNKNOWN_FORMAT = "Unknown export format {name!r}; choose one of: {choices}."

# Each file's type without its charset, in the order of `exports.FORMATS`.
EXPORT_CONTENT_TYPES = tuple(
    dict.fromkeys(exporter.content_type.split(";")[0] for exporter in exports.FORMATS.values())
)


class PassThroughNegotiation(BaseContentNegotiation):
    """Exports answer with the file's own type whatever `Accept` says; errors stay JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class DiffQuerySerializer(serializers.Serializer):
    def get_fields(self):
        return {
            "from": serializers.IntegerField(min_value=1, max_value=1_000_000, required=False),
            "to": serializers.IntegerField(min_value=1, max_value=1_000_000, required=False),
        }


class ExportQuerySerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False)
    draft = serializers.BooleanField(required=False, default=False)


@extend_schema(tags=["Postings"])
class PostingViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """A company's job postings; writes go through `hiring.postings`."""

    permission_classes = [HasCompany, WriteScope, RecruiterWrites]
    lookup_value_regex = r"[0-9]{1,18}"
    filterset_class = PostingFilter
    pagination_class = SyncCursorPagination
    serializer_class = p.PostingDetailSerializer

    def check_throttles(self, request):
        # Every update here needs If-Match: one without it gets its 428 before it is
        # counted or throttled, so that a client told to wait knows it must also fix it.
        if request.method == "PATCH":
            if_match(request, required=True)
        super().check_throttles(request)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return JobPosting.objects.none()
        company = principal_of(self.request).company
        return exports.postings_for_export(JobPosting.objects.filter(company=company))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["company"] = principal_of(self.request).company
        return context

    def _principal(self):
        return principal_of(self.request)

    def _posting_response(self, posting: JobPosting, status: int = 200, **extra) -> Response:
        row = posting_detail_row(JobPosting.objects.filter(pk=posting.pk))
        data = {**posting_detail_item(row), **extra}
        return Response(data, status=status, headers={"ETag": etag_for(row["id"], row["version"])})

    # Collection

    @extend_schema(
        summary="List postings",
        description=(
            "Every posting of your company, archived ones included, oldest change first "
            "(`updated_at`, then `id`), with skills and responsibilities (GET one posting "
            "for its rubric). Walk `next` until it is null; for an incremental sync, "
            "pass `updated_since` = the largest `updated_at` you stored."
        ),
        responses={200: p.PostingSerializer(many=True)},
        examples=[examples.POSTING_PAGE],
    )
    def list(self, request):
        # A page is kept until any posting of the company (or the catalog) changes.
        key = caching.api_postings_key(company=self._principal().company, request=request)

        def build():
            queryset = self.filter_queryset(self.get_queryset())
            page = self.paginate_queryset(posting_list_rows(queryset))
            return self.get_paginated_response(posting_list_items(page)).data

        return caching.cached_json_response(self, key, build)

    @extend_schema(
        summary="Create a draft posting",
        description=(
            "Creates a draft. Skills are named by slug; responsibilities by catalog slug, "
            "by your own `text`, or both. Send an `Idempotency-Key` so that a retried "
            "request never creates two postings."
        ),
        request=p.PostingCreateSerializer,
        parameters=[IDEMPOTENCY_KEY, ETAG_HEADER],
        responses={201: p.PostingDetailSerializer},
        examples=[examples.POSTING_CREATE, examples.POSTING_DETAIL],
    )
    @idempotent
    def create(self, request):
        principal = self._principal()
        serializer = p.PostingCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "recruiter" not in data and principal.key is None:
            data["recruiter"] = principal.user
        posting = posting_create(company=principal.company, **data)
        response = self._posting_response(posting, status=201)
        response["Location"] = reverse("api:posting-detail", args=[posting.pk])
        return response

    @extend_schema(
        summary="Import a job description as a draft",
        description=(
            "Turns an existing job ad into a draft: the skills it names become skill rows "
            "(must-have or nice-to-have, with an emphasis), its duty lines responsibilities "
            "in its own words, and its title, role family, level, years, pay, places and work "
            "policy fields; every line not read into a field stays in the summary. Answers "
            "the draft as GET returns it, with its findings. Send an `Idempotency-Key` so "
            "that a retried request never creates two drafts."
        ),
        request=i.PostingImportSerializer,
        parameters=[IDEMPOTENCY_KEY, ETAG_HEADER],
        responses={201: i.ImportedPostingSerializer},
        examples=[examples.IMPORT_REQUEST, examples.IMPORT_RESPONSE],
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        pagination_class=None,
        filter_backends=[],
    )
    @idempotent
    def import_text(self, request):
        serializer = i.PostingImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        principal = self._principal()
        posting = importing.posting_import(
            company=principal.company,
            by=principal.user if principal.key is None else None,
            **serializer.validated_data,
        )
        findings = a.posting_findings(posting, posting_analysis(posting=posting))
        response = self._posting_response(posting, status=201, findings=findings)
        response["Location"] = reverse("api:posting-detail", args=[posting.pk])
        return response

    # One posting

    @extend_schema(
        summary="Get a posting",
        description="The posting with its skills, responsibilities and rubric, and its ETag.",
        parameters=[IF_NONE_MATCH, ETAG_HEADER],
        responses={200: p.PostingDetailSerializer, 304: OpenApiResponse(description="Unchanged.")},
        examples=[examples.POSTING_DETAIL],
    )
    def retrieve(self, request, pk=None):
        # One query reads the posting's row: it answers If-None-Match and names the
        # cached body (any change to the posting, its blocks or its rubric moves
        # `updated_at` and the version; catalog edits change the catalog generation).
        company = self._principal().company
        if not str(pk).isdigit() or len(str(pk)) > 18:
            raise NotFound
        row = posting_detail_row(JobPosting.objects.filter(company=company, pk=pk))
        if row is None:
            raise NotFound
        etag = etag_for(pk, row["version"])
        if not_modified(request, etag):
            return Response(status=304, headers={"ETag": etag})
        response = caching.cached_json_response(
            self, caching.api_posting_key(row, company=company), lambda: posting_detail_item(row)
        )
        response["ETag"] = etag
        return response

    @extend_schema(
        summary="Update a draft posting",
        description=(
            "Changes the fields you send. `skills` and `responsibilities`, when sent, "
            "replace the whole list. Requires `If-Match` with the posting's ETag. Only "
            "drafts can change (409 otherwise: revise a published posting first). Read-only "
            "fields such as `status`, `version`, `company` and `id` are ignored; a PATCH that "
            "changes nothing keeps the version and the ETag."
        ),
        request=p.PostingUpdateSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: p.PostingDetailSerializer, **errors(409)},
        examples=[examples.POSTING_UPDATE, examples.POSTING_DETAIL],
    )
    def partial_update(self, request, pk=None):
        posting = self.get_object()
        version = expected_version(request, posting, required=True)
        serializer = p.PostingUpdateSerializer(
            posting, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        posting = posting_update(
            posting=posting,
            expected_version=version,
            by=self._principal().user,
            **serializer.validated_data,
        )
        return self._posting_response(posting)

    # Lifecycle

    def _transition(self, request, service):
        posting = self.get_object()
        expected_version(request, posting, required=False)
        service(posting=posting, by=self._principal().user)
        return self._posting_response(posting)

    @extend_schema(
        summary="Submit a draft for review",
        description=(
            "Draft, or changes requested → in review. Needs a hiring manager and at least "
            "one skill."
        ),
        request=None,
        parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: p.PostingDetailSerializer, **errors(409)},
        examples=[examples.POSTING_DETAIL, examples.conflict("draft", "submitted")],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(request, posting_submit)

    @extend_schema(
        summary="Publish an approved posting",
        description=(
            "Approved → published. Writes an immutable version that candidates see; refused "
            "(409) while the posting has open error findings."
        ),
        request=None,
        parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: p.PostingDetailSerializer, **errors(409)},
        examples=[examples.POSTING_DETAIL, examples.conflict("draft", "published")],
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._transition(request, posting_publish)

    @extend_schema(
        summary="Revise a posting",
        description="Approved or published → draft; the published version stays live.",
        request=None,
        parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: p.PostingDetailSerializer, **errors(409)},
        examples=[examples.POSTING_DETAIL, examples.conflict("draft", "revised")],
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        return self._transition(request, posting_revise)

    @extend_schema(
        summary="Archive a posting",
        description="Any status but archived → archived. Archived postings stay listed.",
        request=None,
        parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: p.PostingDetailSerializer, **errors(409)},
        examples=[examples.POSTING_DETAIL, examples.conflict("archived", "archived")],
    )
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self._transition(request, posting_archive)

    # Versions

    @extend_schema(
        summary="List published versions",
        description="Every version written by a publish, newest first.",
        responses={200: p.PostingVersionSerializer(many=True)},
        examples=[examples.VERSIONS],
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def versions(self, request, pk=None):
        posting = self.get_object()
        rows = posting.versions.select_related("created_by").order_by("-number")
        return Response(p.PostingVersionSerializer(rows, many=True).data)

    @extend_schema(
        summary="Get one published version",
        description="The snapshot of the posting, its blocks and rubric at that publish.",
        parameters=[
            OpenApiParameter("number", int, OpenApiParameter.PATH, description="Version number.")
        ],
        responses={200: p.PostingVersionDetailSerializer},
        examples=[examples.VERSION_DETAIL],
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]{1,9})",
        pagination_class=None,
        filter_backends=[],
    )
    def version(self, request, pk=None, number=None):
        posting = self.get_object()
        row = posting.versions.select_related("created_by").filter(number=number).first()
        if row is None:
            raise NotFound(NO_VERSION.format(number=number))
        return Response(p.PostingVersionDetailSerializer(row).data)

    @extend_schema(
        summary="Compare two published versions",
        description=(
            "What changed from version `from` to version `to`, field by field and block by "
            "block. `to` defaults to the latest version, `from` to the one before it."
        ),
        parameters=[
            OpenApiParameter("from", int, description="The older version."),
            OpenApiParameter("to", int, description="The newer version."),
        ],
        responses={200: p.VersionDiffSerializer},
        examples=[examples.DIFF],
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="versions/diff",
        pagination_class=None,
        filter_backends=[],
    )
    def diff(self, request, pk=None):
        posting = self.get_object()
        query = DiffQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        numbers = list(posting.versions.order_by("number").values_list("number", flat=True))
        if not numbers:
            raise NotFound(NO_VERSIONS)
        start, to = versions_to_compare(
            numbers, before=query.validated_data.get("from"), after=query.validated_data.get("to")
        )
        snapshots = dict(
            posting.versions.filter(number__in=[start, to]).values_list("number", "snapshot")
        )
        for number in (start, to):
            if number not in snapshots:
                raise NotFound(NO_VERSION.format(number=number))
        changes = snapshot_diff(snapshots[start], snapshots[to])
        data = {
            "from_version": start,
            "to_version": to,
            "changes": [
                {"field": c.field, "kind": c.kind, "before": c.before, "after": c.after}
                for c in changes
            ],
        }
        return Response(p.VersionDiffSerializer(data).data)

    # Rubric

    def _rubric_response(self, posting: JobPosting) -> Response:
        row = posting_detail_row(JobPosting.objects.filter(pk=posting.pk))
        if row["rubric__id"] is None:
            raise NotFound(NO_RUBRIC)
        return Response(rubric_item(row), headers={"ETag": etag_for(row["id"], row["version"])})

    @extend_schema(
        methods=["GET"],
        summary="Get a posting's rubric",
        description="The interview rubric: criteria by stage, weights, questions and anchors.",
        parameters=[ETAG_HEADER],
        responses={200: p.RubricSerializer},
        examples=[examples.RUBRIC],
    )
    @extend_schema(
        methods=["PATCH"],
        summary="Update a draft's rubric",
        description=(
            "Changes the notes and, when sent, replaces every criterion. Requires `If-Match` "
            "with the posting's ETag (rubric edits bump the posting's version)."
        ),
        request=p.RubricWriteSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={200: p.RubricSerializer, **errors(409)},
        examples=[examples.RUBRIC_UPDATE, examples.RUBRIC],
    )
    @action(
        detail=True,
        methods=["get", "patch"],
        pagination_class=None,
        filter_backends=[],
        # The browsable API fills its PATCH form from `get_serializer(instance=rubric)`.
        serializer_class=p.RubricSerializer,
    )
    def rubric(self, request, pk=None):
        posting = self.get_object()
        if request.method == "GET":
            return self._rubric_response(posting)
        version = expected_version(request, posting, required=True)
        serializer = p.RubricWriteSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        rubric_update(
            posting=posting,
            expected_version=version,
            by=self._principal().user,
            **serializer.validated_data,
        )
        return self._rubric_response(posting)

    @extend_schema(
        summary="Build the rubric from the must-haves",
        description=(
            "Adds one criterion per must-have skill not yet assessed, pre-filled from the "
            "question bank (drafts only)."
        ),
        request=None,
        responses={200: p.RubricSerializer, **errors(409)},
        examples=[examples.RUBRIC],
    )
    @action(detail=True, methods=["post"], url_path="rubric/build")
    def build_rubric(self, request, pk=None):
        posting = self.get_object()
        rubric_build_from_posting(posting=posting, by=self._principal().user)
        return self._rubric_response(posting)

    def _review(self, request, decision: str, serializer_class):
        posting = self.get_object()
        expected_version(request, posting, required=False)
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        posting_review(
            posting=posting,
            by=self._principal().user,
            decision=decision,
            comment=serializer.validated_data.get("comment", ""),
            comments=serializer.validated_data.get("comments", ()),
        )
        return self._posting_response(posting)

    @extend_schema(
        summary="Approve a posting and its rubric",
        description=(
            "In review → approved, recorded as a review. Hiring-manager keys, and the "
            "posting's hiring manager (any of the company's when none is assigned); 403 "
            "for another manager."
        ),
        request=p.ReviewSerializer,
        parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: p.PostingDetailSerializer, **errors(409)},
        examples=[examples.APPROVE, examples.POSTING_DETAIL],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="rubric/approve",
        permission_classes=[HasCompany, WriteScope, HiringManagerOnly],
    )
    def approve(self, request, pk=None):
        return self._review(request, Review.Decision.APPROVE, p.ReviewSerializer)

    @extend_schema(
        summary="Send a posting back with changes requested",
        description=(
            "In review → changes requested (`changes_requested`: the recruiter edits it like "
            "a draft and submits it again), with the comments recorded: an overall "
            "`comment`, `comments` on sections, or both. The same people as approve."
        ),
        request=p.RequestChangesSerializer,
        parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
        responses={200: p.PostingDetailSerializer, **errors(409)},
        examples=[examples.REQUEST_CHANGES, examples.POSTING_DETAIL],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="rubric/request-changes",
        permission_classes=[HasCompany, WriteScope, HiringManagerOnly],
    )
    def request_changes(self, request, pk=None):
        return self._review(request, Review.Decision.REQUEST_CHANGES, p.RequestChangesSerializer)

    # Findings

    @extend_schema(
        summary="Findings of a posting",
        description=(
            "What the mismatch engine reports: role fit, level vs years, pay, rubric "
            "coverage, inclusive language. Acknowledged findings stay listed, marked."
        ),
        responses={200: a.PostingFindingsSerializer},
        examples=[examples.FINDINGS],
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def findings(self, request, pk=None):
        posting = self.get_object()
        analysis = posting_analysis(posting=posting)
        return Response(a.posting_findings(posting, analysis))

    @extend_schema(
        summary="Acknowledge a finding",
        description=(
            "Accept a finding with a reason; it stays listed as acknowledged and reopens when "
            "its evidence changes. Recruiters only."
        ),
        request=p.AcknowledgeSerializer,
        responses={201: a.AcknowledgementSerializer, **errors(409)},
        examples=[examples.ACKNOWLEDGE, examples.ACKNOWLEDGEMENT],
    )
    @action(detail=True, methods=["post"], url_path="findings/acknowledge")
    def acknowledge(self, request, pk=None):
        posting = self.get_object()
        serializer = p.AcknowledgeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        acknowledgement = finding_acknowledge(
            posting=posting, by=self._principal().user, **serializer.validated_data
        )
        return Response(a.AcknowledgementSerializer(acknowledgement).data, status=201)

    # Exports

    @extend_schema(
        summary="Export a posting",
        description=(
            "The posting as a file: `html`, `pdf` (A4), `pdf-letter`, `packet` (hiring "
            "manager's PDF), `kit` (interviewers' PDF), `markdown`, `text`, `jsonld` "
            "(schema.org JobPosting). The published version by default; `version=N` for an "
            "older one, `draft=true` for the current draft. Send `If-None-Match` with the "
            "ETag you have to get 304 when nothing changed."
        ),
        parameters=[
            OpenApiParameter(
                "format",
                str,
                OpenApiParameter.PATH,
                enum=[*exports.FORMATS],
                description="The export format.",
            ),
            OpenApiParameter("version", int, description="A published version number."),
            OpenApiParameter("draft", bool, description="Export the current draft."),
            IF_NONE_MATCH,
            OpenApiParameter(
                "ETag",
                str,
                location=OpenApiParameter.HEADER,
                response=[200],
                description="Changes when the file's content would change.",
            ),
        ],
        examples=[examples.EXPORT_MARKDOWN],
        responses={
            **{(200, ct): OpenApiResponse(OpenApiTypes.BINARY) for ct in EXPORT_CONTENT_TYPES},
            304: OpenApiResponse(description="Unchanged since the ETag you sent."),
            **errors(409, 422),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"exports/(?P<format>[a-z][-a-z0-9]{0,30})",
        content_negotiation_class=PassThroughNegotiation,
        pagination_class=None,
        filter_backends=[],
    )
    def export(self, request, pk=None, format=None):
        posting = self.get_object()
        if format not in exports.FORMATS:
            raise NotFound(UNKNOWN_FORMAT.format(name=format, choices=", ".join(exports.FORMATS)))
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        version = query.validated_data.get("version")
        if version is not None and not posting.versions.filter(number=version).exists():
            raise NotFound(NO_VERSION.format(number=version))
        try:
            exported = exports.export(
                posting, format, version=version, draft=query.validated_data["draft"]
            )
        except exports.ExportTooLarge as exc:
            raise Unprocessable(str(exc)) from None
        except exports.ExportError as exc:
            raise Conflict(str(exc)) from None
        etag = f'"{exported.etag}"'
        if not_modified(request, etag):
            response = HttpResponse(status=304)
        else:
            response = HttpResponse(exported.content, content_type=exported.content_type)
            response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        response["ETag"] = etag
        return response
