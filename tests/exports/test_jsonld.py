"""schema.org JobPosting markup against Google's rules and schema.org v30's vocabulary."""

import dataclasses
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from hiring import exports
from hiring.exports import ExportError, jsonld
from hiring.exports.document import Branding, Document
from hiring.models import JobPosting

REFERENCE = Path(__file__).parent / "reference"


def reference(name: str):
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def official_examples() -> dict[str, dict]:
    examples = reference("schemaorg_jobposting_examples.json")["examples"]
    return {
        example["id"]: json.loads(re.sub(r"</?script[^>]*>", "", example["jsonld_raw"]))
        for example in examples
    }


def document(**snapshot) -> Document:
    """A minimal valid on-site posting; keyword arguments replace snapshot keys."""
    base = {
        "title": "Data Scientist",
        "summary": "Measure which campaigns work.",
        "locations": "Denver, CO, US",
        "remote_policy": "onsite",
        "employment_type": "FULL_TIME",
        "salary_min": "120000.00",
        "salary_max": "140000.00",
        "salary_currency": "USD",
        "salary_period": "YEAR",
        "years_min": 3,
        "years_max": 5,
        "skills": [{"name": "SQL", "must_have": True}],
        "responsibilities": [{"text": "Run experiments"}],
        "apply_url": "",
    }
    base.update(snapshot)
    return Document(
        posting_id=7,
        snapshot=base,
        branding=Branding(name="Acme Analytics", website="https://acme.example"),
        version=2,
        date_posted=date(2026, 3, 2),
    )


def codes(problems) -> set[str]:
    return {problem.code for problem in problems}


# The official examples: valid schema.org, and what Google's rules would still ask of them.

OFFICIAL = [
    # (example, codes Google reports, properties reported missing)
    (
        "#eg-0028",
        {"jsonld.G001", "jsonld.G002", "jsonld.G003", "jsonld.G007"},
        {"hiringOrganization"},
    ),
    (
        "#eg-0268",
        {"jsonld.G001"},
        {"datePosted", "description", "hiringOrganization", "jobLocation", "title"},
    ),
    (
        "#eg-0251",
        {"jsonld.G001"},
        {"datePosted", "description", "jobLocation", "title"},
    ),
    (
        "#eg-0465",
        {"jsonld.G001"},
        {"datePosted", "description", "hiringOrganization", "jobLocation"},
    ),
    (
        "#eg-0280",
        {"jsonld.G001"},
        {"datePosted", "description", "hiringOrganization", "jobLocation"},
    ),
]


@pytest.mark.parametrize(("example_id", "expected", "missing"), OFFICIAL)
def test_it_reads_the_official_examples_as_schema_org_and_lists_what_google_would_ask(
    example_id, expected, missing
):
    example = official_examples()[example_id]
    assert jsonld.schema_problems(example) == []
    problems = jsonld.google_problems(example)
    assert codes(problems) == expected
    assert {p.path for p in problems if p.code == "jsonld.G001"} == missing


def test_it_checks_every_official_example():
    assert set(official_examples()) == {example for example, _, _ in OFFICIAL}


def test_it_knows_the_same_jobposting_properties_as_schema_org_v30():
    properties = reference("schemaorg_v30_jobposting_properties.json")
    assert {p["name"] for p in properties["JobPosting"]["properties"]} == (
        jsonld.JOBPOSTING_PROPERTIES
    )
    assert {p["name"] for p in properties["MonetaryAmount"]["properties"]} == (
        jsonld.MONETARY_AMOUNT_PROPERTIES
    )
    assert {
        p["name"] for p in properties["OccupationalExperienceRequirements"]["properties"]
    } == jsonld.EXPERIENCE_PROPERTIES


def test_it_requires_what_google_requires():
    rules = reference("google_jobposting_rules.json")
    assert {rule["property"] for rule in rules["required"]} == set(jsonld.REQUIRED)
    enumerations = {r["property"]: r["rule"] for r in rules["conditional_or_recommended"]}
    for value in jsonld.EMPLOYMENT_TYPES:
        assert value in enumerations["employmentType"]
    salary_rule = next(
        r for r in rules["conditional_or_recommended"] if r["property"] == "baseSalary"
    )
    for value in jsonld.UNIT_TEXTS:
        assert value in salary_rule["rule"]


