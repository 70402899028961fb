"""The tenant: every posting, rubric and company-owned catalog block belongs to one."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

BRAND_COLOUR_MESSAGE = "Enter a colour as #RRGGBB, for example #1f6feb."


class Company(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    about = models.TextField(blank=True, help_text="Shown on exported postings.")
    website = models.URLField(blank=True)
    # Texts every posting uses unless it says otherwise; a published version keeps the
    # text it was published with.
    benefits = models.TextField(
        blank=True, help_text="Used by every posting whose own benefits are left blank."
    )
    equal_opportunity = models.TextField(
        "equal-opportunity statement",
        blank=True,
        help_text="Closes every posting, under “Equal opportunity”.",
    )
    accommodations_contact = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where candidates ask for adjustments, for example an email address.",
    )
    brand_colour = models.CharField(
        max_length=7,
        default="#1f6feb",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", BRAND_COLOUR_MESSAGE)],
    )
    logo = models.ImageField(upload_to="logos/", blank=True)
    board_enabled = models.BooleanField(
        "public careers page",
        default=True,
        help_text="Published postings are listed at /jobs/<slug>/, with a feed and a sitemap.",
    )
    posting_days = models.PositiveSmallIntegerField(
        "days a posting stays up",
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text="On publish, a posting without a 'valid through' date gets one this many "
        "days ahead; once past, it is taken off the careers page and archived.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name


class Membership(models.Model):
    """Ties a user to the one company they work for, as recruiter or hiring manager, and
    says whether they are also its company admin."""

    class Role(models.TextChoices):
        RECRUITER = "recruiter", "Recruiter"
        HIRING_MANAGER = "hiring_manager", "Hiring manager"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    # A recruiter who also looks after the company's plumbing; everyone else works on
    # postings and never sees the integration's or the catalog's internals.
    is_company_admin = models.BooleanField(
        "company admin",
        default=False,
        help_text=(
            "Also manages the company's API keys, webhooks and bulk exports, and sees the "
            "catalog's emphases, role facts, levels and salary bands."
        ),
    )

    class Meta:
        ordering = ["company", "user"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.company})"
