"""Map free-text locations ("Denver, CO", "Remote (US)", "Bengaluru") to ISO country codes.

Salary bands are kept per region (an ISO 3166-1 alpha-2 code); a small table is enough for
the places our reference bands cover, and an unknown place simply has no region.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

US_STATES = {
    "al": "alabama", "ak": "alaska", "az": "arizona", "ar": "arkansas", "ca": "california",
    "co": "colorado", "ct": "connecticut", "de": "delaware", "dc": "district of columbia",
    "fl": "florida", "ga": "georgia", "hi": "hawaii", "id": "idaho", "il": "illinois",
    "in": "indiana", "ia": "iowa", "ks": "kansas", "ky": "kentucky", "la": "louisiana",
    "me": "maine", "md": "maryland", "ma": "massachusetts", "mi": "michigan",
    "mn": "minnesota", "ms": "mississippi", "mo": "missouri", "mt": "montana",
    "ne": "nebraska", "nv": "nevada", "nh": "new hampshire", "nj": "new jersey",
    "nm": "new mexico", "ny": "new york", "nc": "north carolina", "nd": "north dakota",
    "oh": "ohio", "ok": "oklahoma", "or": "oregon", "pa": "pennsylvania", "ri": "rhode island",
    "sc": "south carolina", "sd": "south dakota", "tn": "tennessee", "tx": "texas", "ut": "utah",
    "vt": "vermont", "va": "virginia", "wa": "washington", "wv": "west virginia",
    "wi": "wisconsin", "wy": "wyoming",
}  # fmt: skip

# Lowercase terms, matched on word boundaries. Cities are only the usual hiring hubs.
COUNTRY_TERMS: dict[str, tuple[str, ...]] = {
    "US": (
        "united states", "usa", "u.s.", "us",
        "new york city", "nyc", "san francisco", "bay area", "seattle", "boston", "austin",
        "chicago", "los angeles", "denver", "atlanta", "miami", "silicon valley",
        "mountain view", "palo alto", "menlo park", "sunnyvale", "san jose", "san diego",
        "washington dc", "washington, dc", "washington, d.c.", "brooklyn", "manhattan",
        "philadelphia", "pittsburgh", "portland", "minneapolis", "dallas", "houston",
    ),
    "IN": (
        "india", "bangalore", "bengaluru", "mumbai", "delhi", "new delhi", "ncr", "gurgaon",
        "gurugram", "noida", "hyderabad", "pune", "chennai", "kolkata", "ahmedabad",
    ),
    "GB": ("united kingdom", "uk", "england", "scotland", "london", "manchester", "edinburgh"),
    "CA": ("canada", "toronto", "vancouver", "montreal", "ottawa"),
    "DE": ("germany", "berlin", "munich", "hamburg", "frankfurt"),
    "FR": ("france", "paris"),
    "NL": ("netherlands", "amsterdam", "rotterdam"),
    "IE": ("ireland", "dublin"),
    "ES": ("spain", "madrid", "barcelona"),
    "PL": ("poland", "warsaw", "krakow"),
    "SG": ("singapore",),
    "AU": ("australia", "sydney", "melbourne"),
}  # fmt: skip

# "Austin, TX" / "Denver, CO 80202": a trailing two-letter state code after a comma.
_STATE_CODE = re.compile(r",\s*([A-Za-z]{2})\b(?:\s+\d{5})?\s*$")
# "Remote (US)", "Remote - India", "Remote, UK"
_REMOTE_IN = re.compile(r"remote\s*(?:\(|-|\u2013|,|:)\s*([^)]+?)\s*\)?\s*$", re.IGNORECASE)


def contains_term(text: str, term: str) -> bool:
    """Whether ``term`` appears in lowercase ``text`` with no letters or digits glued on."""
    return re.search(r"(?<![\w.])" + re.escape(term) + r"(?![\w])", text) is not None


def _code_in(text: str) -> str | None:
    for code, terms in COUNTRY_TERMS.items():
        if any(contains_term(text, term) for term in terms):
            return code
    return None


def us_state(location: str) -> str | None:
    """The full lowercase US state name a location names, if any."""
    match = _STATE_CODE.search(location)
    # "IN" is Indiana only when written as a state code; "Chennai, in" is not a state.
    if match and match.group(1).lower() in US_STATES and match.group(1).isupper():
        return US_STATES[match.group(1).lower()]
    lowered = location.lower()
    for name in US_STATES.values():
        if contains_term(lowered, name) and not (
            name == "washington" and contains_term(lowered, "washington, dc")
        ):
            return name
    return None


def region_of(location: str) -> str | None:
    """ISO country code for one location string, or None when it is not in the table."""
    remote = _REMOTE_IN.search(location)
    text = (remote.group(1) if remote else location).lower().strip()
    code = _code_in(text)
    if code is not None:
        return code
    if us_state(location) is not None:
        return "US"
    return None


# A location that names a whole country rather than a place in it, as remote postings do.
COUNTRY_NAMES = {
    "united states": "US", "usa": "US", "us": "US", "u.s.": "US", "u.s": "US",
    "united states of america": "US", "india": "IN", "united kingdom": "GB", "uk": "GB",
    "canada": "CA", "germany": "DE", "france": "FR", "netherlands": "NL", "ireland": "IE",
    "spain": "ES", "poland": "PL", "singapore": "SG", "australia": "AU",
}  # fmt: skip
_NOT_A_PLACE = re.compile(r"\b(?:remote|anywhere|in|the|only|based|fully)\b|[()\-\u2013,:/]")


def country_wide(location: str) -> str | None:
    """The country code when a location is a whole country ("Remote (US)", "USA only")."""
    rest = " ".join(_NOT_A_PLACE.sub(" ", location.lower()).split())
    return COUNTRY_NAMES.get(rest)


def regions_of(locations: Iterable[str]) -> tuple[str, ...]:
    """Distinct regions in the order the locations name them."""
    seen: list[str] = []
    for location in locations:
        code = region_of(location)
        if code is not None and code not in seen:
            seen.append(code)
    return tuple(seen)
