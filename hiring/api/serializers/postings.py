"""Postings with their blocks and rubric: what the API reads, and what it accepts to write.

Reads and writes have separate serializers: what a client may send is exactly the
`fields` of the write serializers, so status, version, company and ids are never written
from a request body (they change only through the actions and services).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from hiring.careers.selectors import posting_public_url
from hiring.models import Criterion, JobPosting, Membership, PostingVersion, ReviewComment, Rubric
from hiring.models.posting import validate_currency_code
from hiring.postings.blocks import rows_ordered
from hiring.postings.services import posting_check_level
from hiring.postings.workflow import NEEDS_COMMENT
from roles.models import EmphasisLevel, Level, Responsibility, RoleFamily, Skill

from .. import fields
from .catalog import EmphasisField

MAX_BLOCKS = 200
UNKNOWN_SKILL = "Unknown skill {slug!r}; GET /api/v1/skills/ lists the ones you can use."
UNKNOWN_RESPONSIBILITY = (
    "Unknown responsibility {slug!r}; GET /api/v1/responsibilities/ lists the ones you can use."
)
DUPLICATE_SKILL = "{slug!r} is listed twice; list each skill once."
DUPLICATE_ORDER = "Order {order} is used twice; give each row its own order, or none."
NEEDS_TEXT = "Give a catalog `responsibility` slug, your own `text`, or both."
NEEDS_SUBJECT = "Give a `skill` slug, a `title`, or both."
SALARY_ORDER = "The minimum salary is above the maximum."
YEARS_ORDER = "The minimum years of experience are above the maximum."
LOCATION_ONE_LINE = "Each location is one line, e.g. 'Denver, CO, US'."
NOT_A_MEMBER = "{username!r} is not a {role} of your company."


# Reads


class FindingCountsSerializer(serializers.Serializer):
    error = serializers.IntegerField(source="open_errors")
    warning = serializers.IntegerField(source="open_warnings")
    info = serializers.IntegerField(source="open_infos")


class PostingSkillSerializer(serializers.Serializer):
    skill = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")
    must_have = serializers.BooleanField()
    emphasis = EmphasisField()
    requirement = serializers.CharField(
        help_text="Your own sentence; empty when the catalog's sentence is used."
    )
    display_requirement = serializers.CharField(
        help_text="What candidates read: your sentence, the catalog's for this emphasis and "
        "level, or the skill's name when the catalog has none."
    )
    order = serializers.IntegerField()


class PostingResponsibilitySerializer(serializers.Serializer):
    responsibility = serializers.CharField(source="responsibility.slug", allow_null=True)
    text = serializers.CharField(help_text="Custom wording; empty when the catalog text is used.")
    display_text = serializers.CharField(help_text="What candidates read.")
    order = serializers.IntegerField()


class AnchorsSerializer(serializers.Serializer):
    """What an answer at each point of the 4-point scale shows."""

    strong_no = fields.CharField(allow_blank=True, max_length=5000, required=False)
    no = fields.CharField(allow_blank=True, max_length=5000, required=False)
    yes = fields.CharField(allow_blank=True, max_length=5000, required=False)
    strong_yes = fields.CharField(allow_blank=True, max_length=5000, required=False)

    def to_representation(self, criterion):
        return {name: getattr(criterion, field) for name, field in Criterion.ANCHOR_FIELDS.items()}


class CriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    skill = serializers.CharField(source="skill.slug", allow_null=True)
    title = serializers.CharField(help_text="Custom title; empty when the skill's name is used.")
    display_title = serializers.CharField()
    stage = serializers.ChoiceField(choices=Criterion.Stage.choices)
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    weight_reason = serializers.CharField()
    questions = serializers.ListField(child=serializers.CharField(), source="question_list")
    anchors = AnchorsSerializer(source="*")
    order = serializers.IntegerField()


class StageInterviewerSerializer(serializers.Serializer):
    """Who runs one interview stage; read-only, set on the rubric's admin page."""

    stage = serializers.ChoiceField(choices=Criterion.Stage.choices)
    interviewer = serializers.CharField(source="interviewer.username", help_text="Username.")
    name = serializers.CharField(
        source="interviewer.get_full_name", help_text="Full name; the username when none is set."
    )


