"""Findings of the mismatch engine, for a posting or for free job text."""

import math

from rest_framework import serializers

from hiring.findings.selectors import FindingRow, PostingAnalysis, TextAnalysisResult
from hiring.models import FindingAcknowledgement

from .. import fields

TEXT_LIMIT = 50_000


class SubjectSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["posting", "skill", "responsibility", "criterion", "text"]
    )
    id = serializers.IntegerField(allow_null=True)
    label = serializers.CharField(allow_blank=True)


class AcknowledgementSerializer(serializers.ModelSerializer):
    acknowledged_by = serializers.CharField(source="acknowledged_by.username", allow_null=True)

    class Meta:
        model = FindingAcknowledgement
        fields = ("fingerprint", "code", "message", "reason", "acknowledged_by", "acknowledged_at")
        read_only_fields = fields


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable rule code, e.g. `rules.W101`.")
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    message = serializers.CharField()
    hint = serializers.CharField(allow_blank=True, help_text="What to do about it.")
    subject = SubjectSerializer()
    evidence = serializers.DictField(help_text="The skills, words or numbers behind it.")
    fingerprint = serializers.CharField(help_text="Send it to acknowledge the finding.")
    acknowledged = serializers.BooleanField()
    acknowledgement = AcknowledgementSerializer(allow_null=True)
    reopened = serializers.BooleanField(
        help_text="Acknowledged before, but its evidence changed since."
    )


class CountsSerializer(serializers.Serializer):
    error = serializers.IntegerField()
    warning = serializers.IntegerField()
    info = serializers.IntegerField()


class LeanSerializer(serializers.Serializer):
    share = serializers.DictField(
        child=serializers.FloatField(), help_text="How much the text reads as each role, 0..1."
    )
    best = serializers.CharField(allow_null=True, help_text="The best-fitting role family.")
    reference = serializers.CharField(allow_null=True)


class PostingFindingsSerializer(serializers.Serializer):
    posting = serializers.IntegerField()
    version = serializers.IntegerField()
    open = CountsSerializer(help_text="Open (not acknowledged) findings by severity.")
    lean = LeanSerializer(allow_null=True)
    findings = FindingSerializer(many=True)


class MatchSerializer(serializers.Serializer):
    skill = serializers.CharField()
    alias = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class AnalyseRequestSerializer(serializers.Serializer):
    title = fields.CharField(max_length=200)
    text = fields.CharField(max_length=TEXT_LIMIT, help_text="The whole posting's text.")


class TextAnalysisSerializer(serializers.Serializer):
    title = serializers.CharField()
    skills = serializers.ListField(
        child=serializers.CharField(), help_text="Slugs of the skills the text names."
    )
    matched = MatchSerializer(many=True)
    counts = CountsSerializer()
    lean = LeanSerializer(allow_null=True)
    findings = FindingSerializer(many=True)


def _number(value: float) -> float:
    # Strict JSON has no NaN or infinity; an empty profile must not break the response.
    return value if math.isfinite(value) else 0.0


def _lean(lean) -> dict | None:
    if lean is None:
        return None
    share = {slug: _number(value) for slug, value in lean.share.items()}
    return {"share": share, "best": lean.best, "reference": lean.reference}


def _finding(row: FindingRow) -> dict:
    ack = row.acknowledgement
    return {
        **row.finding.as_dict(),
        "acknowledged": ack is not None,
        "acknowledgement": AcknowledgementSerializer(ack).data if ack else None,
        "reopened": row.reopened_from is not None,
    }


def posting_findings(posting, analysis: PostingAnalysis) -> dict:
    return {
        "posting": posting.pk,
        "version": posting.version,
        "open": analysis.open_counts(),
        "lean": _lean(analysis.report.lean),
        "findings": [_finding(row) for row in analysis.rows],
    }


def text_findings(title: str, result: TextAnalysisResult) -> dict:
    matched = result.analysis.matched
    return {
        "title": title,
        "skills": sorted({m.skill for m in matched}),
        "matched": [
            {"skill": m.skill, "alias": m.alias, "start": m.start, "end": m.end} for m in matched
        ],
        "counts": result.open_counts(),
        "lean": _lean(result.analysis.report.lean),
        "findings": [_finding(row) for row in result.rows],
    }
