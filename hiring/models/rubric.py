"""The interview rubric of a posting: what each interview stage assesses and how."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from .posting import text_lines


class Rubric(models.Model):
    posting = models.OneToOneField(
        "hiring.JobPosting", on_delete=models.CASCADE, related_name="rubric"
    )
    notes = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Rubric for {self.posting}"


class Criterion(models.Model):
    class Stage(models.TextChoices):
        SCREEN = "screen", "Screen"
        TECHNICAL = "technical", "Technical"
        CASE_STUDY = "case_study", "Case study"
        SYSTEM_DESIGN = "system_design", "System design"
        BEHAVIOURAL = "behavioural", "Behavioural"

    # The 4-point scale of structured interviews; the order is the scale's order.
    SCALE = (
        ("anchor_strong_no", "Strong no"),
        ("anchor_no", "No"),
        ("anchor_yes", "Yes"),
        ("anchor_strong_yes", "Strong yes"),
    )
    # The scale's points as the API names them, and the field holding each one's anchor.
    ANCHOR_FIELDS = {
        "strong_no": "anchor_strong_no",
        "no": "anchor_no",
        "yes": "anchor_yes",
        "strong_yes": "anchor_strong_yes",
    }

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    skill = models.ForeignKey(
        "roles.Skill", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True, help_text="Defaults to the skill name.")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.TECHNICAL)
    weight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    weight_reason = models.CharField(
        max_length=300, blank=True, help_text="Why this criterion weighs more or less."
    )
    questions = models.TextField(blank=True, help_text="One question per line.")
    anchor_strong_no = models.TextField("strong no", blank=True)
    anchor_no = models.TextField("no", blank=True)
    anchor_yes = models.TextField("yes", blank=True)
    anchor_strong_yes = models.TextField("strong yes", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="criterion_weight_gte_0"),
            models.UniqueConstraint(fields=["rubric", "order"], name="criterion_order_unique"),
            models.CheckConstraint(
                condition=Q(skill__isnull=False) | ~Q(title=""),
                name="criterion_has_subject",
                violation_error_message="Pick a skill or give the criterion a title.",
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.skill.name if self.skill_id else ""

    @property
    def question_list(self) -> list[str]:
        return text_lines(self.questions)

    @property
    def anchors(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, field)) for field, label in self.SCALE]


class StageInterviewer(models.Model):
    """Who runs one stage of a rubric's interviews: a member of the posting's company. One
    person may run several stages, and a stage may have several interviewers."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="interviewers")
    stage = models.CharField(max_length=20, choices=Criterion.Stage.choices)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_stages"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "stage interviewer"
        constraints = [
            models.UniqueConstraint(
                fields=["rubric", "stage", "interviewer"],
                name="stage_interviewer_unique",
                violation_error_message="This person already runs this stage.",
            ),
        ]

    def __str__(self):
        name = self.interviewer.get_full_name() or self.interviewer.username
        return f"{name} · {self.get_stage_display()}"
