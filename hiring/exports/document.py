"""What goes into an export: a posting's snapshot, its company's branding and, for the
hiring manager, its findings and role-lean chart.

A `Document` is plain data (picklable, no ORM rows), so that a worker process can render
it without a database and the cache can hash it.
"""

import hashlib
import io
import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from hiring.careers.selectors import posting_public_url
from hiring.findings import charts
from hiring.findings.selectors import (
    FindingRow,
    PostingAnalysis,
    posting_analysis,
    postings_analysis,
)
from hiring.models import Company, JobPosting, PostingVersion, Review
from hiring.postings.versions import posting_snapshot
from hiring.tenancy import person_name

from .errors import (
    LOGO_TOO_LARGE,
    LOGO_TOO_MANY_PIXELS,
    NOT_FOR_INTERVIEWERS,
    UNKNOWN_AUDIENCE,
    VERSION_NOT_FOUND,
    ExportError,
    ExportTooLarge,
)
from .limits import MAX_LOGO_BYTES, MAX_LOGO_PIXELS, check_limits
from .signoff import approval_in_force, chart_of, draft_signoff, packet_record

logger = logging.getLogger(__name__)

CANDIDATE = "candidate"
HIRING_MANAGER = "hiring_manager"
INTERVIEWER = "interviewer"
AUDIENCES = (CANDIDATE, HIRING_MANAGER, INTERVIEWER)

DEFAULT_BRAND_COLOUR = "#1f6feb"
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Pillow's name for a format -> the content type every renderer accepts.
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}


@dataclass(frozen=True)
class Branding:
    """The company as exports show it; the colour is always a valid #RRGGBB."""

    name: str
    about: str = ""
    website: str = ""
    colour: str = DEFAULT_BRAND_COLOUR
    logo: bytes | None = field(default=None, repr=False)
    logo_type: str = ""

    @property
    def logo_sha256(self) -> str:
        return hashlib.sha256(self.logo).hexdigest() if self.logo else ""

    @property
    def ink(self) -> str:
        """Black or white, whichever reads better on the brand colour."""
        red, green, blue = (int(self.colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
        return "#000000" if luminance > 0.5 else "#ffffff"

    def fingerprint(self) -> dict:
        return {
            "name": self.name,
            "about": self.about,
            "website": self.website,
            "colour": self.colour,
            "logo_sha256": self.logo_sha256,
            "logo_type": self.logo_type,
        }


@dataclass(frozen=True)
class Document:
    """Everything one export of one posting is made from, and nothing else."""

    posting_id: int | None
    snapshot: dict
    branding: Branding
    audience: str = CANDIDATE
    version: int | None = None  # the published version's number; None for a draft
    date_posted: date = field(default_factory=date.today)
    language: str = "en"
    findings: tuple[dict, ...] = ()
    chart: charts.LeanChart | None = None
    # The hiring manager's packet only: draft, or who approved which version and when,
    # with the review history (`signoff`).
    signoff: dict | None = None
    valid_through: date | None = None  # the posting's last day, once published
    url: str = ""  # its careers page, while it has one
    # The interview kit of one interviewer: {"name": …, "stages": [stage keys]}; the
    # snapshot's rubric then holds only the criteria of those stages.
    interviewer: dict | None = None

    @property
    def title(self) -> str:
        return self.snapshot.get("title") or ""

    def check_limits(self) -> None:
        shown = "" if "about_company" in self.snapshot else self.branding.about
        check_limits(self.snapshot, about=shown)

    def _branding_fingerprint(self) -> dict:
        branding = self.branding.fingerprint()
        if "about_company" in self.snapshot:
            # The snapshot's about text is the one shown: the company's may move on.
            del branding["about"]
        return branding

    def fingerprint(self) -> dict:
        """Plain JSON of every input, for the cache key (the logo by its hash)."""
        return {
            "posting_id": self.posting_id,
            "snapshot": self.snapshot,
            "branding": self._branding_fingerprint(),
            "audience": self.audience,
            "version": self.version,
            "date_posted": self.date_posted.isoformat(),
            "language": self.language,
            "findings": list(self.findings),
            "chart": asdict(self.chart) if self.chart else None,
            "signoff": self.signoff,
            "valid_through": self.valid_through.isoformat() if self.valid_through else None,
            "url": self.url,
            # Only when set, so that the whole kit and every other export keep their keys.
            **({"interviewer": self.interviewer} if self.interviewer else {}),
        }


def brand_colour(value: str | None) -> str:
    """The colour when it is #RRGGBB; anything else (it ends up in CSS) is replaced."""
    return value if value and _HEX_COLOUR.match(value) else DEFAULT_BRAND_COLOUR


def branding_of(company: Company) -> Branding:
    logo, logo_type = _logo(company)
    return Branding(
        name=company.name,
        about=company.about,
        website=company.website,
        colour=brand_colour(company.brand_colour),
        logo=logo,
        logo_type=logo_type,
    )


def _logo(company: Company) -> tuple[bytes | None, str]:
    if not company.logo:
        return None, ""
    storage, name = company.logo.storage, company.logo.name
    try:
        size = storage.size(name)
        if size > MAX_LOGO_BYTES:
            raise ExportTooLarge(
                LOGO_TOO_LARGE.format(company=company.name, size=size, limit=MAX_LOGO_BYTES)
            )
        with storage.open(name, "rb") as handle:
            # Read no more than the limit, should the file have grown since.
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError:
        logger.warning("The logo of %s (%s) cannot be read.", company, name)
        return None, ""
    if len(data) > MAX_LOGO_BYTES:
        raise ExportTooLarge(
            LOGO_TOO_LARGE.format(company=company.name, size=len(data), limit=MAX_LOGO_BYTES)
        )
    from PIL import Image, UnidentifiedImageError

    try:
        # Only the header is read: enough for the format and the size, no decoding.
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError):
        kind, width, height = None, 0, 0
    if kind not in LOGO_TYPES:
        logger.warning("The logo of %s is not a PNG, JPEG or GIF image; left out.", company)
        return None, ""
    if width * height > MAX_LOGO_PIXELS:
        raise ExportTooLarge(
            LOGO_TOO_MANY_PIXELS.format(
                company=company.name, width=width, height=height, limit=MAX_LOGO_PIXELS
            )
        )
    return data, LOGO_TYPES[kind]


def language() -> str:
    """The site language as a BCP 47 tag (en-us -> en-US) for <html lang> and the PDF."""
    parts = settings.LANGUAGE_CODE.replace("_", "-").split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def _finding(row: FindingRow) -> dict:
    finding, ack = row.finding, row.acknowledgement
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "message": finding.message,
        "hint": finding.hint,
        # A skill's name heads its finding; other subjects (the posting, a criterion's
        # stable id) are named in the message in words.
        "subject": finding.subject.label if finding.subject.kind == "skill" else "",
        "acknowledged": ack.reason if ack else "",
        "acknowledged_by": person_name(ack.acknowledged_by) if ack else "",
    }


