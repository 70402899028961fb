"""What an export can fail with; the messages tests assert are the constants below."""

UNKNOWN_FORMAT = "Unknown export format {name!r}; choose one of: {choices}."
UNKNOWN_AUDIENCE = "Unknown audience {name!r}; choose one of: {choices}."
VERSION_NOT_FOUND = "{title!r} has no version {number}."
NO_RUBRIC = "{title!r} has no interview rubric yet; build one before exporting an interview kit."
NO_STAGE_CRITERIA = (
    "{title!r} has no criteria for the stages {name} runs ({stages}) yet; add some to the "
    "rubric before printing their kit."
)
NOT_FOR_INTERVIEWERS = "Only the interview kit is printed per interviewer, not the {audience}'s."
JSONLD_INVALID = "The job-board data for {title!r} would be rejected: {problems}"

FIELD_TOO_LONG = (
    "The {field} is {size:,} characters long; an export allows at most {limit:,}. "
    "Shorten it and export again."
)
TOO_MANY_ITEMS = (
    "The {field} has {size:,} entries; an export allows at most {limit:,}. "
    "Remove some and export again."
)
TOO_MANY_LINES = (
    "The {field} has {size:,} lines; an export allows at most {limit:,}. "
    "Shorten it and export again."
)
TOO_MUCH_TEXT = "The posting holds {size:,} characters of text; an export allows at most {limit:,}."
LOGO_TOO_LARGE = (
    "The logo of {company} is {size:,} bytes; exports allow at most {limit:,}. "
    "Upload a smaller image."
)
LOGO_TOO_MANY_PIXELS = (
    "The logo of {company} is {width}×{height} pixels; exports allow at most {limit:,} pixels. "
    "Upload a smaller image."
)
TOO_MANY_PAGES = "The document runs past {limit} pages; shorten the posting and export again."
RENDER_TOO_SLOW = (
    "Rendering took longer than {limit} seconds and was stopped; shorten the posting "
    "and export again."
)
TOO_MANY_FILES = "{size:,} files were asked for in one archive; the limit is {limit:,}."
NO_POSTINGS = "Select at least one posting to export."
OTHER_COMPANY = (
    "{count:,} of the selected postings belong to another company; export one company's "
    "postings at a time."
)
RENDER_LOST = (
    "Rendering gave no answer within {limit:g} seconds (its worker process stopped or hung); "
    "export this posting on its own to see why."
)


class ExportError(Exception):
    """An export that cannot be produced; the message says why and what to do."""


class ExportTooLarge(ExportError):
    """The input (or the document it would make) is beyond what an export allows."""


class ExportTimeout(ExportTooLarge):
    """Rendering ran past its time budget and was stopped."""


class RenderLost(ExportError):
    """A render in a worker process that never answered: the worker died or hung."""
