"""Rendered files cached by a hash of everything that goes into them.

The key covers the document (snapshot, branding with the logo's hash, version, audience,
findings), the format and its exporter version, the source of every template it uses and
the renderer's version: change any of them and the next export renders afresh. The
cache itself, its key and its limits, is `hiring.caching`'s.
"""

import hashlib
import json
from dataclasses import dataclass

from hiring import caching

from .base import Exporter
from .document import Document

# Bump to invalidate every cached export at once: 2 since recruiter text is written back
# from its parse (Markdown, plain text) and one-line fields lose their tags.
EXPORTS_VERSION = 2


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    content_type: str
    content: bytes
    etag: str  # the cache hash: equal etags mean byte-for-byte the same inputs


def fingerprint(document: Document, exporter: Exporter) -> str:
    payload = {
        "exports": EXPORTS_VERSION,
        "format": exporter.name,
        "exporter": [type(exporter).__name__, exporter.version, exporter.renderer_version()],
        "templates": [
            [name, hashlib.sha256(source.encode("utf-8")).hexdigest()]
            for name, source in exporter.template_sources()
        ],
        "document": document.fingerprint(),
    }
    encoded = json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def cached(etag: str) -> ExportedFile | None:
    hit = caching.export_cached(etag)
    if hit is None:
        return None
    filename, content_type, content = hit
    return ExportedFile(filename, content_type, content, etag)


def store(etag: str, filename: str, content_type: str, content: bytes) -> ExportedFile:
    caching.export_keep(etag, filename, content_type, content)
    return ExportedFile(filename, content_type, content, etag)


def export_document(document: Document, exporter: Exporter) -> ExportedFile:
    """The file for `document` in `exporter`'s format, from the cache when it is there."""
    document.check_limits()
    etag = fingerprint(document, exporter)
    hit = cached(etag)
    if hit is not None:
        return hit
    return store(etag, *exporter.render(document))
