"""Findings: what a rule reports, shaped like a Django system check message."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

# Character offsets move whenever text above a word is edited; an acknowledged language
# finding should only reopen when the words themselves change, so offsets stay out of the
# fingerprint.
UNSTABLE_EVIDENCE_KEYS = frozenset({"positions"})

SUBJECT_KINDS = frozenset({"posting", "skill", "responsibility", "criterion", "text"})
UNKNOWN_SUBJECT_KIND = "Unknown subject kind {kind!r}."


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Subject:
    """What a finding is about: the posting, one of its rows, or a stretch of its text."""

    kind: str
    id: int | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in SUBJECT_KINDS:
            raise ValueError(UNKNOWN_SUBJECT_KIND.format(kind=self.kind))


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    hint: str
    subject: Subject
    evidence: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", MappingProxyType(dict(self.evidence)))

    @property
    def fingerprint(self) -> str:
        """Stable id of this finding's substance, used to reopen an acknowledged finding."""
        stable = {k: v for k, v in self.evidence.items() if k not in UNSTABLE_EVIDENCE_KEYS}
        payload = json.dumps(
            {
                "code": self.code,
                "subject": [self.subject.kind, self.subject.id, self.subject.label],
                "evidence": stable,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready form, for the API and for storing a snapshot of findings."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
            "subject": {
                "kind": self.subject.kind,
                "id": self.subject.id,
                "label": self.subject.label,
            },
            "evidence": dict(self.evidence),
            "fingerprint": self.fingerprint,
        }


def sort_key(finding: Finding) -> tuple[int, str, str, str]:
    """Errors first, then by code; the rest only makes the order deterministic."""
    return (finding.severity.rank, finding.code, finding.subject.label, finding.fingerprint)


def number(value: Decimal | int | float) -> int | float:
    """A JSON number for evidence: Decimal is not JSON-serialisable."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