# Our own markup


def test_it_writes_markup_with_every_required_property_and_no_problem():
    data = jsonld.jobposting(document())
    assert jsonld.problems(data) == []
    for name in jsonld.REQUIRED:
        assert data[name]
    assert data["@context"] == "https://schema.org/"
    assert data["datePosted"] == "2026-03-02"
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Acme Analytics",
        "sameAs": "https://acme.example",
    }
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Denver",
            "addressRegion": "CO",
            "addressCountry": "US",
        },
    }
    assert "validThrough" not in data


def test_it_gives_pay_as_a_monetary_amount_with_a_unit():
    assert jsonld.jobposting(document())["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "YEAR",
            "minValue": 120000,
            "maxValue": 140000,
        },
    }


@pytest.mark.parametrize(
    ("low", "high", "value"),
    [
        ("45.50", None, {"value": 45.5}),
        (None, "90000", {"value": 90000}),
        ("10", "10", {"value": 10}),
    ],
)
def test_it_gives_a_single_figure_as_value(low, high, value):
    data = jsonld.jobposting(document(salary_min=low, salary_max=high, salary_period="HOUR"))
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "HOUR",
        **value,
    }
    assert jsonld.problems(data) == []


def test_it_leaves_pay_out_when_there_is_none():
    data = jsonld.jobposting(document(salary_min=None, salary_max=None))
    assert "baseSalary" not in data
    assert jsonld.problems(data) == []


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (3, {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 36}),
        (0, "no requirements"),
        (None, None),
    ],
)
def test_it_gives_experience_in_months(years, expected):
    data = jsonld.jobposting(document(years_min=years))
    assert data.get("experienceRequirements") == expected
    assert jsonld.problems(data) == []


def test_it_marks_a_fully_remote_job_as_telecommute_with_the_countries_applicants_may_live_in():
    data = jsonld.jobposting(
        document(remote_policy="remote", locations="Denver, CO, US\nToronto, ON, CA\nUS")
    )
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "CA"},
        {"@type": "Country", "name": "US"},
    ]
    assert "jobLocation" not in data
    assert "fully remote" in data["description"]
    assert jsonld.problems(data) == []


@pytest.mark.parametrize("policy", ["onsite", "hybrid"])
def test_it_never_marks_an_office_or_hybrid_job_as_telecommute(policy):
    data = jsonld.jobposting(document(remote_policy=policy))
    assert "jobLocationType" not in data
    assert "applicantLocationRequirements" not in data
    assert data["jobLocation"]


def test_it_refuses_job_board_markup_google_would_reject(posting):
    JobPosting.objects.filter(pk=posting.pk).update(remote_policy="remote", locations="")
    with pytest.raises(ExportError) as error:
        exports.export(posting, "jsonld", draft=True)
    assert "TELECOMMUTE needs applicantLocationRequirements" in str(error.value)
    # The web page is still made, without the markup.
    html = exports.export(posting, "html", draft=True).content.decode()
    assert "application/ld+json" not in html


def test_it_applies_directly_only_with_an_application_link():
    assert jsonld.jobposting(document())["directApply"] is False
    data = jsonld.jobposting(document(apply_url="https://jobs.acme.example/1"))
    assert data["directApply"] is True
    assert data["url"] == "https://jobs.acme.example/1"


def test_it_dates_a_published_posting_from_its_version_and_a_draft_from_today(published, posting):
    data = json.loads(exports.export(published, "jsonld").content)
    assert (
        data["datePosted"] == timezone.localdate(published.published_version.created_at).isoformat()
    )
    other = json.loads(exports.export(posting, "jsonld", draft=True).content)
    assert other["datePosted"] == timezone.localdate().isoformat()


def test_it_describes_the_whole_job_in_html_without_headings():
    description = jsonld.jobposting(document(summary="# Hello\n\nWe *measure* things."))[
        "description"
    ]
    assert "<em>measure</em>" in description
    assert "<li>Run experiments</li>" in description
    assert "<li>SQL</li>" in description
    assert not re.search(r"<h\d", description)


