"""rolekit's mismatch engine: pure Python over frozen snapshots, no Django.

Use :func:`check_posting` for a posting built by the selector and :func:`analyse_text` for
free job text; both return a :class:`Report`. The rules and their codes are listed in
README.md beside this file.
"""

from hiring.rules.engine import Report, TextAnalysis, analyse_text, check_posting
from hiring.rules.findings import Finding, Severity, Subject
from hiring.rules.settings import Thresholds

__all__ = [
    "Finding",
    "Report",
    "Severity",
    "Subject",
    "TextAnalysis",
    "Thresholds",
    "analyse_text",
    "check_posting",
]
