"""Size limits checked before anything is rendered, so a hostile posting fails fast."""

from collections.abc import Mapping

from .errors import FIELD_TOO_LONG, TOO_MANY_ITEMS, TOO_MANY_LINES, TOO_MUCH_TEXT, ExportTooLarge

# One text field (a summary, a bullet, an anchor); a long real summary is ~5,000 characters.
MAX_FIELD_CHARS = 20_000
# Every string of a document together.
MAX_TOTAL_CHARS = 200_000
# Entries of any list: responsibilities, skills, criteria, questions of a criterion.
MAX_ITEMS = 200
# Lines of a free-text field: each Markdown bullet is a line.
MAX_TEXT_LINES = 400
# The logo is embedded in every file.
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4096 * 4096
# Layout stops at this page or this many seconds, whichever comes first (PDF only).
MAX_PAGES = 60
RENDER_SECONDS = 30.0
# Files in one ZIP built in memory by `build_zip`, one render after the other.
MAX_ZIP_FILES = 200
# Files in one queued bulk export: the task worker renders them and writes the ZIP to disk.
MAX_QUEUED_FILES = 2000

FREE_TEXT_FIELDS = (
    "summary",
    "team",
    "benefits",
    "locations",
    "about_company",
    "equal_opportunity",
    "pay_statement",
)
FIELD_LABELS = {
    "title": "title",
    "summary": "summary",
    "team": "team description",
    "benefits": "benefits",
    "locations": "locations",
    "apply_url": "application link",
    "skills": "skill list",
    "responsibilities": "responsibility list",
    "rubric": "rubric",
    "questions": "question list",
    "about": "company description",
    "about_company": "company description",
    "equal_opportunity": "equal-opportunity statement",
    "accommodations_contact": "accommodations contact",
    "pay_statement": "pay-transparency statement",
}


def _label(path: tuple[str, ...]) -> str:
    names = [FIELD_LABELS.get(part, part) for part in path if not part.isdigit()]
    return " › ".join(names) if names else "posting"


def check_limits(snapshot: Mapping, *, about: str = "") -> None:
    """Raise ExportTooLarge when any field, list or the whole text is beyond the limits."""
    total = _walk(snapshot, (), 0)
    total = _walk(about, ("about",), total)
    for name in FREE_TEXT_FIELDS:
        text = snapshot.get(name) or ""
        lines = text.count("\n") + 1 if text else 0
        if lines > MAX_TEXT_LINES:
            raise ExportTooLarge(
                TOO_MANY_LINES.format(field=_label((name,)), size=lines, limit=MAX_TEXT_LINES)
            )


def _walk(value, path: tuple[str, ...], total: int) -> int:
    if isinstance(value, str):
        if len(value) > MAX_FIELD_CHARS:
            raise ExportTooLarge(
                FIELD_TOO_LONG.format(field=_label(path), size=len(value), limit=MAX_FIELD_CHARS)
            )
        total += len(value)
        if total > MAX_TOTAL_CHARS:
            raise ExportTooLarge(TOO_MUCH_TEXT.format(size=total, limit=MAX_TOTAL_CHARS))
        return total
    if isinstance(value, Mapping):
        for key, item in value.items():
            total = _walk(item, (*path, str(key)), total)
        return total
    if isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            raise ExportTooLarge(
                TOO_MANY_ITEMS.format(field=_label(path), size=len(value), limit=MAX_ITEMS)
            )
        for index, item in enumerate(value):
            total = _walk(item, (*path, str(index)), total)
    return total
