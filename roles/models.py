"""The DS/MLE building-block catalog: what a Data Scientist or an ML Engineer is.

Shared rows (company is null) come from `fixtures/catalog.json` and name the source
article they were drawn from; a company may add its own skills and responsibilities.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .validators import sentence_problems


class Category(models.TextChoices):
    PROGRAMMING = "programming", "Programming"
    STATISTICS = "statistics", "Statistics"
    ML = "ml", "Machine learning"
    SOFTWARE_ENGINEERING = "software_engineering", "Software engineering"
    MLOPS = "mlops", "MLOps"
    CLOUD = "cloud", "Cloud"
    DATA = "data", "Data"
    COMMUNICATION = "communication", "Communication"
    DOMAIN = "domain", "Domain"


class EmphasisLevel(models.IntegerChoices):
    NONE = 0, "none"
    LIGHT = 1, "light"
    MEDIUM = 2, "medium"
    HEAVY = 3, "heavy"

    @classmethod
    def from_name(cls, name: str) -> "EmphasisLevel":
        for member in cls:
            if member.label == name:
                return member
        raise ValueError(name)


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


SLUG_TAKEN_BY_SHARED = "The shared library already has “{slug}”; pick another slug."


def check_slug_free_of_shared(obj) -> None:
    """A company's own block may not reuse a shared slug: slugs name blocks everywhere."""
    if obj.company_id is None or not obj.slug:
        return
    if type(obj).objects.filter(slug=obj.slug, company__isnull=True).exists():
        raise ValidationError({"slug": SLUG_TAKEN_BY_SHARED.format(slug=obj.slug)})


class SharedSlugManager(models.Manager):
    """A natural key is `(slug,)` for a shared row and `(slug, company slug)` for a
    company's own: two companies, and the shared library, may each have the same slug."""

    def get_by_natural_key(self, slug, company=None):
        if company is None:
            return self.get(slug=slug, company__isnull=True)
        return self.get(slug=slug, company__slug=company)

    def visible_to(self, company):
        """The shared library plus the company's own rows (all rows for company=None)."""
        if company is None:
            return self.all()
        return self.filter(Q(company__isnull=True) | Q(company=company))


class RoleFamily(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=10)
    summary = models.TextField(blank=True)
    key_question = models.TextField(blank=True)
    primary_output = models.TextField(blank=True)
    success_metric = models.TextField(blank=True)
    source = models.CharField(max_length=100, help_text="Source article file name.")
    note = models.TextField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "role families"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class RoleFact(models.Model):
    """One statement an article makes about a role: a key question, an output, a day."""

    class Kind(models.TextChoices):
        KEY_QUESTION = "key_question", "Key question"
        PRIMARY_OUTPUT = "primary_output", "Primary output"
        TYPICAL_OUTPUT = "typical_output", "Typical output"
        SUCCESS_METRIC = "success_metric", "Success metric"
        DAY_IN_THE_LIFE = "day_in_the_life", "Day in the life"
        WORKING_STYLE = "working_style", "Working style"
        TYPICAL_TOOLS = "typical_tools", "Typical tools"
        BACKGROUND = "background", "Background"
        CAREER_PATH = "career_path", "Career path"

    slug = models.SlugField(max_length=120, unique=True)
    role_family = models.ForeignKey(RoleFamily, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=100)
    note = models.TextField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["role_family", "kind", "order", "id"]

    def __str__(self):
        return f"{self.role_family.short_name} {self.get_kind_display()}: {self.text[:60]}"

    def natural_key(self):
        return (self.slug,)