def test_it_cannot_be_broken_out_of_its_script_element():
    # Every field but the HTML description is plain text by now; the escaping must hold
    # for any string all the same.
    data = jsonld.jobposting(document()) | {"title": "</script><script>alert(1)</script>"}
    embedded = jsonld.script_tag_json(data)
    assert "</script>" not in embedded and "<" not in embedded
    assert json.loads(embedded)["title"] == "</script><script>alert(1)</script>"


# Recruiter HTML: only the description is HTML, and it is sanitised; the rest is plain text.

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">'


class Markup(HTMLParser):
    """Every tag and comment in a string, as a consumer reading it as HTML sees them."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(f"<{tag} {attrs}>")

    def handle_endtag(self, tag):
        self.found.append(f"</{tag}>")

    def handle_comment(self, data):
        self.found.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.found.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.found.append(f"<?{data}>")


def markup_in(text: str) -> list[str]:
    parser = Markup()
    parser.feed(text)
    parser.close()
    return parser.found


def strings(value, path=""):
    """(path, string) for every string in a JSON-LD value."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}[{index}]")


DESCRIPTION_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "code"}


def unsafe_description(description: str) -> list[str]:
    """Tags and attributes in the description beyond what Google reads and we allow."""
    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in DESCRIPTION_TAGS:
                found.append(f"<{tag}>")
            for name, value in attrs:
                if (tag, name) == ("a", "href") and re.match(r"(https?|mailto):", value or ""):
                    continue
                if (tag, name, value) == ("a", "rel", "noopener noreferrer nofollow"):
                    continue
                found.append(f"<{tag} {name}={value!r}>")

    Tags().feed(description)
    return found


def hostile_document(**branding) -> Document:
    base = document(
        title=f"{HOSTILE}Senior <b>Data</b> Scientist &amp; R&amp;D lead",
        summary=f"We <em>measure</em> things.{HOSTILE}\n\n<iframe src=http://evil.example>",
        team=f"<style>p{{}}</style>Five <u>people</u>{HOSTILE}",
        benefits=f"- **Health** <i>cover</i>{HOSTILE}\n- 25 days &amp; more &lt;img src=y&gt;",
        locations=f"<b>Denver</b>{HOSTILE}, <i>CO</i>, US<!-- x -->",
        salary_currency="<b>USD</b>",
        responsibilities=[{"text": f"Run <strong>experiments</strong>{HOSTILE}"}],
        skills=[{"name": f"<code>SQL</code>{HOSTILE}", "must_have": True}],
    )
    fields = {"name": f"Acme{HOSTILE} <i>Analytics</i>", "about": HOSTILE} | branding
    return dataclasses.replace(base, branding=dataclasses.replace(base.branding, **fields))


def test_it_writes_every_field_but_the_description_as_plain_text():
    data = jsonld.jobposting(hostile_document())
    for path, value in strings(data):
        if path != "description":
            assert markup_in(value) == [], path


def test_it_keeps_the_words_of_each_plain_text_field_and_decodes_entities():
    data = jsonld.jobposting(hostile_document())
    assert data["title"] == "Senior Data Scientist & R&D lead"
    assert data["responsibilities"] == "Run experiments"
    assert data["skills"] == "SQL"
    assert data["jobBenefits"] == "- Health cover\n- 25 days & more"
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Denver",
        "addressRegion": "CO",
        "addressCountry": "US",
    }
    assert data["hiringOrganization"]["name"] == "Acme Analytics"
    assert data["baseSalary"]["currency"] == "USD"
    assert jsonld.problems(data) == []


def test_it_writes_the_description_as_sanitised_html():
    description = jsonld.jobposting(hostile_document())["description"]
    assert unsafe_description(description) == []
    assert "<em>measure</em>" in description
    assert "<li>Run experiments</li>" in description
    assert "alert(" not in description


