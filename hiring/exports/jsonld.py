"""schema.org `JobPosting` JSON-LD for job boards, and a validator for Google's rules.

Job boards read `description` as HTML and every other property as text: the description is
built from sanitised HTML, every other string is PostingView's plain text.

The vocabulary constants are schema.org v30's; the rules are Google's job-posting
structured-data rules (tests/exports/reference holds the sources they were taken from).
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import escape

from . import markup
from .display import PostingView
from .document import Document

CONTEXT = "https://schema.org/"

# schema.org v30 JobPosting properties, and those every Thing has.
JOBPOSTING_PROPERTIES = frozenset(
    {
        "applicantLocationRequirements",
        "applicationContact",
        "baseSalary",
        "benefits",
        "datePosted",
        "directApply",
        "educationRequirements",
        "eligibilityToWorkRequirement",
        "employerOverview",
        "employmentType",
        "employmentUnit",
        "estimatedSalary",
        "experienceInPlaceOfEducation",
        "experienceRequirements",
        "hiringOrganization",
        "incentiveCompensation",
        "incentives",
        "industry",
        "jobBenefits",
        "jobDuration",
        "jobImmediateStart",
        "jobLocation",
        "jobLocationType",
        "jobStartDate",
        "occupationalCategory",
        "physicalRequirement",
        "qualifications",
        "relevantOccupation",
        "responsibilities",
        "salaryCurrency",
        "securityClearanceRequirement",
        "sensoryRequirement",
        "skills",
        "specialCommitments",
        "title",
        "totalJobOpenings",
        "validThrough",
        "workHours",
    }
)
THING_PROPERTIES = frozenset(
    {
        "additionalType",
        "alternateName",
        "description",
        "disambiguatingDescription",
        "identifier",
        "image",
        "mainEntityOfPage",
        "name",
        "potentialAction",
        "sameAs",
        "subjectOf",
        "url",
    }
)
MONETARY_AMOUNT_PROPERTIES = frozenset(
    {"currency", "maxValue", "minValue", "validFrom", "validThrough", "value"}
)
QUANTITATIVE_VALUE_PROPERTIES = frozenset(
    {"maxValue", "minValue", "unitCode", "unitText", "value", "valueReference"}
)
EXPERIENCE_PROPERTIES = frozenset({"monthsOfExperience"})
# The object types a JobPosting property accepts, as (value @type -> accepted range types).
RANGES = {
    "applicantLocationRequirements": {"AdministrativeArea"},
    "baseSalary": {"MonetaryAmount", "PriceSpecification"},
    "educationRequirements": {"EducationalOccupationalCredential"},
    "experienceRequirements": {"OccupationalExperienceRequirements"},
    "hiringOrganization": {"Organization", "Person"},
    "jobLocation": {"Place"},
    "qualifications": {"Credential"},
    "relevantOccupation": {"Occupation"},
    "identifier": {"PropertyValue"},
}
SUPERTYPES = {
    "Country": {"AdministrativeArea", "Place"},
    "State": {"AdministrativeArea", "Place"},
    "City": {"AdministrativeArea", "Place"},
    "AdministrativeArea": {"Place"},
    "Corporation": {"Organization"},
    "EducationalOccupationalCredential": {"Credential", "CreativeWork"},
    "UnitPriceSpecification": {"PriceSpecification"},
}

# Google's rules: required properties and case-sensitive enumerations.
REQUIRED = ("datePosted", "description", "hiringOrganization", "jobLocation", "title")
EMPLOYMENT_TYPES = frozenset(
    {
        "FULL_TIME",
        "PART_TIME",
        "CONTRACTOR",
        "TEMPORARY",
        "INTERN",
        "VOLUNTEER",
        "PER_DIEM",
        "OTHER",
    }
)
UNIT_TEXTS = frozenset({"HOUR", "DAY", "WEEK", "MONTH", "YEAR"})
TELECOMMUTE = "TELECOMMUTE"
NO_REQUIREMENTS = "no requirements"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")

# Problem codes; the messages are what a recruiter reads in an ExportError.
UNKNOWN_PROPERTY = ("jsonld.S001", "{path} is not a schema.org property of {type}.")
WRONG_RANGE = ("jsonld.S002", "{path} is a {value_type}; schema.org expects {expected}.")
MISSING = ("jsonld.G001", "{path} is required.")
BAD_EMPLOYMENT_TYPE = ("jsonld.G002", "{path} {value!r} is not one of {choices} (case-sensitive).")
SALARY_NOT_MONETARY = ("jsonld.G003", "{path} must be a MonetaryAmount with a currency.")
BAD_UNIT_TEXT = ("jsonld.G004", "{path} {value!r} is not one of {choices} (case-sensitive).")
TELECOMMUTE_NEEDS_COUNTRY = (
    "jsonld.G005",
    "{path} TELECOMMUTE needs applicantLocationRequirements naming at least one country.",
)
BAD_LOCATION_TYPE = ("jsonld.G006", "{path} {value!r}: the only value is TELECOMMUTE.")
EXPERIENCE_NOT_MONTHS = (
    "jsonld.G007",
    "{path} must be OccupationalExperienceRequirements with monthsOfExperience "
    "(or the text 'no requirements').",
)
DESCRIPTION_IS_TITLE = ("jsonld.G008", "{path} cannot be the same as the title.")
BAD_DATE = ("jsonld.G009", "{path} {value!r} is not an ISO 8601 date.")
EXPIRES_BEFORE_POSTED = ("jsonld.G010", "{path} is before datePosted.")
NOT_BOOLEAN = ("jsonld.G011", "{path} must be true or false.")
ORGANIZATION_WITHOUT_NAME = ("jsonld.G012", "{path} needs the company's name.")
REMOTE_NOT_STATED = (
    "jsonld.G013",
    "{path} must say that the job is remote when jobLocationType is TELECOMMUTE.",
)


@dataclass(frozen=True)
class Problem:
    code: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


def _problem(rule: tuple[str, str], path: str, **values) -> Problem:
    code, message = rule
    return Problem(code=code, path=path, message=message.format(path=path, **values))


# Building


def _number(value) -> int | float | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def parse_location(line: str) -> dict:
    """'Denver, CO, US' -> a PostalAddress; 'Berlin, DE' and 'US' work too."""
    parts = [part.strip() for part in markup.plain_text(line).split(",") if part.strip()]
    address: dict = {"@type": "PostalAddress"}
    if len(parts) >= 3:
        address["addressLocality"] = ", ".join(parts[:-2])
        address["addressRegion"], address["addressCountry"] = parts[-2], parts[-1]
    elif len(parts) == 2:
        address["addressLocality"], address["addressCountry"] = parts
    elif parts and re.fullmatch(r"[A-Za-z]{2}", parts[0]):
        address["addressCountry"] = parts[0].upper()
    elif parts:
        address["addressLocality"] = parts[0]
    return address


def description_html(view: PostingView) -> str:
    """The full job as the HTML Google reads: paragraphs and lists, no headings."""
    parts = []

    def section(heading: str, body: str) -> None:
        if body:
            parts.append(f"<p><strong>{escape(heading)}</strong></p>{body}")

    def bullets(items: list[str]) -> str:
        return (
            "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
            if items
            else ""
        )

    if view.is_remote:
        where = ", ".join(view.locations) or "anywhere"
        parts.append(f"<p>This is a fully remote job; you can work from {escape(where)}.</p>")
    source = view.snapshot
    parts.append(markup.html_for_job_boards(source.get("summary")))
    section("The team", markup.html_for_job_boards(source.get("team")))
    section("What you will do", bullets(view.responsibilities))
    requirements = bullets(view.must_haves)
    if view.experience:
        requirements += f"<p>{escape(view.experience)}</p>"
    section("What you bring", requirements)
    section("Nice to have", bullets(view.nice_to_haves))
    pay = f"<p>{escape(view.pay)}</p>" if view.pay else ""
    section(
        "Pay and benefits",
        pay
        + markup.html_for_job_boards(source.get("pay_statement"))
        + markup.html_for_job_boards(source.get("benefits")),
    )
    section(f"About {view.company}", markup.html_for_job_boards(view.about))
    contact = view.accommodations_contact
    section(
        "Equal opportunity",
        markup.html_for_job_boards(source.get("equal_opportunity"))
        + (
            f"<p>If you need an adjustment to apply or interview, contact {escape(contact)}.</p>"
            if contact
            else ""
        ),
    )
    return "".join(part for part in parts if part)


def jobposting(document: Document) -> dict:
    """The posting as schema.org JobPosting, following Google's job-posting rules."""
    view = PostingView(document)
    snapshot = document.snapshot
    data: dict = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": view.title,
        "description": description_html(view),
        "datePosted": document.date_posted.isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": view.company},
        "directApply": bool(view.apply_url),
    }
    if view.website:
        data["hiringOrganization"]["sameAs"] = view.website
    if view.about_text:
        data["hiringOrganization"]["description"] = view.about_text
        data["employerOverview"] = view.about_text
    if document.posting_id is not None:
        data["identifier"] = {
            "@type": "PropertyValue",
            "name": view.company,
            "value": str(document.posting_id),
        }
    if snapshot.get("employment_type") in EMPLOYMENT_TYPES:
        data["employmentType"] = snapshot["employment_type"]
    addresses = [parse_location(line) for line in view.locations]
    if view.is_remote:
        data["jobLocationType"] = TELECOMMUTE
        countries = sorted({a["addressCountry"] for a in addresses if "addressCountry" in a})
        if countries:
            data["applicantLocationRequirements"] = [
                {"@type": "Country", "name": country} for country in countries
            ]
    elif addresses:
        places = [{"@type": "Place", "address": address} for address in addresses]
        data["jobLocation"] = places[0] if len(places) == 1 else places
    salary = _base_salary(snapshot)
    if salary:
        data["baseSalary"] = salary
    years = snapshot.get("years_min")
    if years is not None:
        data["experienceRequirements"] = (
            {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 12 * int(years)}
            if years
            else NO_REQUIREMENTS
        )
    # Sentences, one a line: what the role requires, and every skill it names.
    if view.must_haves:
        data["qualifications"] = "\n".join(view.must_haves)
    if view.must_haves or view.nice_to_haves:
        data["skills"] = "\n".join([*view.must_haves, *view.nice_to_haves])
    if view.responsibilities:
        data["responsibilities"] = "\n".join(view.responsibilities)
    if view.benefits_text:
        data["jobBenefits"] = view.benefits_text
    if document.valid_through:
        data["validThrough"] = document.valid_through.isoformat()
    if document.url or view.apply_url:
        data["url"] = document.url or view.apply_url
    return data


