"""What the careers pages show: which postings are public, where they live, and the
board's filters. A posting is public from its first publish until it is archived or its
`valid_through` day has passed; a revision in progress leaves the published version up.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.urls import reverse

from hiring.models import Company, JobPosting, PostingSlug
from hiring.models.posting import text_lines

Status = JobPosting.Status
POLICY_LABELS = dict(JobPosting.RemotePolicy.choices)


def _published(key: str) -> KeyTextTransform:
    """A text field of the published version's snapshot, for filters and choices."""
    return KeyTextTransform(key, "published_version__snapshot")


def public_url(path: str) -> str:
    """`path` on the public address (settings.ROLEKIT_PUBLIC_URL)."""
    return f"{settings.ROLEKIT_PUBLIC_URL}{path}"


def posting_url(*, company_slug: str, posting_slug: str) -> str:
    return public_url(reverse("careers:posting", args=[company_slug, posting_slug]))


def posting_public_url(*, posting: JobPosting) -> str | None:
    """The canonical address of a published posting; None before its first publish and
    once it is archived."""
    return public_url_of(
        company_slug=posting.company.slug,
        slug=posting.slug,
        status=posting.status,
        published=posting.published_version_id is not None,
    )


def public_url_of(*, company_slug: str, slug: str, status: str, published: bool) -> str | None:
    """`posting_public_url` from a posting's columns (the API reads them with values())."""
    if not (slug and published) or status == Status.ARCHIVED:
        return None
    return posting_url(company_slug=company_slug, posting_slug=slug)


def board_company(*, slug: str) -> Company | None:
    """The company whose careers page is at /jobs/<slug>/; None when it has none."""
    return Company.objects.filter(slug=slug, board_enabled=True).first()


def postings_public(*, company: Company, today: date) -> QuerySet[JobPosting]:
    """Every posting of `company` a visitor may open, listed or not."""
    return (
        JobPosting.objects.filter(company=company, published_version__isnull=False)
        .exclude(status=Status.ARCHIVED)
        .filter(Q(valid_through__isnull=True) | Q(valid_through__gte=today))
    )


def postings_listed(
    *,
    company: Company,
    today: date,
    family: str = "",
    location: str = "",
    policy: str = "",
) -> QuerySet[JobPosting]:
    """The board's postings, newest published first, narrowed by the visitor's filters
    (read from the published version, as the pages show it)."""
    postings = (
        postings_public(company=company, today=today)
        .filter(listed=True)
        .select_related("published_version")
        .annotate(places=_published("locations"))
        .order_by("-published_version__created_at", "-pk")
    )
    if family:
        postings = postings.filter(published_version__snapshot__role_family=family)
    if policy:
        postings = postings.filter(published_version__snapshot__remote_policy=policy)
    if location:
        postings = postings.filter(places__contains=location)
    return postings


@dataclass(frozen=True)
class BoardFilters:
    """The values each filter offers: only those some listed posting has."""

    families: tuple[tuple[str, str], ...] = ()  # (slug, name)
    locations: tuple[str, ...] = ()
    policies: tuple[tuple[str, str], ...] = ()  # (value, label)

    def accepts(self, *, family: str, location: str, policy: str) -> bool:
        return (
            (not family or family in dict(self.families))
            and (not location or location in self.locations)
            and (not policy or policy in dict(self.policies))
        )


def board_filters(*, company: Company, today: date) -> BoardFilters:
    """One query over the listed postings' published versions."""
    rows = (
        postings_public(company=company, today=today)
        .filter(listed=True)
        .values_list(
            _published("role_family"),
            _published("role_family_name"),
            _published("remote_policy"),
            _published("locations"),
        )
        .order_by()
        .distinct()
    )
    families, locations, policies = {}, set(), set()
    for family, family_name, policy, places in rows:
        if family:
            families[family] = family_name or family
        if policy in POLICY_LABELS:
            policies.add(policy)
        locations.update(text_lines(places))
    return BoardFilters(
        families=tuple(sorted(families.items(), key=lambda item: item[1])),
        locations=tuple(sorted(locations)),
        policies=tuple(
            (value, label) for value, label in POLICY_LABELS.items() if value in policies
        ),
    )


@dataclass(frozen=True)
class Found:
    """What a posting address leads to: a live posting, one that is gone, or a new address."""

    posting: JobPosting
    gone: bool = False
    moved_to: str = ""


def posting_find(*, company: Company, slug: str, today: date) -> Found | None:
    """The posting at /jobs/<company>/<slug>/, in one query (two for an old slug); None
    when the address never led to a published posting."""
    posting = (
        JobPosting.objects.filter(company=company, slug=slug, published_version__isnull=False)
        .select_related("published_version")
        .first()
    )
    if posting is None:
        old = (
            PostingSlug.objects.filter(company=company, slug=slug).select_related("posting").first()
        )
        if old is None or not old.posting.slug:
            return None
        path = reverse("careers:posting", args=[company.slug, old.posting.slug])
        return Found(posting=old.posting, moved_to=path)
    posting.company = company
    expired = posting.valid_through is not None and posting.valid_through < today
    return Found(posting=posting, gone=posting.status == Status.ARCHIVED or expired)


def postings_for_sitemap(*, company: Company, today: date) -> QuerySet[JobPosting]:
    return (
        postings_public(company=company, today=today)
        .filter(listed=True)
        .select_related("published_version")
        .only("slug", "published_version__created_at")
        .order_by("-published_version__created_at", "-pk")
    )


def companies_on_boards() -> QuerySet[Company]:
    return Company.objects.filter(board_enabled=True).order_by("slug")
