"""The screen and text formats, and the registry of every format by name."""

import re

from django.template.loader import render_to_string

from . import jsonld, pdf
from .base import Exporter
from .display import PostingView, context_for, logo_data_uri
from .document import Document
from .errors import JSONLD_INVALID, UNKNOWN_FORMAT, ExportError

BLOCKS = "exports/_blocks.html"
_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACES = re.compile(r"[ \t]+\n")


def _tidy(text: str) -> str:
    """Template output with at most one blank line in a row and no trailing spaces."""
    return _BLANK_LINES.sub("\n\n", _TRAILING_SPACES.sub("\n", text)).strip() + "\n"


class HtmlExporter(Exporter):
    name = "html"
    label = "Web page (HTML)"
    extension = "html"
    content_type = "text/html; charset=utf-8"
    templates = ("exports/posting.html", BLOCKS, "exports/_screen.css")

    def render_bytes(self, document: Document) -> bytes:
        data = jsonld.jobposting(document)
        # Job boards would reject invalid markup; the page is still useful without it.
        script = "" if jsonld.google_problems(data) else jsonld.script_tag_json(data)
        context = context_for(document, logo_src=logo_data_uri(document), jsonld=script)
        return render_to_string("exports/posting.html", context).encode("utf-8")


class MarkdownExporter(Exporter):
    name = "markdown"
    label = "Markdown"
    extension = "md"
    content_type = "text/markdown; charset=utf-8"
    templates = ("exports/posting.md",)

    def render_bytes(self, document: Document) -> bytes:
        return _tidy(render_to_string("exports/posting.md", context_for(document))).encode("utf-8")


class TextExporter(Exporter):
    name = "text"
    label = "Plain text"
    extension = "txt"
    content_type = "text/plain; charset=utf-8"
    templates = ("exports/posting.txt",)

    def render_bytes(self, document: Document) -> bytes:
        view = PostingView(document)
        context = context_for(document, underline="=" * min(len(view.title), 80))
        return _tidy(render_to_string("exports/posting.txt", context)).encode("utf-8")


class JsonLdExporter(Exporter):
    name = "jsonld"
    label = "schema.org JobPosting (JSON-LD)"
    extension = "jsonld"
    content_type = "application/ld+json"

    def render_bytes(self, document: Document) -> bytes:
        data = jsonld.jobposting(document)
        problems = jsonld.google_problems(data)
        if problems:
            raise ExportError(
                JSONLD_INVALID.format(
                    title=document.title, problems="; ".join(p.message for p in problems)
                )
            )
        return (jsonld.dumps(data) + "\n").encode("utf-8")


FORMATS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        HtmlExporter(),
        pdf.PostingPdf(paper="A4"),
        pdf.PostingPdf(paper="Letter"),
        pdf.PacketPdf(),
        pdf.KitPdf(),
        MarkdownExporter(),
        TextExporter(),
        JsonLdExporter(),
    )
}


def get_exporter(name: str) -> Exporter:
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(UNKNOWN_FORMAT.format(name=name, choices=", ".join(FORMATS))) from None