def test_it_gives_the_countries_of_a_remote_job_as_plain_text():
    data = jsonld.jobposting(
        document(remote_policy="remote", locations="Toronto, ON, <b>CA</b>\n<i>US</i>")
    )
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "CA"},
        {"@type": "Country", "name": "US"},
    ]


HTML_PIECES = [
    "<", ">", "&", ";", "#", "lt", "amp", "&lt;", "&gt;", "&amp;", "&#60;", "&#x3c;", "<b>",
    "</b>", "<img src=x onerror=alert(1)>", "<script>", "</script>", "<style>", "<!--", "-->",
    "<![CDATA[", "]]>", "<?x?>", "<!x>", ",", " ", "\n", "*", "[", "](", ")", "- ", "`",
]  # fmt: skip
htmlish = st.lists(st.one_of(st.sampled_from(HTML_PIECES), st.text(max_size=3)), max_size=20).map(
    "".join
)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text=htmlish, other=htmlish)
def test_it_never_writes_markup_outside_a_sanitised_description(text, other):
    data = jsonld.jobposting(
        document(
            title=text,
            summary=other,
            benefits=text,
            locations=f"{text}, {other}, US",
            salary_currency=other,
            responsibilities=[{"text": text}],
            skills=[{"name": other, "must_have": True}],
        )
    )
    for path, value in strings(data):
        if path != "description":
            assert markup_in(value) == [], path
    assert unsafe_description(data["description"]) == []


# Each rule of the validator, with the case that passes.

VALID = jsonld.jobposting(document())


def changed(**values) -> dict:
    data = json.loads(json.dumps(VALID))
    for key, value in values.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


RULES = [
    ("valid", changed(), set()),
    ("no title", changed(title=None), {"jsonld.G001"}),
    ("no datePosted", changed(datePosted=None), {"jsonld.G001"}),
    ("lower-case employment type", changed(employmentType="full_time"), {"jsonld.G002"}),
    ("list of employment types", changed(employmentType=["FULL_TIME", "PART_TIME"]), set()),
    ("salary as text", changed(baseSalary="100000"), {"jsonld.G003"}),
    (
        "salary without unit",
        changed(baseSalary={"@type": "MonetaryAmount", "currency": "USD", "value": 10}),
        {"jsonld.G004"},
    ),
    (
        "lower-case unit",
        changed(
            baseSalary={
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {"@type": "QuantitativeValue", "value": 40, "unitText": "hour"},
            }
        ),
        {"jsonld.G004"},
    ),
    (
        "remote without country",
        changed(jobLocationType="TELECOMMUTE"),
        {"jsonld.G005", "jsonld.G013"},
    ),
    ("other location type", changed(jobLocationType="HYBRID"), {"jsonld.G006"}),
    ("experience as text", changed(experienceRequirements="3 years"), {"jsonld.G007"}),
    ("description is the title", changed(description="Data Scientist"), {"jsonld.G008"}),
    ("date not ISO", changed(datePosted="02/03/2026"), {"jsonld.G009"}),
    ("expired before posted", changed(validThrough="2026-01-01"), {"jsonld.G010"}),
    ("valid through later", changed(validThrough="2026-12-31T23:59:00+00:00"), set()),
    ("directApply as text", changed(directApply="yes"), {"jsonld.G011"}),
    (
        "organisation without name",
        changed(hiringOrganization={"@type": "Organization"}),
        {"jsonld.G012"},
    ),
    ("unknown property", changed(salary="lots"), {"jsonld.S001"}),
    (
        "wrong object type",
        changed(jobLocation={"@type": "Organization", "name": "x"}),
        {"jsonld.S002"},
    ),
    (
        "remote with a country and the word remote",
        changed(
            jobLocation=None,
            jobLocationType="TELECOMMUTE",
            applicantLocationRequirements={"@type": "Country", "name": "US"},
            description="A fully remote job measuring campaigns.",
        ),
        set(),
    ),
]


@pytest.mark.parametrize(("case", "data", "expected"), RULES, ids=[case for case, _, _ in RULES])
def test_it_reports_each_rule_it_knows(case, data, expected):
    assert codes(jsonld.problems(data)) == expected