class RubricSerializer(serializers.Serializer):
    posting = serializers.IntegerField(source="posting_id")
    version = serializers.IntegerField(
        source="posting.version", help_text="The posting's version; rubric edits bump it."
    )
    notes = serializers.CharField()
    approved_by = serializers.CharField(source="approved_by.username", allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    criteria = CriterionSerializer(many=True)
    interviewers = StageInterviewerSerializer(
        many=True,
        read_only=True,
        help_text="Who runs which stage, in interview order; a person may run several.",
    )


class PostingSerializer(serializers.ModelSerializer):
    """A posting as lists show it: everything but the rubric."""

    company = serializers.CharField(source="company.slug", read_only=True)
    role_family = serializers.CharField(source="role_family.slug", read_only=True)
    level = serializers.CharField(source="level.slug", read_only=True, allow_null=True)
    locations = serializers.ListField(
        source="location_list", child=serializers.CharField(), read_only=True
    )
    recruiter = serializers.CharField(source="recruiter.username", read_only=True, allow_null=True)
    hiring_manager = serializers.CharField(
        source="hiring_manager.username", read_only=True, allow_null=True
    )
    published_version = serializers.IntegerField(
        source="published_version.number",
        read_only=True,
        allow_null=True,
        help_text="The version candidates see; null until the first publish.",
    )
    apply_url = serializers.CharField(read_only=True, help_text="How to apply; may be empty.")
    public_url = serializers.SerializerMethodField(
        help_text="The posting's page on the company's careers page; null until it is "
        "published and once it is archived."
    )
    open_findings = FindingCountsSerializer(source="*", read_only=True)
    skills = PostingSkillSerializer(many=True, read_only=True)
    responsibilities = PostingResponsibilitySerializer(many=True, read_only=True)

    class Meta:
        model = JobPosting
        fields = (
            "id",
            "title",
            "status",
            "version",
            "company",
            "role_family",
            "level",
            *JobPosting.CONTENT_FIELDS[1:],  # locations ... apply_url
            "recruiter",
            "hiring_manager",
            "published_version",
            "public_url",
            "open_findings",
            "skills",
            "responsibilities",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    def get_public_url(self, posting) -> str | None:
        return posting_public_url(posting=posting)


class PostingDetailSerializer(PostingSerializer):
    """One posting: the list's fields plus its rubric (null before one is built)."""

    rubric = serializers.SerializerMethodField()

    class Meta(PostingSerializer.Meta):
        fields = (*PostingSerializer.Meta.fields, "rubric")
        read_only_fields = fields

    def get_rubric(self, posting) -> RubricSerializer(allow_null=True):  # type: ignore[valid-type]
        try:
            rubric = posting.rubric
        except Rubric.DoesNotExist:
            return None
        return RubricSerializer(rubric).data


class PostingVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", allow_null=True)

    class Meta:
        model = PostingVersion
        fields = ("number", "created_at", "created_by")
        read_only_fields = fields


class PostingVersionDetailSerializer(PostingVersionSerializer):
    snapshot = serializers.JSONField(
        help_text="The posting, its blocks and its rubric as they were published."
    )

    class Meta(PostingVersionSerializer.Meta):
        fields = (*PostingVersionSerializer.Meta.fields, "snapshot")
        read_only_fields = fields


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    kind = serializers.ChoiceField(choices=["changed", "added", "removed"])
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class VersionDiffSerializer(serializers.Serializer):
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField()
    changes = ChangeSerializer(many=True)


# Writes


class SkillRowSerializer(serializers.Serializer):
    skill = fields.SlugField(max_length=80, help_text="A skill slug from /api/v1/skills/.")
    must_have = fields.BooleanField(default=True)
    emphasis = EmphasisField(required=False, help_text="Defaults to medium.")
    requirement = fields.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="Your own sentence for candidates; empty uses the catalog's.",
    )
    order = fields.IntegerField(
        min_value=1,
        max_value=10_000,
        required=False,
        help_text="Rows without an order follow the others, as listed.",
    )


class ResponsibilityRowSerializer(serializers.Serializer):
    responsibility = fields.SlugField(
        max_length=120,
        required=False,
        allow_null=True,
        help_text="A slug from /api/v1/responsibilities/.",
    )
    text = fields.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Your own wording."
    )
    order = fields.IntegerField(min_value=1, max_value=10_000, required=False)

    def validate(self, attrs):
        if not attrs.get("responsibility") and not (attrs.get("text") or "").strip():
            raise serializers.ValidationError(NEEDS_TEXT)
        return attrs


def _ordered(rows: list[dict]) -> list[dict]:
    """Rows sorted by their `order`, those without one last, numbered 1..n."""
    errors: list[dict] = [{} for _ in rows]
    seen: dict[int, int] = {}
    for index, row in enumerate(rows):
        order = row.get("order")
        if order is not None:
            if order in seen:
                errors[index] = {"order": [DUPLICATE_ORDER.format(order=order)]}
            seen[order] = index
    if any(errors):
        raise serializers.ValidationError(errors)
    return rows_ordered(rows)


