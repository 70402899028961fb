"""The tenant: every posting, rubric and company-owned catalog block belongs to one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    EmailValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models

from hiring.rules.pay import pay_laws

BRAND_COLOUR_MESSAGE = "Enter a colour as #RRGGBB, for example #1f6feb."
CONTACT_NOT_EMAIL_OR_URL = (
    "Enter an email address (such as accessibility@example.com) or a web address starting "
    "with https://."
)
UNKNOWN_JURISDICTION = (
    "%(value)s is not a jurisdiction of a pay-transparency law; pick one from the list."
)
DUPLICATE_JURISDICTION = "This company already has a pay statement for this jurisdiction."
# A company text (about, benefits, a statement) is a few paragraphs; longer ones would
# crowd every posting that uses them.
TEXT_BLOCK_MAX_CHARS = 5_000
CONTACT_MAX_CHARS = 300


def validate_contact(value: str) -> None:
    """An accommodations contact candidates can use: an email address or a web page."""
    for validator in (EmailValidator(), URLValidator(schemes=["http", "https"])):
        try:
            validator(value)
        except ValidationError:
            continue
        return
    raise ValidationError(CONTACT_NOT_EMAIL_OR_URL, code="contact")


def text_block(verbose_name=None, **kwargs):
    """A company text, or a posting's override of one: blank allowed, length bounded."""
    return models.TextField(
        verbose_name,
        blank=True,
        max_length=TEXT_BLOCK_MAX_CHARS,
        validators=[MaxLengthValidator(TEXT_BLOCK_MAX_CHARS)],
        **kwargs,
    )


def contact_field(verbose_name=None, **kwargs):
    return models.CharField(
        verbose_name,
        max_length=CONTACT_MAX_CHARS,
        blank=True,
        validators=[validate_contact],
        **kwargs,
    )


def pay_jurisdictions() -> list[tuple[str, str]]:
    """The jurisdictions of the pay-transparency laws table, as choices."""
    return [(law.jurisdiction, law.jurisdiction) for law in pay_laws()]


class Company(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    about = text_block(
        help_text="Shown on every posting and export, under “About” and the company’s name."
    )
    website = models.URLField(blank=True)
    # Texts every posting uses unless it says otherwise; a published version keeps the
    # text it was published with.
    benefits = text_block(help_text="Used by every posting whose own benefits are left blank.")
    equal_opportunity = text_block(
        "equal-opportunity statement",
        help_text="Closes every posting, under “Equal opportunity”.",
    )
    accommodations_contact = contact_field(
        help_text="Where candidates ask for adjustments: an email address or a web page.",
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
        help_text=(
            "Published postings are listed on the company’s careers page (/jobs/ and its "
            "slug), with a feed and a sitemap."
        ),
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


class CompanyPayStatement(models.Model):
    """What a company publishes under "Pay and benefits" where a pay-transparency law
    applies: what its range means, and the bonus and benefits summary the law asks for."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="pay_statements")
    jurisdiction = models.CharField(
        max_length=100,
        choices=pay_jurisdictions,
        error_messages={"invalid_choice": UNKNOWN_JURISDICTION},
        help_text="Postings whose places this law covers show the statement.",
    )
    text = models.TextField(
        "statement",
        max_length=TEXT_BLOCK_MAX_CHARS,
        validators=[MaxLengthValidator(TEXT_BLOCK_MAX_CHARS)],
    )

    class Meta:
        ordering = ["company", "jurisdiction"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "jurisdiction"],
                name="company_pay_statement_unique",
                violation_error_message=DUPLICATE_JURISDICTION,
            )
        ]

    def __str__(self):
        return f"{self.company}: {self.jurisdiction}"


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