def _base_salary(snapshot: dict) -> dict | None:
    low, high = _number(snapshot.get("salary_min")), _number(snapshot.get("salary_max"))
    if low is None and high is None:
        return None
    value: dict = {"@type": "QuantitativeValue", "unitText": snapshot.get("salary_period")}
    if low is not None and high is not None and low != high:
        value["minValue"], value["maxValue"] = low, high
    else:
        value["value"] = low if low is not None else high
    currency = markup.plain_text(snapshot.get("salary_currency")) or None
    return {"@type": "MonetaryAmount", "currency": currency, "value": value}


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def script_tag_json(data: dict) -> str:
    """JSON that cannot end its <script> element early, whatever the posting says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Validating


def _types(value) -> set[str]:
    kind = value.get("@type") if isinstance(value, dict) else None
    kinds = set(kind) if isinstance(kind, list) else {kind} if kind else set()
    for name in list(kinds):
        kinds |= SUPERTYPES.get(name, set())
    return kinds


def _items(value) -> list:
    return value if isinstance(value, list) else [value]


def schema_problems(data: dict) -> list[Problem]:
    """Properties and object types that schema.org v30 does not define for a JobPosting."""
    problems = []
    allowed = JOBPOSTING_PROPERTIES | THING_PROPERTIES
    for name, value in data.items():
        if name.startswith("@"):
            continue
        if name not in allowed:
            problems.append(_problem(UNKNOWN_PROPERTY, name, type="JobPosting"))
            continue
        for item in _items(value):
            if not isinstance(item, dict) or name not in RANGES:
                continue
            expected = RANGES[name]
            if not _types(item) & expected:
                problems.append(
                    _problem(
                        WRONG_RANGE,
                        name,
                        value_type=item.get("@type", "untyped object"),
                        expected=" or ".join(sorted(expected)),
                    )
                )
    salary = data.get("baseSalary")
    if isinstance(salary, dict) and "MonetaryAmount" in _types(salary):
        for key in salary:
            if not key.startswith("@") and key not in MONETARY_AMOUNT_PROPERTIES | THING_PROPERTIES:
                problems.append(
                    _problem(UNKNOWN_PROPERTY, f"baseSalary.{key}", type="MonetaryAmount")
                )
        value = salary.get("value")
        if isinstance(value, dict):
            for key in value:
                if (
                    not key.startswith("@")
                    and key not in QUANTITATIVE_VALUE_PROPERTIES | THING_PROPERTIES
                ):
                    problems.append(
                        _problem(
                            UNKNOWN_PROPERTY, f"baseSalary.value.{key}", type="QuantitativeValue"
                        )
                    )
    for item in _items(data.get("experienceRequirements")):
        if isinstance(item, dict):
            for key in item:
                if not key.startswith("@") and key not in EXPERIENCE_PROPERTIES | THING_PROPERTIES:
                    problems.append(
                        _problem(
                            UNKNOWN_PROPERTY,
                            f"experienceRequirements.{key}",
                            type="OccupationalExperienceRequirements",
                        )
                    )
    return problems


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value) is not None


def google_problems(data: dict) -> list[Problem]:
    """What Google's job-posting rules reject or flag in `data`."""
    problems = []
    remote = data.get("jobLocationType") == TELECOMMUTE
    for name in REQUIRED:
        if name == "jobLocation" and remote and data.get("applicantLocationRequirements"):
            continue
        if data.get(name) in (None, "", [], {}):
            problems.append(_problem(MISSING, name))
    for kind in _items(data.get("employmentType", [])):
        if kind not in EMPLOYMENT_TYPES:
            problems.append(
                _problem(
                    BAD_EMPLOYMENT_TYPE,
                    "employmentType",
                    value=kind,
                    choices=", ".join(sorted(EMPLOYMENT_TYPES)),
                )
            )
    if "baseSalary" in data:
        problems += _salary_problems(data["baseSalary"])
    location_type = data.get("jobLocationType")
    if location_type is not None and location_type != TELECOMMUTE:
        problems.append(_problem(BAD_LOCATION_TYPE, "jobLocationType", value=location_type))
    if remote:
        areas = [a for a in _items(data.get("applicantLocationRequirements") or []) if a]
        if not any("Country" in _types(area) and area.get("name") for area in areas):
            problems.append(_problem(TELECOMMUTE_NEEDS_COUNTRY, "jobLocationType"))
        if "remote" not in str(data.get("description", "")).lower():
            problems.append(_problem(REMOTE_NOT_STATED, "description"))
    if "experienceRequirements" in data:
        requirement = data["experienceRequirements"]
        months_ok = (
            isinstance(requirement, dict)
            and "OccupationalExperienceRequirements" in _types(requirement)
            and _is_number(requirement.get("monthsOfExperience"))
        )
        if not months_ok and requirement != NO_REQUIREMENTS:
            problems.append(_problem(EXPERIENCE_NOT_MONTHS, "experienceRequirements"))
    description, title = data.get("description"), data.get("title")
    if description and title and str(description).strip() == str(title).strip():
        problems.append(_problem(DESCRIPTION_IS_TITLE, "description"))
    for name in ("datePosted", "validThrough"):
        value = data.get(name)
        if value is not None and not (isinstance(value, str) and _ISO_DATE.match(value)):
            problems.append(_problem(BAD_DATE, name, value=value))
    posted, expires = data.get("datePosted"), data.get("validThrough")
    if (
        isinstance(posted, str)
        and isinstance(expires, str)
        and _ISO_DATE.match(posted)
        and _ISO_DATE.match(expires)
        and expires[:10] < posted[:10]
    ):
        problems.append(_problem(EXPIRES_BEFORE_POSTED, "validThrough"))
    if "directApply" in data and not isinstance(data["directApply"], bool):
        problems.append(_problem(NOT_BOOLEAN, "directApply"))
    organization = data.get("hiringOrganization")
    if isinstance(organization, dict) and not organization.get("name"):
        problems.append(_problem(ORGANIZATION_WITHOUT_NAME, "hiringOrganization"))
    return problems


def _salary_problems(salary) -> list[Problem]:
    if not (
        isinstance(salary, dict) and "MonetaryAmount" in _types(salary) and salary.get("currency")
    ):
        return [_problem(SALARY_NOT_MONETARY, "baseSalary")]
    value = salary.get("value")
    unit = value.get("unitText") if isinstance(value, dict) else None
    if unit not in UNIT_TEXTS:
        return [
            _problem(
                BAD_UNIT_TEXT,
                "baseSalary.value.unitText",
                value=unit,
                choices=", ".join(sorted(UNIT_TEXTS)),
            )
        ]
    return []


def problems(data: dict) -> list[Problem]:
    return schema_problems(data) + google_problems(data)