class CompanyBlock(models.Model):
    """A block of the shared library (company empty, read-only to companies, sourced from an
    article) or of one company's own, beside it. Slugs are unique in each library."""

    company = models.ForeignKey(
        "hiring.Company",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)s_blocks",
        help_text="Empty for the shared library.",
    )
    source = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)

    objects = SharedSlugManager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(company__isnull=True),
                name="%(class)s_shared_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["company", "slug"], name="%(class)s_company_slug_unique"
            ),
            models.CheckConstraint(
                condition=Q(company__isnull=False) | ~Q(source=""),
                name="%(class)s_shared_has_source",
            ),
        ]

    def natural_key(self):
        # A bare slug would name the shared row on restore, or nothing (see the manager).
        if self.company_id is None:
            return (self.slug,)
        return (self.slug, self.company.slug)

    natural_key.dependencies = ["hiring.company"]

    def clean(self):
        check_slug_free_of_shared(self)

    @property
    def is_shared(self) -> bool:
        return self.company_id is None


class Skill(CompanyBlock):
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=100)
    category = models.CharField(max_length=30, choices=Category.choices)
    description = models.TextField(blank=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Lower-case words that name this skill in job text."
    )
    first_release_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text="For tools: the year of the first release, to catch impossible years asked.",
    )

    class Meta(CompanyBlock.Meta):
        ordering = ["name"]

    def __str__(self):
        return self.name


class Emphasis(models.Model):
    """How much a role family leans on a skill, with every article's claim kept."""

    role_family = models.ForeignKey(RoleFamily, on_delete=models.CASCADE, related_name="emphases")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="emphases")
    level = models.PositiveSmallIntegerField(choices=EmphasisLevel.choices)
    claims = models.JSONField(
        default=list, blank=True, help_text='What each article says: [{"source", "says"}].'
    )
    source = models.CharField(max_length=100, blank=True, help_text="Empty for a company's own.")
    note = models.TextField(blank=True, help_text="Why this level, where the articles disagree.")
    defining = models.BooleanField(
        default=False,
        help_text="One of the few skills that make the role what it is: a posting for the "
        "family asks it first, as a heavy must-have.",
    )

    class Meta:
        ordering = ["skill__name", "role_family__name"]
        verbose_name_plural = "emphases"
        constraints = [
            models.UniqueConstraint(fields=["role_family", "skill"], name="emphasis_unique"),
            models.CheckConstraint(condition=Q(level__lte=3), name="emphasis_level_in_scale"),
            models.CheckConstraint(
                condition=Q(defining=False) | Q(level=EmphasisLevel.HEAVY),
                name="emphasis_defining_is_heavy",
            ),
        ]

    def __str__(self):
        return f"{self.skill}: {self.role_family.short_name} {self.get_level_display()}"


class Responsibility(CompanyBlock):
    slug = models.SlugField(max_length=120)
    text = models.CharField(max_length=300)
    skills = models.ManyToManyField(Skill, blank=True, related_name="responsibilities")
    core_for = models.ManyToManyField(RoleFamily, blank=True, related_name="core_responsibilities")

    class Meta(CompanyBlock.Meta):
        ordering = ["text"]
        verbose_name_plural = "responsibilities"

    def __str__(self):
        return self.text


