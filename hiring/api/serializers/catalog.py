"""The catalog as the API shows it: read-only, blocks named by slug."""

from rest_framework import serializers

from roles.models import (
    EmphasisLevel,
    InterviewQuestion,
    Level,
    Responsibility,
    RoleFamily,
    SalaryBand,
    Skill,
)

EMPHASIS_NAMES = [level.label for level in EmphasisLevel]


class EmphasisField(serializers.ChoiceField):
    """An emphasis as its name (none, light, medium, heavy); stored as 0..3."""

    def __init__(self, **kwargs):
        super().__init__(choices=EMPHASIS_NAMES, **kwargs)

    def to_representation(self, value):
        return EmphasisLevel(value).label

    def to_internal_value(self, data):
        return EmphasisLevel.from_name(super().to_internal_value(data)).value


class RoleFamilySerializer(serializers.ModelSerializer):
    class Meta:
        model = RoleFamily
        fields = (
            "slug",
            "name",
            "short_name",
            "summary",
            "key_question",
            "primary_output",
            "success_metric",
            "source",
        )


class SkillSerializer(serializers.ModelSerializer):
    shared = serializers.BooleanField(source="is_shared", read_only=True)
    emphasis = serializers.SerializerMethodField(
        help_text="How much each role family leans on this skill: none, light, medium, heavy."
    )

    class Meta:
        model = Skill
        fields = (
            "slug",
            "name",
            "category",
            "description",
            "aliases",
            "first_release_year",
            "emphasis",
            "shared",
            "source",
        )

    def get_emphasis(self, skill) -> dict[str, str]:
        return {e.role_family.slug: e.get_level_display() for e in skill.emphases.all()}


class ResponsibilitySerializer(serializers.ModelSerializer):
    shared = serializers.BooleanField(source="is_shared", read_only=True)
    skills = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    core_for = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Responsibility
        fields = ("slug", "text", "skills", "core_for", "shared", "source")


class LevelSerializer(serializers.ModelSerializer):
    role_family = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Level
        fields = (
            "slug",
            "role_family",
            "name",
            "rank",
            "min_years",
            "max_years",
            "scope",
            "source",
        )


class SalaryBandSerializer(serializers.ModelSerializer):
    role_family = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    level = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="Null: every level."
    )

    class Meta:
        model = SalaryBand
        fields = (
            "slug",
            "role_family",
            "level",
            "region",
            "currency",
            "period",
            "min_amount",
            "max_amount",
            "top_of_band",
            "year",
            "source",
        )


class InterviewQuestionSerializer(serializers.ModelSerializer):
    skill = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = InterviewQuestion
        fields = ("slug", "skill", "stage", "question", "strong_answer", "weak_answer", "source")