class MemberField(fields.SlugRelatedField):
    """A person of the caller's company, by username, who has `role`."""

    def __init__(self, role: str, **kwargs):
        self.role = role
        super().__init__(slug_field="username", allow_null=True, required=False, **kwargs)

    def get_queryset(self):
        return get_user_model().objects.filter(
            membership__company=self.context["company"], membership__role=self.role
        )

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(fields.NOT_A_STRING, code="invalid")
        plausible = "\x00" not in data and len(data) <= 150
        user = self.get_queryset().filter(username=data).first() if plausible else None
        if user is None:
            role = Membership.Role(self.role).label.lower()
            username = data[:150].replace("\x00", "")
            raise serializers.ValidationError(NOT_A_MEMBER.format(username=username, role=role))
        return user


class PostingWriteSerializer(serializers.ModelSerializer):
    """The fields a client may set on a draft; blocks replace the posting's whole list."""

    role_family = fields.SlugRelatedField(
        slug_field="slug", queryset=RoleFamily.objects.all(), help_text="A role family slug."
    )
    level = fields.SlugRelatedField(
        slug_field="slug",
        queryset=Level.objects.all(),
        allow_null=True,
        required=False,
        help_text="A level slug of the role family's ladder.",
    )
    locations = serializers.ListField(
        child=fields.CharField(max_length=200),
        max_length=MAX_BLOCKS,
        required=False,
        help_text="One location per item, as 'City, Region, Country'.",
    )
    salary_currency = fields.CurrencyCodeField(
        required=False,
        validators=[validate_currency_code],
        help_text=JobPosting._meta.get_field("salary_currency").help_text,
    )
    recruiter = MemberField(role=Membership.Role.RECRUITER, help_text="A recruiter's username.")
    hiring_manager = MemberField(
        role=Membership.Role.HIRING_MANAGER,
        help_text="The username of the hiring manager who will review the posting.",
    )
    skills = SkillRowSerializer(
        many=True,
        required=False,
        max_length=MAX_BLOCKS,
        help_text="Replaces every skill of the posting, in this order.",
    )
    responsibilities = ResponsibilityRowSerializer(
        many=True,
        required=False,
        max_length=MAX_BLOCKS,
        help_text="Replaces every responsibility of the posting, in this order.",
    )

    serializer_field_mapping = fields.STRICT_FIELD_MAPPING

    class Meta:
        model = JobPosting
        fields = (
            "title",
            "role_family",
            "level",
            *JobPosting.CONTENT_FIELDS[1:],  # locations ... apply_url
            "recruiter",
            "hiring_manager",
            "skills",
            "responsibilities",
        )
        extra_kwargs = {
            "salary_min": {"min_value": 0},
            "salary_max": {"min_value": 0},
            "years_min": {"max_value": 60},
            "years_max": {"max_value": 60},
            "summary": {"max_length": 20_000},
            "team": {"max_length": 20_000},
            "benefits": {"max_length": 20_000},
        }

    def validate_locations(self, value):
        if any("\n" in item or "\r" in item for item in value):
            raise serializers.ValidationError(LOCATION_ONE_LINE)
        return "\n".join(item.strip() for item in value if item.strip())

    def validate_skills(self, rows):
        slugs = [row["skill"] for row in rows]
        found = {
            skill.slug: skill
            for skill in Skill.objects.visible_to(self.context["company"]).filter(slug__in=slugs)
        }
        errors: list[dict] = [{} for _ in rows]
        seen = set()
        for index, row in enumerate(rows):
            slug = row["skill"]
            if slug not in found:
                errors[index] = {"skill": [UNKNOWN_SKILL.format(slug=slug)]}
            elif slug in seen:
                errors[index] = {"skill": [DUPLICATE_SKILL.format(slug=slug)]}
            seen.add(slug)
        if any(errors):
            raise serializers.ValidationError(errors)
        medium = EmphasisLevel.MEDIUM.value
        return _ordered(
            [
                {
                    **row,
                    "skill": found[row["skill"]],
                    "must_have": row.get("must_have", True),
                    "emphasis": row.get("emphasis", medium),
                }
                for row in rows
            ]
        )

    def validate_responsibilities(self, rows):
        slugs = [row["responsibility"] for row in rows if row.get("responsibility")]
        found = {
            item.slug: item
            for item in Responsibility.objects.visible_to(self.context["company"]).filter(
                slug__in=slugs
            )
        }
        errors: list[dict] = [{} for _ in rows]
        for index, row in enumerate(rows):
            slug = row.get("responsibility")
            if slug and slug not in found:
                errors[index] = {"responsibility": [UNKNOWN_RESPONSIBILITY.format(slug=slug)]}
        if any(errors):
            raise serializers.ValidationError(errors)
        return _ordered(
            [
                {
                    **row,
                    "responsibility": found.get(row.get("responsibility") or ""),
                    "text": (row.get("text") or "").strip(),
                }
                for row in rows
            ]
        )

    def validate(self, attrs):
        instance = self.instance

        def current(name):
            return attrs[name] if name in attrs else getattr(instance, name, None)

        errors = {}
        # The posting services check this again on save; asking them here reports it
        # together with the request's other field errors.
        try:
            posting_check_level(role_family=current("role_family"), level=current("level"))
        except DjangoValidationError as exc:
            errors.update(exc.message_dict)
        low, high = current("salary_min"), current("salary_max")
        if low is not None and high is not None and low > high:
            errors["salary_min"] = [SALARY_ORDER]
        low, high = current("years_min"), current("years_max")
        if low is not None and high is not None and low > high:
            errors["years_min"] = [YEARS_ORDER]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class PostingCreateSerializer(PostingWriteSerializer):
    prefill_from_role = fields.BooleanField(
        default=False,
        help_text="Also add the role family's core responsibilities and heavy skills that "
        "the lists above do not have yet.",
    )

    class Meta(PostingWriteSerializer.Meta):
        fields = (*PostingWriteSerializer.Meta.fields, "prefill_from_role")


