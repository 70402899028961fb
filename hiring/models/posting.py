"""A job posting composed from catalog blocks, and the snapshots taken when it is published."""

from functools import cache

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from roles.models import EmphasisLevel
from roles.requirements import skill_requirement

from .company import contact_field, text_block


def text_lines(text: str | None) -> list[str]:
    """The entries of a box typed one per line (locations, interview questions), blank
    lines and surrounding spaces dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


CURRENCY_NOT_ISO_4217 = (
    "Enter the currency as its ISO 4217 code in capital letters, such as USD, EUR, GBP or INR."
)


@cache
def iso_4217_codes() -> tuple[str, ...]:
    """Every ISO 4217 alphabetic code, sorted (from pycountry's copy of the standard)."""
    return tuple(sorted(currency.alpha_3 for currency in pycountry.currencies))


def validate_currency_code(value: str) -> None:
    """The one check of a posting's currency: the admin form and the API both run it."""
    if value not in iso_4217_codes():
        raise ValidationError(CURRENCY_NOT_ISO_4217, code="currency")


class JobPosting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    class RemotePolicy(models.TextChoices):
        ONSITE = "onsite", "On-site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Fully remote"

    class EmploymentType(models.TextChoices):
        # The values are schema.org's employmentType enumeration, so exports copy them.
        FULL_TIME = "FULL_TIME", "Full-time"
        PART_TIME = "PART_TIME", "Part-time"
        CONTRACTOR = "CONTRACTOR", "Contractor"
        TEMPORARY = "TEMPORARY", "Temporary"
        INTERN = "INTERN", "Internship"

    class SalaryPeriod(models.TextChoices):
        YEAR = "YEAR", "per year"
        MONTH = "MONTH", "per month"
        HOUR = "HOUR", "per hour"

    company = models.ForeignKey("hiring.Company", on_delete=models.CASCADE, related_name="postings")
    title = models.CharField(max_length=200)
    role_family = models.ForeignKey(
        "roles.RoleFamily", on_delete=models.PROTECT, related_name="postings"
    )
    level = models.ForeignKey(
        "roles.Level", null=True, blank=True, on_delete=models.PROTECT, related_name="postings"
    )
    locations = models.TextField(
        blank=True, help_text="One per line, as 'City, Region, Country' (e.g. 'Denver, CO, US')."
    )
    remote_policy = models.CharField(
        max_length=10, choices=RemotePolicy.choices, default=RemotePolicy.HYBRID
    )
    employment_type = models.CharField(
        max_length=12, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(
        max_length=3,
        default="USD",
        validators=[validate_currency_code],
        help_text="The ISO 4217 code, such as USD, EUR, GBP or INR.",
    )
    salary_period = models.CharField(
        max_length=5, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR
    )
    years_min = models.PositiveSmallIntegerField(
        "minimum years of experience", null=True, blank=True
    )
    years_max = models.PositiveSmallIntegerField(
        "maximum years of experience", null=True, blank=True
    )
    summary = models.TextField(blank=True)
    team = models.TextField(blank=True)
    benefits = models.TextField(blank=True)
    apply_url = models.URLField("how to apply (URL)", blank=True)
    # The company's texts, in this posting's own words; blank uses the company's.
    about_company = text_block(
        "about the company", help_text="Leave blank to use the company's “About” text."
    )
    equal_opportunity = text_block(
        "equal-opportunity statement",
        help_text="Leave blank to use the company's equal-opportunity statement.",
    )
    accommodations_contact = contact_field(
        help_text="An email address or a web page; leave blank to use the company's contact."
    )
    pay_statement = text_block(
        "pay-transparency statement",
        help_text="Leave blank to use the company's statements for the pay-transparency laws "
        "that cover this posting's places.",
    )
    # The careers page's address of the posting: made from the published title on publish,
    # kept while the title is edited; a new title's slug leaves the old one redirecting.
    slug = models.SlugField(max_length=100, blank=True, editable=False)
    valid_through = models.DateField(
        "valid through",
        null=True,
        blank=True,
        help_text="The last day the posting is up; empty takes the company's default on publish.",
    )
    listed = models.BooleanField(
        "listed on the careers page",
        default=True,
        help_text="Unlisted postings are reachable by their link only: not on the careers "
        "page, its feed or its sitemap.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recruited_postings",
    )
    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_postings",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every save; a save based on an older one is refused."
    )
    published_version = models.ForeignKey(
        "hiring.PostingVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The snapshot candidates see; a revision in progress leaves it live.",
    )
    cloned_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="clones"
    )
    # Open (unacknowledged) findings when the posting was last checked, so that the
    # changelist can show and filter them without running the rules for every row.
    open_errors = models.PositiveIntegerField(default=0, editable=False)
    open_warnings = models.PositiveIntegerField(default=0, editable=False)
    open_infos = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            # The API's incremental sync pages through a company's postings in this order.
            models.Index(fields=["company", "updated_at", "id"], name="posting_sync_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="posting_salary_min_lte_max",
                violation_error_message="The minimum salary is above the maximum.",
            ),
            models.CheckConstraint(
                condition=Q(years_min__isnull=True)
                | Q(years_max__isnull=True)
                | Q(years_min__lte=F("years_max")),
                name="posting_years_min_lte_max",
                violation_error_message="The minimum years of experience are above the maximum.",
            ),
            models.UniqueConstraint(
                fields=["company", "slug"], condition=~Q(slug=""), name="posting_slug_unique"
            ),
        ]

    # What a candidate reads: copied into published versions, compared between them, and
    # edited on every form of a posting. Kept in one place so the three stay in step.
    CONTENT_FIELDS = (
        "title",
        "locations",
        "remote_policy",
        "employment_type",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "years_min",
        "years_max",
        "summary",
        "team",
        "benefits",
        "apply_url",
        # The company's texts: in a published version, the text candidates read (the
        # posting's own or the company's); on the posting, its own or blank.
        "about_company",
        "equal_opportunity",
        "accommodations_contact",
        "pay_statement",
    )
    # A posting sent back by its hiring manager is edited like a draft, then resubmitted.
    EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})

    def __str__(self):
        return self.title

    def clean(self):
        # The rule lives with the posting services, which import this module.
        from hiring.postings.services import posting_check_level

        posting_check_level(
            role_family=self.role_family if self.role_family_id else None,
            level=self.level if self.level_id else None,
        )

    @property
    def location_list(self) -> list[str]:
        return text_lines(self.locations)

    @property
    def must_have_rows(self) -> list["PostingSkill"]:
        return [row for row in self.skills.all() if row.must_have]

    @property
    def nice_to_have_rows(self) -> list["PostingSkill"]:
        return [row for row in self.skills.all() if not row.must_have]

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class PostingSkill(models.Model):
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("roles.Skill", on_delete=models.PROTECT, related_name="+")
    must_have = models.BooleanField(default=True)
    emphasis = models.PositiveSmallIntegerField(
        choices=EmphasisLevel.choices, default=EmphasisLevel.MEDIUM
    )
    # The skill stays linked for the checks; the sentence is what a candidate reads.
    requirement = models.CharField(
        max_length=300,
        blank=True,
        help_text="The sentence candidates read; empty uses the catalog's for this emphasis "
        "and the posting's level.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "skill"], name="posting_skill_unique"),
            models.UniqueConstraint(fields=["posting", "order"], name="posting_skill_order_unique"),
            models.CheckConstraint(condition=Q(emphasis__lte=3), name="posting_skill_emphasis"),
        ]

    def __str__(self):
        return f"{self.skill} ({'must' if self.must_have else 'nice'})"

    @property
    def display_requirement(self) -> str:
        """What candidates read: the recruiter's sentence, else the catalog's (which the
        selectors read as columns for a page of postings)."""
        if self.requirement:
            return self.requirement
        return skill_requirement(skill=self.skill, emphasis=self.emphasis, level=self.posting.level)


