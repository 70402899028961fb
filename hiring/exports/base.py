"""The one exporter interface: `render(document) -> (filename, content_type, bytes)`."""

from django.template.loader import get_template
from django.utils.text import slugify

from .document import CANDIDATE, Document

MAX_SLUG_LENGTH = 80


def title_slug(document: Document) -> str:
    return slugify(document.title)[:MAX_SLUG_LENGTH].strip("-") or "posting"


def file_stem(document: Document) -> str:
    """'Senior Data Scientist' v2 -> 'senior-data-scientist-v2'; a draft ends in '-draft'."""
    slug = title_slug(document)
    return f"{slug}-v{document.version}" if document.version else f"{slug}-draft"


class Exporter:
    """One output format. Subclasses set the class attributes and `render_bytes`."""

    name: str = ""
    label: str = ""
    audience: str = CANDIDATE
    extension: str = ""
    content_type: str = ""
    suffix: str = ""  # after the version in the filename: '-packet'
    # Every template the output is rendered from: their sources go into the cache key.
    templates: tuple[str, ...] = ()
    # Bump when the Python side of the output changes, so cached files are not reused.
    version: int = 1

    def filename(self, document: Document) -> str:
        return f"{file_stem(document)}{self.suffix}.{self.extension}"

    def render(self, document: Document) -> tuple[str, str, bytes]:
        document.check_limits()
        return self.filename(document), self.content_type, self.render_bytes(document)

    def render_bytes(self, document: Document) -> bytes:
        raise NotImplementedError

    def renderer_version(self) -> str:
        """The version of any third-party renderer whose output may change between releases."""
        return ""

    def template_sources(self) -> list[tuple[str, str]]:
        return [(name, get_template(name).template.source) for name in self.templates]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"
