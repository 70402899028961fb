"""Where the job is, and how remote."""

from __future__ import annotations

import re

from hiring.rules.regions import COUNTRY_TERMS, US_STATES

_HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
_REMOTE = re.compile(
    r"(?<!not )(?<!no )(?<!non-)\b(?:fully[- ]remote|remote[- ]first|remote)\b", re.IGNORECASE
)
_LOCATION_LINE = re.compile(r"^\s*(?:locations?|based in)\s*(?::|-|\u2013)\s*(.+)$", re.I | re.M)
_CITY_STATE = re.compile(r"\b([A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+){0,2}), ([A-Z]{2})\b")
_REMOTE_IN = re.compile(r"\bremote\s*\(\s*([A-Za-z .]+?)\s*\)", re.IGNORECASE)
# "Seattle, WA (hybrid)": the policy in brackets is not part of the place.
_POLICY_NOTE = re.compile(r"\s*\((?:hybrid|on-?site|in[- ]office)[^)]*\)", re.IGNORECASE)
_SPLIT_LOCATIONS = re.compile(r"\s*(?:;|\||/| or |\band\b)\s*")
_PLACE_NAMES = tuple(
    sorted(
        {t for terms in COUNTRY_TERMS.values() for t in terms if len(t) > 3 and "." not in t},
        key=len,
        reverse=True,
    )
)
# One pass over the text finds every known place; the loop below keeps the longest-first order.
_ANY_PLACE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(n) for n in _PLACE_NAMES) + r")(?![\w])"
)


def remote_policy(text: str) -> str:
    if _HYBRID.search(text):
        return "hybrid"
    if _REMOTE.search(text):
        return "remote"
    return "onsite"


def locations(text: str) -> tuple[str, ...]:
    """Locations from a "Location:" line, else "City, ST", "Remote (US)" and known places."""
    found: list[str] = []
    line = _LOCATION_LINE.search(text)
    if line:
        places = _POLICY_NOTE.sub("", line.group(1))
        found += [p.strip(" .") for p in _SPLIT_LOCATIONS.split(places) if p.strip(" .")]
    else:
        found += [m.group() for m in _REMOTE_IN.finditer(text)]
        found += [m.group() for m in _CITY_STATE.finditer(text) if m.group(2).lower() in US_STATES]
        lowered = text.lower()
        first_at: dict[str, int] = {}
        for at in _ANY_PLACE.finditer(lowered):
            first_at.setdefault(at.group(), at.start())
        for name in _PLACE_NAMES:
            start = first_at.get(name)
            if start is not None and not any(name in f.lower() for f in found):
                found.append(text[start : start + len(name)])
    return tuple(dict.fromkeys(found))