def _for_audience(snapshot: dict, audience: str) -> dict:
    # Candidates never get the rubric: its questions would give the interview away.
    if audience == CANDIDATE:
        return {key: value for key, value in snapshot.items() if key != "rubric"}
    return snapshot


def _for_interviewer(snapshot: dict, stages: list[str]) -> dict:
    """The snapshot with only the criteria of `stages`: another stage's questions are
    not this interviewer's to read."""
    if snapshot.get("rubric") is None:
        return snapshot
    rubric = [row for row in snapshot["rubric"] if row.get("stage") in stages]
    return {**snapshot, "rubric": rubric}


def _source(
    posting: JobPosting, *, version, draft: bool, today: date
) -> tuple[dict, int | None, date]:
    if version is not None:
        number = getattr(version, "number", version)
        if not isinstance(version, PostingVersion):
            version = PostingVersion.objects.filter(posting=posting, number=number).first()
        if version is None or version.posting_id != posting.pk:
            raise ExportError(VERSION_NOT_FOUND.format(title=posting.title, number=number))
        return version.snapshot, version.number, timezone.localdate(version.created_at)
    if not draft and posting.published_version_id:
        published = posting.published_version
        return published.snapshot, published.number, timezone.localdate(published.created_at)
    return posting_snapshot(posting=posting), None, today


def approval_inputs(*, posting: JobPosting, review: Review) -> dict:
    """The packet inputs an approving review freezes (see `signoff.packet_record`)."""
    analysis = posting_analysis(posting=posting)
    return packet_record(
        posting=posting,
        review=review,
        findings=[_finding(row) for row in analysis.rows],
        chart=charts.lean_chart(analysis.report.lean, analysis.catalog),
    )


def approved_packet(
    posting: JobPosting,
    approval: Review,
    *,
    number: int | None = None,
    branding: Branding | None = None,
) -> Document:
    """The packet as approved: everything from the approval, nothing from the posting now,
    so it reads the same (and hashes the same) after later edits."""
    packet = approval.packet
    approved_on = date.fromisoformat(packet["signoff"]["approved_on"])
    return Document(
        posting_id=posting.pk,
        snapshot=approval.snapshot or {},
        branding=branding or branding_of(posting.company),
        audience=HIRING_MANAGER,
        version=number,
        date_posted=approved_on,
        language=language(),
        findings=tuple(packet["findings"]),
        chart=chart_of(packet["chart"]),
        signoff=packet["signoff"],
    )


def _approval_for(
    posting: JobPosting, *, version, draft: bool, reviews=None
) -> tuple[Review | None, int | None]:
    """The approval a packet carries, and the published version's number: the approval in
    force for the working copy, or the last one before the version was published."""
    if version is None and (draft or not posting.published_version_id):
        return approval_in_force(posting, reviews=reviews), None
    if version is None:
        published = posting.published_version
    elif isinstance(version, PostingVersion):
        published = version
    else:
        published = PostingVersion.objects.filter(posting=posting, number=version).first()
    if published is None:
        return None, None
    return (
        approval_in_force(posting, before=published.created_at, reviews=reviews),
        published.number,
    )


