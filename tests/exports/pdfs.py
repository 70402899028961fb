"""Reading the PDFs the exporters write: text, metadata and attachments (pypdf)."""

import io

from pypdf import PdfReader


def reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def text(content: bytes) -> str:
    """Every page's text, with line breaks and hyphenation folded into spaces."""
    pages = [page.extract_text() or "" for page in reader(content).pages]
    return " ".join(" ".join(pages).split())


def page_text(content: bytes, number: int) -> str:
    return " ".join((reader(content).pages[number - 1].extract_text() or "").split())


def attachments(content: bytes) -> dict[str, list[bytes]]:
    return dict(reader(content).attachments)


def everything(content: bytes) -> bytes:
    """Text, attachments and raw bytes together: where a leaked file would show up."""
    parts = [text(content).encode("utf-8"), content]
    for files in attachments(content).values():
        parts.extend(files)
    return b"\n".join(parts)