class Level(models.Model):
    """A step on a role family's career ladder."""

    slug = models.SlugField(unique=True)
    role_family = models.ForeignKey(RoleFamily, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=100)
    rank = models.PositiveSmallIntegerField(help_text="1 is the most junior step.")
    min_years = models.PositiveSmallIntegerField(null=True, blank=True)
    max_years = models.PositiveSmallIntegerField(null=True, blank=True)
    skill_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Years of a skill a posting at this step asks, where its requirement has a "
        "years phrase; never more than min_years. Empty asks for experience without years.",
    )
    scope = models.TextField(blank=True)
    source = models.CharField(max_length=100)
    note = models.TextField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["role_family__name", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["role_family", "rank"], name="level_rank_unique"),
            models.CheckConstraint(
                condition=Q(min_years__isnull=True)
                | Q(max_years__isnull=True)
                | Q(min_years__lte=models.F("max_years")),
                name="level_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(skill_years__isnull=True)
                | Q(min_years__isnull=False, skill_years__lte=models.F("min_years")),
                name="level_skill_years_within_level",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def years_display(self) -> str:
        if self.min_years is None and self.max_years is None:
            return ""
        if self.max_years is None:
            return f"{self.min_years}+ years"
        return f"{self.min_years or 0}–{self.max_years} years"


class SalaryBand(models.Model):
    """Reference pay for a role (and level) in a region, as one article reports it."""

    class Period(models.TextChoices):
        YEAR = "YEAR", "per year"
        MONTH = "MONTH", "per month"
        HOUR = "HOUR", "per hour"

    slug = models.SlugField(max_length=120, unique=True)
    role_family = models.ForeignKey(
        RoleFamily, on_delete=models.CASCADE, related_name="salary_bands"
    )
    level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.CASCADE, related_name="salary_bands"
    )
    region = models.CharField(max_length=10, help_text="ISO 3166 country code, or GLOBAL.")
    currency = models.CharField(max_length=3)
    period = models.CharField(max_length=5, choices=Period.choices, default=Period.YEAR)
    min_amount = models.PositiveIntegerField()
    max_amount = models.PositiveIntegerField()
    top_of_band = models.PositiveIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=100)
    note = models.TextField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["region", "role_family__name", "level__rank", "min_amount"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__lte=models.F("max_amount")),
                name="salary_band_min_lte_max",
            ),
        ]

    def __str__(self):
        return f"{self.role_family.short_name} {self.level or ''} {self.region} {self.year}"

    def natural_key(self):
        return (self.slug,)


class InterviewQuestion(models.Model):
    class Stage(models.TextChoices):
        SCREEN = "screen", "Screen"
        TECHNICAL = "technical", "Technical"
        CASE_STUDY = "case_study", "Case study"
        SYSTEM_DESIGN = "system_design", "System design"
        BEHAVIOURAL = "behavioural", "Behavioural"

    slug = models.SlugField(max_length=120, unique=True)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField()
    strong_answer = models.TextField(help_text="What a strong answer shows.")
    weak_answer = models.TextField(help_text="What a weak answer shows.")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.TECHNICAL)
    source = models.CharField(max_length=100)
    note = models.TextField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["skill__name", "slug"]

    def __str__(self):
        return self.question[:80]

    def natural_key(self):
        return (self.slug,)


class Requirement(models.Model):
    """The sentence a candidate reads for a skill asked at one emphasis.

    A heavy sentence may open with `{years}`, which a posting fills from its level's
    `skill_years` ("Three or more years") or, without years, with "Experience".
    """

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="requirements")
    emphasis = models.PositiveSmallIntegerField(
        choices=[c for c in EmphasisLevel.choices if c[0] != EmphasisLevel.NONE]
    )
    text = models.CharField(max_length=300)
    source = models.CharField(
        max_length=100, blank=True, help_text="Source article file name; empty for a company's own."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["skill__name", "-emphasis"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "emphasis"], name="requirement_unique"),
            models.CheckConstraint(
                condition=Q(emphasis__gte=EmphasisLevel.LIGHT, emphasis__lte=EmphasisLevel.HEAVY),
                name="requirement_emphasis_asked",
            ),
        ]

    def __str__(self):
        return f"{self.skill} ({self.get_emphasis_display()}): {self.text[:60]}"

    def clean(self):
        problems = sentence_problems(self.text, emphasis=self.emphasis)
        if problems:
            raise ValidationError({"text": problems})


class SkillAnchors(models.Model):
    """What an interviewer sees a candidate do at each point of the four-point scale."""

    skill = models.OneToOneField(Skill, on_delete=models.CASCADE, related_name="anchors")
    strong_no = models.TextField()
    no = models.TextField()
    yes = models.TextField()
    strong_yes = models.TextField()
    source = models.CharField(
        max_length=100, blank=True, help_text="Source article file name; empty for a company's own."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["skill__name"]
        verbose_name = "skill anchors"
        verbose_name_plural = "skill anchors"

    def __str__(self):
        return f"Anchors for {self.skill}"
