"""The careers pages rendered to bytes, from the same documents and template fragments as
the exports: a posting reads the same on its page, in its PDF and in its JSON-LD."""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page
from django.template.loader import render_to_string
from django.urls import reverse

from hiring.exports import document_for, jsonld
from hiring.exports.display import PostingView, logo_data_uri
from hiring.exports.document import Branding, Document, branding_of, language
from hiring.models import Company, JobPosting

from . import selectors
from .selectors import BoardFilters

# The contrast WCAG asks of body text (AA) against the white page.
TEXT_CONTRAST = 4.5
DARK_LINK = "#0b4fa8"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of #RRGGBB."""
    channels = []
    for i in (1, 3, 5):
        value = int(colour[i : i + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class Brand:
    """The company as its careers pages show it."""

    company: Company
    branding: Branding

    @cached_property
    def view(self) -> PostingView:
        # A document of the company alone: its name, about text, logo and colours.
        document = Document(posting_id=None, snapshot={}, branding=self.branding)
        return PostingView(document, logo_src=logo_data_uri(document))

    @property
    def colour(self) -> str:
        return self.branding.colour

    @property
    def ink(self) -> str:
        """Black or white on the brand colour, whichever contrasts more."""
        on_black, on_white = contrast(self.colour, "#000000"), contrast(self.colour, "#ffffff")
        return "#000000" if on_black > on_white else "#ffffff"

    @property
    def link(self) -> str:
        """The brand colour for links where it reads on white, else a dark blue."""
        return self.colour if contrast(self.colour, "#ffffff") >= TEXT_CONTRAST else DARK_LINK

    @property
    def board_url(self) -> str:
        return reverse("careers:board", args=[self.company.slug])

    @property
    def feed_url(self) -> str:
        return reverse("careers:feed", args=[self.company.slug])

    @property
    def css_url(self) -> str:
        return reverse("careers:brand_css", args=[self.company.slug])


def brand_of(company: Company) -> Brand:
    return Brand(company=company, branding=branding_of(company))


def _context(brand: Brand, generation: str, **extra) -> dict:
    return {
        "brand": brand,
        "company": brand.view,
        "language": language(),
        "generation": generation,
        **extra,
    }


@dataclass(frozen=True)
class BoardItem:
    url: str
    doc: PostingView


def board_page(
    *,
    brand: Brand,
    generation: str,
    page: Page,
    filters: BoardFilters,
    chosen: dict[str, str],
) -> bytes:
    items = [  # each posting as its published version shows it
        BoardItem(
            url=reverse("careers:posting", args=[brand.company.slug, posting.slug]),
            doc=PostingView(
                Document(
                    posting_id=posting.pk,
                    snapshot=posting.published_version.snapshot,
                    branding=brand.branding,
                )
            ),
        )
        for posting in page.object_list
    ]
    canonical = selectors.public_url(brand.board_url)
    context = _context(
        brand,
        generation,
        page=page,
        items=items,
        filters=filters,
        chosen=chosen,
        filtered=any(chosen.values()),
        canonical=canonical if page.number == 1 and not any(chosen.values()) else "",
    )
    return render_to_string("careers/board.html", context).encode("utf-8")


def posting_page(*, brand: Brand, generation: str, posting: JobPosting) -> bytes:
    document = document_for(posting, branding=brand.branding)
    data = jsonld.jobposting(document)
    # As in the HTML export: markup a job board would reject is left out, the page stays.
    script = "" if jsonld.google_problems(data) else jsonld.script_tag_json(data)
    context = _context(
        brand,
        generation,
        doc=PostingView(document, logo_src=brand.view.logo_src),
        jsonld=script,
        canonical=document.url,
        valid_through=posting.valid_through,
        pdf_url=reverse("careers:posting_pdf", args=[brand.company.slug, posting.slug]),
    )
    return render_to_string("careers/posting.html", context).encode("utf-8")


def gone_page(*, brand: Brand, generation: str, posting: JobPosting) -> bytes:
    snapshot = posting.published_version.snapshot
    title = PostingView(
        Document(posting_id=posting.pk, snapshot=snapshot, branding=brand.branding)
    ).title
    context = _context(brand, generation, title=title)
    return render_to_string("careers/gone.html", context).encode("utf-8")


def brand_css(*, brand: Brand) -> bytes:
    return render_to_string("careers/brand.css", {"doc": brand}).encode("utf-8")
