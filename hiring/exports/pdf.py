"""PDF exports through WeasyPrint: the candidate posting, the hiring-manager packet and the
interview kit. The only module that imports WeasyPrint, and only when it renders.

Rendering never fetches anything a posting names: the URL fetcher serves the company
logo, the project's own static files and small inline images, and refuses the rest.
Layout is bounded by a page count and a time budget, checked at every page.
"""

import base64
import binascii
import contextlib
import importlib.metadata
import logging
import mimetypes
import threading
import time
from functools import cache
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils.text import slugify

from .base import MAX_SLUG_LENGTH, Exporter, title_slug
from .display import PostingView, context_for
from .document import CANDIDATE, HIRING_MANAGER, INTERVIEWER, Document
from .errors import (
    NO_RUBRIC,
    NO_STAGE_CRITERIA,
    RENDER_TOO_SLOW,
    TOO_MANY_PAGES,
    ExportError,
    ExportTimeout,
    ExportTooLarge,
)
from .limits import MAX_PAGES, RENDER_SECONDS

logger = logging.getLogger(__name__)

# PDF/UA-1: tagged for screen readers, with the title shown and the language set.
PDF_VARIANT = "pdf/ua-1"
# The URLs our own templates use; nothing a recruiter types can produce anything else
# that the fetcher serves.
ASSET_SCHEME = "rolekit-asset"
LOGO_URL = f"{ASSET_SCHEME}:logo"
STATIC_URL_PREFIX = f"{ASSET_SCHEME}:static/"
DATA_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})
MAX_DATA_URL_BYTES = 64 * 1024
MAX_STATIC_BYTES = 5 * 1024 * 1024
# What the first bytes of an allowed inline image must be.
IMAGE_SIGNATURES = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
}

REFUSED = "Refused to fetch {url}: {reason}."
REASON_SCHEME = "only the logo, static files and small inline images are served"
REASON_OUTSIDE_STATIC = "the file is not one of the project's static files"
REASON_NOT_FOUND = "no such static file"
REASON_DATA_TYPE = "inline data must be a PNG, JPEG or GIF image"
REASON_DATA_SIZE = f"inline images are limited to {MAX_DATA_URL_BYTES // 1024} KB"
REASON_DATA_BROKEN = "the inline data cannot be decoded"
REASON_NO_LOGO = "the company has no logo"
REASON_STATIC_SIZE = f"static files are limited to {MAX_STATIC_BYTES // (1024 * 1024)} MB"


@cache
def weasyprint_version() -> str:
    """Read once per process: every export's cache key names it, and reading a package's
    metadata takes most of a millisecond."""
    return importlib.metadata.version("weasyprint")


class AssetRefused(ValueError):
    """A URL the fetcher will not serve; WeasyPrint logs it and leaves the resource out."""


def static_roots() -> list[Path]:
    """STATIC_ROOT and every folder the staticfiles finders serve from."""
    roots = {Path(settings.STATIC_ROOT).resolve()} if settings.STATIC_ROOT else set()
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.add(Path(location).resolve())
    return sorted(roots)