class PostingResponsibility(models.Model):
    posting = models.ForeignKey(
        JobPosting, on_delete=models.CASCADE, related_name="responsibilities"
    )
    responsibility = models.ForeignKey(
        "roles.Responsibility", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(
        max_length=300, blank=True, help_text="Custom wording; empty uses the catalog text."
    )
    # A duty imported in the ad's own words names skills no catalog responsibility carries;
    # the rules count them with the catalog responsibility's own (if any).
    skills = models.ManyToManyField(
        "roles.Skill",
        blank=True,
        related_name="+",
        help_text="Skills this duty names, beside those of its catalog responsibility.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name_plural = "posting responsibilities"
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "order"], name="posting_responsibility_order_unique"
            ),
            models.CheckConstraint(
                condition=Q(responsibility__isnull=False) | ~Q(text=""),
                name="posting_responsibility_has_text",
                violation_error_message="Pick a catalog responsibility or write your own text.",
            ),
        ]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        if self.text:
            return self.text
        return self.responsibility.text if self.responsibility_id else ""


class PostingVersion(models.Model):
    """An immutable snapshot of a posting and its rubric, taken on every publish."""

    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["posting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "number"], name="posting_version_unique"),
        ]

    def __str__(self):
        return f"{self.posting} v{self.number}"

    def save(self, *args, **kwargs):
        # Published data is never rewritten in place: a snapshot is written once.
        if self.pk is not None:
            raise ValueError("A posting version is immutable once written.")
        super().save(*args, **kwargs)


class PostingSlug(models.Model):
    """A slug a posting had before its title changed: its old address redirects (301)."""

    company = models.ForeignKey("hiring.Company", on_delete=models.CASCADE, related_name="+")
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "slug"], name="posting_old_slug_unique"),
        ]

    def __str__(self):
        return self.slug


class PostingNote(models.Model):
    """A change to a posting that nobody made in its form (a catalog reload reworded a block
    it shows), kept beside the reviews as part of its history."""

    class Kind(models.TextChoices):
        CATALOG_CHANGE = "catalog_change", "Catalog change"

    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    posting_version = models.PositiveIntegerField(help_text="The posting's version it made.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.posting} (v{self.posting_version})"
