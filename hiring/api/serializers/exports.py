"""Bulk exports: a ZIP of many postings in several formats, made by the task worker."""

from django.urls import reverse
from rest_framework import serializers

from hiring.exports import FORMATS
from hiring.exports.limits import MAX_QUEUED_FILES
from hiring.models import BulkExport, JobPosting

from .. import fields

UNKNOWN_POSTINGS = "No posting of your company has the id(s) {ids}."
DEFAULT_FORMATS = ["pdf"]


class BulkExportCreateSerializer(serializers.Serializer):
    postings = serializers.ListField(
        child=fields.IntegerField(min_value=1, max_value=10**18 - 1),
        min_length=1,
        max_length=MAX_QUEUED_FILES,
        help_text="Ids of your company's postings.",
    )
    formats = serializers.ListField(
        child=serializers.ChoiceField(choices=list(FORMATS)),
        min_length=1,
        max_length=len(FORMATS),
        required=False,
        default=DEFAULT_FORMATS,
        help_text="Export formats, as for one posting's export (default: pdf).",
    )
    draft = fields.BooleanField(
        default=False, help_text="The text being edited instead of the published version."
    )

    def validate_postings(self, ids):
        ids = list(dict.fromkeys(ids))
        company = self.context["company"]
        postings = JobPosting.objects.filter(company=company, pk__in=ids)
        found = set(postings.values_list("pk", flat=True))
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
            raise serializers.ValidationError(UNKNOWN_POSTINGS.format(ids=shown))
        return ids


class FailureSerializer(serializers.Serializer):
    posting_id = serializers.IntegerField()
    title = serializers.CharField()
    format = serializers.CharField()
    error = serializers.CharField(help_text="Why this file is not in the ZIP.")


class BulkExportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=BulkExport.Status.choices)
    postings = serializers.ListField(child=serializers.IntegerField(), source="posting_ids")
    formats = serializers.ListField(child=serializers.CharField())
    draft = serializers.BooleanField()
    total = serializers.IntegerField(help_text="Files the ZIP will hold, failures included.")
    completed = serializers.IntegerField(help_text="Files rendered (or failed) so far.")
    failures = FailureSerializer(many=True)
    error = serializers.CharField(help_text="Why the whole export failed; empty otherwise.")
    requested_by = serializers.CharField(source="requested_by.username", allow_null=True)
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    download = serializers.SerializerMethodField(
        help_text="Where to GET the ZIP once the status is done; null before."
    )

    def get_download(self, job) -> str | None:
        if job.status != BulkExport.Status.DONE or not job.file:
            return None
        url = reverse("api:bulk-export-download", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