class AssetPolicy:
    """Decides what a render may load; pure Python, so it is tested without WeasyPrint."""

    def __init__(self, *, logo: bytes | None = None, logo_type: str = ""):
        self.logo = logo
        self.logo_type = logo_type
        self.refused: list[str] = []
        self.served: list[str] = []
        self._roots: list[Path] | None = None

    def resolve(self, url: str) -> tuple[bytes, str]:
        """The bytes and content type behind `url`, or AssetRefused."""
        try:
            body, content_type = self._resolve(url)
        except AssetRefused as refusal:
            self.refused.append(url)
            logger.warning("%s", refusal)
            raise
        self.served.append(url)
        return body, content_type

    def _refuse(self, url: str, reason: str) -> AssetRefused:
        shown = url if len(url) <= 120 else url[:117] + "..."
        return AssetRefused(REFUSED.format(url=shown, reason=reason))

    def _resolve(self, url: str) -> tuple[bytes, str]:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if url == LOGO_URL:
            if not self.logo:
                raise self._refuse(url, REASON_NO_LOGO)
            return self.logo, self.logo_type
        if url.startswith(STATIC_URL_PREFIX):
            relative = unquote(url[len(STATIC_URL_PREFIX) :].split("?", 1)[0])
            try:
                found = finders.find(relative) if relative else None
            except (SuspiciousFileOperation, ValueError):
                found = None
            if not found:
                raise self._refuse(url, REASON_NOT_FOUND)
            return self._static_file(url, Path(found))
        if scheme == "file":
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                raise self._refuse(url, REASON_OUTSIDE_STATIC)
            return self._static_file(url, Path(url2pathname(parts.path)))
        if scheme == "data":
            return self._data(url)
        raise self._refuse(url, REASON_SCHEME)

    def _static_file(self, url: str, path: Path) -> tuple[bytes, str]:
        if self._roots is None:
            self._roots = static_roots()
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise self._refuse(url, REASON_NOT_FOUND) from None
        if not real.is_file() or not any(real.is_relative_to(root) for root in self._roots):
            raise self._refuse(url, REASON_OUTSIDE_STATIC)
        if real.stat().st_size > MAX_STATIC_BYTES:
            raise self._refuse(url, REASON_STATIC_SIZE)
        content_type = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        if content_type == "text/css":
            content_type = "text/css; charset=utf-8"
        return real.read_bytes(), content_type

    def _data(self, url: str) -> tuple[bytes, str]:
        header, comma, payload = url[len("data:") :].partition(",")
        if not comma:
            raise self._refuse(url, REASON_DATA_BROKEN)
        params = [part.strip().lower() for part in header.split(";")]
        content_type = params[0]
        if content_type not in DATA_IMAGE_TYPES:
            raise self._refuse(url, REASON_DATA_TYPE)
        # Base64 takes 4 characters for 3 bytes: refuse before decoding anything large.
        if len(payload) > MAX_DATA_URL_BYTES * 4 // 3 + 16 * 3:
            raise self._refuse(url, REASON_DATA_SIZE)
        try:
            if "base64" in params[1:]:
                body = base64.b64decode(unquote(payload), validate=True)
            else:
                body = unquote_to_bytes(payload)
        except (binascii.Error, ValueError):
            raise self._refuse(url, REASON_DATA_BROKEN) from None
        if len(body) > MAX_DATA_URL_BYTES:
            raise self._refuse(url, REASON_DATA_SIZE)
        if not body.startswith(IMAGE_SIGNATURES[content_type]):
            raise self._refuse(url, REASON_DATA_TYPE)
        return body, content_type


