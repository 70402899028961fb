"""Import a job description: what a client sends, and the draft it gets back."""

from rest_framework import serializers

from .. import fields
from .analysis import TEXT_LIMIT, PostingFindingsSerializer
from .postings import PostingDetailSerializer

UNKNOWN_FIELD = "Unknown field; send only `title` and `text`."


class PostingImportSerializer(serializers.Serializer):
    title = fields.CharField(max_length=200, help_text="The job's title, as the ad gives it.")
    text = fields.CharField(
        max_length=TEXT_LIMIT, help_text="The whole job description, as candidates read it."
    )

    def to_internal_value(self, data):
        # A misspelt field ("txt") would otherwise be dropped without a word.
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        if unknown:
            raise serializers.ValidationError({name: [UNKNOWN_FIELD] for name in unknown})
        return super().to_internal_value(data)


class ImportedPostingSerializer(PostingDetailSerializer):
    """The new draft, as GET of a posting returns it, with its findings."""

    findings = PostingFindingsSerializer(read_only=True)

    class Meta(PostingDetailSerializer.Meta):
        fields = (*PostingDetailSerializer.Meta.fields, "findings")
        read_only_fields = fields