class PostingUpdateSerializer(PostingWriteSerializer):
    """A partial update of a draft; send only what changes."""


# Rubric writes


class CriterionWriteSerializer(serializers.Serializer):
    skill = fields.SlugField(max_length=80, required=False, allow_null=True)
    title = fields.CharField(max_length=200, required=False, allow_blank=True)
    stage = serializers.ChoiceField(choices=Criterion.Stage.choices, default="technical")
    weight = fields.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, default="1.00"
    )
    weight_reason = fields.CharField(max_length=300, required=False, allow_blank=True)
    questions = serializers.ListField(
        child=fields.CharField(max_length=1000), max_length=50, required=False
    )
    anchors = AnchorsSerializer(required=False)
    order = fields.IntegerField(min_value=1, max_value=10_000, required=False)

    def validate_questions(self, value):
        if any("\n" in item or "\r" in item for item in value):
            raise serializers.ValidationError("Each question is one line.")
        return value

    def validate(self, attrs):
        if not attrs.get("skill") and not (attrs.get("title") or "").strip():
            raise serializers.ValidationError(NEEDS_SUBJECT)
        return attrs


class RubricWriteSerializer(serializers.Serializer):
    notes = fields.CharField(max_length=20_000, required=False, allow_blank=True)
    criteria = CriterionWriteSerializer(
        many=True,
        required=False,
        max_length=MAX_BLOCKS,
        help_text="Replaces every criterion of the rubric, in this order.",
    )

    def validate_criteria(self, rows):
        slugs = [row["skill"] for row in rows if row.get("skill")]
        found = {
            skill.slug: skill
            for skill in Skill.objects.visible_to(self.context["company"]).filter(slug__in=slugs)
        }
        errors: list[dict] = [{} for _ in rows]
        for index, row in enumerate(rows):
            slug = row.get("skill")
            if slug and slug not in found:
                errors[index] = {"skill": [UNKNOWN_SKILL.format(slug=slug)]}
        if any(errors):
            raise serializers.ValidationError(errors)
        return _ordered([{**row, "skill": found.get(row.get("skill") or "")} for row in rows])


class SectionCommentSerializer(serializers.Serializer):
    section = serializers.ChoiceField(
        choices=ReviewComment.Section.choices, help_text="The part of the posting it is about."
    )
    block = fields.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="The skill, responsibility or criterion it is about, as the posting names it.",
    )
    text = fields.CharField(max_length=5000)


class ReviewSerializer(serializers.Serializer):
    comment = fields.CharField(max_length=5000, required=False, allow_blank=True)
    comments = SectionCommentSerializer(
        many=True, required=False, max_length=20, help_text="Comments on parts of the posting."
    )


class RequestChangesSerializer(ReviewSerializer):
    comment = fields.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        help_text="What should change; required unless `comments` says it on a section.",
    )

    def validate(self, attrs):
        if not (attrs.get("comment", "").strip() or attrs.get("comments")):
            raise serializers.ValidationError({"comment": [NEEDS_COMMENT]})
        return attrs


class AcknowledgeSerializer(serializers.Serializer):
    fingerprint = fields.CharField(max_length=64, help_text="From the finding.")
    reason = fields.CharField(max_length=2000, help_text="Why the finding is acceptable.")