@cache
def fetcher_class():
    """A `weasyprint.urls.URLFetcher` that asks an AssetPolicy and never opens a socket."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PolicyURLFetcher(URLFetcher):
        def __init__(self, policy: AssetPolicy):
            # No protocol allowed and no redirects: the base class's opener is never used,
            # this only makes sure of it should `fetch` ever fall through to it.
            super().__init__(
                timeout=1, allowed_protocols=(), allow_redirects=False, fail_on_errors=False
            )
            self.policy = policy

        def fetch(self, url, headers=None):
            body, content_type = self.policy.resolve(url)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    return PolicyURLFetcher


# The render budget: WeasyPrint announces every page it lays out on its progress logger;
# a filter there checks the page count and the clock of the render in this thread.

_budget = threading.local()


class _Budget:
    def __init__(self, *, seconds: float, max_pages: int):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.max_pages = max_pages

    def check(self, record: logging.LogRecord) -> None:
        if time.monotonic() > self.deadline:
            raise ExportTimeout(RENDER_TOO_SLOW.format(limit=f"{self.seconds:g}"))
        if "Creating layout - Page" in str(record.msg) and record.args:
            page = record.args[0] if isinstance(record.args, tuple) else 0
            if isinstance(page, int) and page > self.max_pages:
                raise ExportTooLarge(TOO_MANY_PAGES.format(limit=self.max_pages))


class _BudgetFilter(logging.Filter):
    def __init__(self, passthrough_level: int):
        super().__init__()
        self.passthrough_level = passthrough_level

    def filter(self, record: logging.LogRecord) -> bool:
        budget = getattr(_budget, "current", None)
        if budget is None:
            # Not our render: behave as the logger did before the filter was installed.
            return record.levelno >= self.passthrough_level
        budget.check(record)
        return False


_install_lock = threading.Lock()
_installed = False


def _install_budget_filter() -> None:
    global _installed
    if _installed:
        return
    from weasyprint.logger import PROGRESS_LOGGER

    with _install_lock:
        if _installed:
            return
        passthrough = PROGRESS_LOGGER.getEffectiveLevel()
        PROGRESS_LOGGER.addFilter(_BudgetFilter(passthrough))
        # The filter only sees records the logger lets through: page records are INFO.
        if passthrough > logging.INFO:
            PROGRESS_LOGGER.setLevel(logging.INFO)
        _installed = True


@contextlib.contextmanager
def render_budget(*, seconds: float = RENDER_SECONDS, max_pages: int = MAX_PAGES):
    """Stop the WeasyPrint render in this thread past `max_pages` or `seconds`."""
    _install_budget_filter()
    previous = getattr(_budget, "current", None)
    _budget.current = _Budget(seconds=seconds, max_pages=max_pages)
    try:
        yield
    finally:
        _budget.current = previous


# Fitting: a document that would leave a page with only a few lines on it (its last page,
# or the last of a part) is set again with the compact stylesheet (tighter leading, spacing
# and margins, never under a 9.5 pt body), and that layout is kept when it saves a page.
NEAR_EMPTY_PAGE = 0.25  # a page filled less than this far down is near-empty


def page_fill(page) -> float:
    """How far down its content area a rendered page's content reaches, from 0 to 1."""
    from weasyprint.formatting_structure import boxes

    page_box = page._page_box
    top, height = page_box.content_box_y(), page_box.height
    bottom = top
    for box in page_box.children[0].descendants():
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or (
            isinstance(box, boxes.BlockBox) and box.style["border_bottom_width"]
        ):
            bottom = max(bottom, box.border_box_y() + box.border_height())
    return min(1.0, (bottom - top) / height) if height else 0.0


def near_empty(pages: list) -> bool:
    """Whether a page after the first is near-empty: the last one, or one that ends a part
    (the packet starts each of its parts on a new page)."""
    return any(page_fill(page) < NEAR_EMPTY_PAGE for page in pages[1:])


def layout(
    html: str,
    *,
    css: str = "",
    compact_css: str = "",
    policy: AssetPolicy | None = None,
):
    """The laid-out `weasyprint.Document` of `html`: the compact one when `compact_css` is
    given and it takes fewer pages than a layout with a near-empty page. Call inside a
    `render_budget`."""
    from weasyprint import CSS, HTML

    fetcher = fetcher_class()(policy or AssetPolicy())
    # No base URL: a relative reference resolves to nothing rather than to a folder.
    source = HTML(string=html, base_url=None, url_fetcher=fetcher)
    stylesheets = [CSS(string=css, url_fetcher=fetcher)] if css else []
    options = {"pdf_variant": PDF_VARIANT, "presentational_hints": False}
    document = source.render(stylesheets=stylesheets, **options)
    if compact_css and near_empty(document.pages):
        compact = source.render(
            stylesheets=[*stylesheets, CSS(string=compact_css, url_fetcher=fetcher)], **options
        )
        if len(compact.pages) < len(document.pages):
            return compact
    return document


def write_pdf(
    html: str,
    *,
    css: str = "",
    compact_css: str = "",
    policy: AssetPolicy | None = None,
    seconds: float = RENDER_SECONDS,
    max_pages: int = MAX_PAGES,
) -> bytes:
    """Typeset `html` (plus a user stylesheet) as a tagged PDF/UA-1 file."""
    with render_budget(seconds=seconds, max_pages=max_pages):
        document = layout(html, css=css, compact_css=compact_css, policy=policy)
        return document.write_pdf(pdf_variant=PDF_VARIANT, presentational_hints=False)


