"""What the engine works out once per check and hands to every rule."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from hiring.rules.findings import Finding
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Posting
from hiring.rules.vectors import Lean


@dataclass(frozen=True, slots=True)
class Context:
    """``today`` decides which pay-transparency laws are in force and how old a tool is."""

    today: datetime.date
    vector: Mapping[str, float] = field(default_factory=dict)
    lean: Lean | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "vector", MappingProxyType(dict(self.vector)))


type Rule = Callable[[Posting, Catalog, Thresholds, Context], Iterable[Finding]]