def _check_audience(audience: str) -> None:
    if audience not in AUDIENCES:
        raise ValueError(UNKNOWN_AUDIENCE.format(name=audience, choices=", ".join(AUDIENCES)))


def document_for(
    posting: JobPosting,
    *,
    version: PostingVersion | int | None = None,
    draft: bool = False,
    audience: str = CANDIDATE,
    analysis: PostingAnalysis | None = None,
    branding: Branding | None = None,
    reviews: list[Review] | None = None,
    interviewer: dict | None = None,
) -> Document:
    """The export input of `posting`: its published snapshot unless a draft or a version is
    asked for; the hiring manager's also carries findings and the role-lean chart, and an
    interviewer's ({"name", "stages"}) only the criteria of their stages."""
    _check_audience(audience)
    if interviewer is not None and audience != INTERVIEWER:
        raise ValueError(NOT_FOR_INTERVIEWERS.format(audience=audience))
    if audience == HIRING_MANAGER:
        approval, number = _approval_for(posting, version=version, draft=draft, reviews=reviews)
        if approval is not None:
            return approved_packet(posting, approval, number=number, branding=branding)
    snapshot, number, posted = _source(
        posting, version=version, draft=draft, today=timezone.localdate()
    )
    findings, chart, signoff = (), None, None
    if audience == HIRING_MANAGER:
        analysis = analysis or posting_analysis(posting=posting)
        findings = tuple(_finding(row) for row in analysis.rows)
        chart = charts.lean_chart(analysis.report.lean, analysis.catalog)
        signoff = draft_signoff(posting)
    snapshot = _for_audience(snapshot, audience)
    if interviewer is not None:
        interviewer = {"name": interviewer["name"], "stages": list(interviewer["stages"])}
        snapshot = _for_interviewer(snapshot, interviewer["stages"])
    return Document(
        posting_id=posting.pk,
        snapshot=snapshot,
        branding=branding or branding_of(posting.company),
        audience=audience,
        version=number,
        date_posted=posted,
        language=language(),
        findings=findings,
        chart=chart,
        signoff=signoff,
        valid_through=posting.valid_through if number is not None else None,
        url=posting_public_url(posting=posting) or "",
        interviewer=interviewer,
    )


# What `document_for` reads with a published posting.
EXPORT_RELATIONS = ("company", "published_version")


def postings_for_export(queryset: QuerySet[JobPosting]) -> QuerySet[JobPosting]:
    """Postings with what `document_for` reads of a published posting, in one query."""
    return queryset.select_related(*EXPORT_RELATIONS)


def loaded_for_export(posting: JobPosting) -> bool:
    """Whether `posting` was read with `postings_for_export` (or as if it had been)."""
    return all(JobPosting._meta.get_field(name).is_cached(posting) for name in EXPORT_RELATIONS)


def documents_for(
    queryset: QuerySet[JobPosting], *, audience: str = CANDIDATE, draft: bool = False
) -> list[tuple[JobPosting, Document | ExportError]]:
    """Documents of many postings; a posting that cannot be read gets its error instead.

    Published postings cost one query in all; a draft is read with `posting_snapshot`
    (a fixed handful of queries each), and findings one batch per company.
    """
    _check_audience(audience)
    postings = list(postings_for_export(queryset))
    analyses: dict[int, PostingAnalysis] = {}
    if audience == HIRING_MANAGER:
        by_company: dict[int, list[JobPosting]] = {}
        for posting in postings:
            by_company.setdefault(posting.company_id, []).append(posting)
        for rows in by_company.values():
            for analysis in postings_analysis(
                JobPosting.objects.filter(pk__in=[p.pk for p in rows]), company=rows[0].company
            ):
                analyses[analysis.posting.pk] = analysis
    reviews: dict[int, list[Review]] = {}
    if audience == HIRING_MANAGER:
        # Each packet's approval, from one query for all postings (newest first).
        for review in Review.objects.filter(posting__in=postings).order_by("-created_at", "-id"):
            reviews.setdefault(review.posting_id, []).append(review)
    brandings: dict[int, Branding | ExportError] = {}
    results: list[tuple[JobPosting, Document | ExportError]] = []
    for posting in postings:
        if posting.company_id not in brandings:
            try:
                brandings[posting.company_id] = branding_of(posting.company)
            except ExportError as error:
                brandings[posting.company_id] = error
        branding = brandings[posting.company_id]
        if isinstance(branding, ExportError):
            results.append((posting, branding))
            continue
        try:
            document = document_for(
                posting,
                draft=draft,
                audience=audience,
                analysis=analyses.get(posting.pk),
                branding=branding,
                reviews=reviews.get(posting.pk, []) if audience == HIRING_MANAGER else None,
            )
        except ExportError as error:
            results.append((posting, error))
        else:
            results.append((posting, document))
    return results