BLOCKS = "exports/_blocks.html"
COMPACT = "exports/_compact.css"
PRINT_TEMPLATES = (
    "exports/_print_base.html",
    BLOCKS,
    "exports/_print.css",
    "exports/_page.css",
    COMPACT,
)


class PdfExporter(Exporter):
    extension = "pdf"
    content_type = "application/pdf"
    template = ""
    paper = "A4"
    # Whether a near-empty page is worth a second, compact layout.
    fits = False

    def sources(self, document: Document) -> dict:
        """The HTML, stylesheets and asset policy a render of `document` is made from."""
        branding = document.branding
        context = context_for(
            document, logo_src=LOGO_URL if branding.logo else "", paper=self.paper
        )
        return {
            "html": render_to_string(self.template, context),
            "css": render_to_string("exports/_page.css", context),
            "compact_css": render_to_string(COMPACT, context) if self.fits else "",
            "policy": AssetPolicy(logo=branding.logo, logo_type=branding.logo_type),
        }

    def layout(self, document: Document):
        """The laid-out pages `render_bytes` writes, for tests that measure them."""
        with render_budget():
            return layout(**self.sources(document))

    def render_bytes(self, document: Document) -> bytes:
        return write_pdf(**self.sources(document))

    def renderer_version(self) -> str:
        return weasyprint_version()


class PostingPdf(PdfExporter):
    """The candidate-facing posting, typeset for print on A4 or US Letter."""

    audience = CANDIDATE
    template = "exports/posting_print.html"
    fits = True
    templates = ("exports/posting_print.html", *PRINT_TEMPLATES)

    def __init__(self, *, paper: str = "A4"):
        self.paper = paper
        self.name = "pdf" if paper == "A4" else f"pdf-{paper.lower()}"
        self.suffix = "" if paper == "A4" else f"-{paper.lower()}"
        self.label = "PDF (A4)" if paper == "A4" else f"PDF (US {paper})"


class PacketPdf(PdfExporter):
    """Posting, rubric, findings and role-lean chart in one file, for sign-off."""

    name = "packet"
    label = "Hiring-manager packet (PDF)"
    audience = HIRING_MANAGER
    suffix = "-packet"
    template = "exports/packet.html"
    templates = ("exports/packet.html", *PRINT_TEMPLATES, "postings/_lean_chart.html")
    fits = True
    version = 2

    def filename(self, document: Document) -> str:
        """Named by its sign-off state: '…-draft-packet.pdf' before approval,
        '…-approved-packet.pdf' after (with the published version when there is one)."""
        state = (document.signoff or {}).get("state") or "draft"
        version = f"-v{document.version}" if document.version else ""
        return f"{title_slug(document)}{version}-{state}{self.suffix}.{self.extension}"


class KitPdf(PdfExporter):
    """Per interview stage: criteria, questions, anchors and a score sheet."""

    name = "kit"
    label = "Interview kit (PDF)"
    audience = INTERVIEWER
    suffix = "-interview-kit"
    template = "exports/kit.html"
    templates = ("exports/kit.html", *PRINT_TEMPLATES)

    def filename(self, document: Document) -> str:
        """'…-v2-interview-kit.pdf'; one interviewer's ends in their name."""
        name = super().filename(document)
        if document.interviewer:
            who = slugify(document.interviewer["name"])[:MAX_SLUG_LENGTH].strip("-")
            name = f"{name.removesuffix(f'.{self.extension}')}-{who}.{self.extension}"
        return name

    def render_bytes(self, document: Document) -> bytes:
        view = PostingView(document)
        if document.interviewer and document.snapshot.get("rubric") == []:
            raise ExportError(
                NO_STAGE_CRITERIA.format(
                    title=document.title,
                    name=document.interviewer["name"],
                    stages=", ".join(view.interviewer_stages),
                )
            )
        if not view.has_rubric:
            raise ExportError(NO_RUBRIC.format(title=document.title))
        return super().render_bytes(document)
