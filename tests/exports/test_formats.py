"""What each format contains, and what the candidate-facing ones never contain."""

import json
import re
import shutil
import subprocess

import pytest
from django.test.signals import template_rendered
from PIL import Image, ImageStat

from hiring import exports
from hiring.exports import FORMATS, ExportError
from hiring.exports.errors import NO_RUBRIC, UNKNOWN_FORMAT, VERSION_NOT_FOUND
from hiring.findings.selectors import posting_analysis
from hiring.models import JobPosting, Rubric
from hiring.postings.selectors import posting_item
from hiring.postings.workflow import posting_revise

from . import pdfs
from .conftest import png

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pdf-letter": "application/pdf",
    "packet": "application/pdf",
    "kit": "application/pdf",
    "markdown": "text/markdown; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "jsonld": "application/ld+json",
}
FILENAMES = {
    "html": "senior-data-scientist-v1.html",
    "pdf": "senior-data-scientist-v1.pdf",
    "pdf-letter": "senior-data-scientist-v1-letter.pdf",
    "packet": "senior-data-scientist-v1-approved-packet.pdf",
    "kit": "senior-data-scientist-v1-interview-kit.pdf",
    "markdown": "senior-data-scientist-v1.md",
    "text": "senior-data-scientist-v1.txt",
    "jsonld": "senior-data-scientist-v1.jsonld",
}


def text_of(exported) -> str:
    if exported.content_type == "application/pdf":
        return pdfs.text(exported.content)
    return exported.content.decode("utf-8")


def first_responsibility(posting) -> str:
    return posting.responsibilities.first().display_text


def first_must_have(posting) -> str:
    """The sentence of the first must-have, as candidates read it (not the skill's name)."""
    [skill, *_] = [row for row in posting_item(posting=posting)["skills"] if row["must_have"]]
    assert skill["display_requirement"] != skill["name"]
    return skill["display_requirement"]


def finding_messages(posting) -> list[str]:

    return [row.finding.message for row in posting_analysis(posting=posting).rows]


def test_it_offers_every_format_the_issue_names():
    assert set(FORMATS) == set(CONTENT_TYPES)


@pytest.mark.parametrize("name", list(CONTENT_TYPES))
def test_it_names_and_types_each_file(published, name):
    exported = exports.export(published, name)
    assert exported.filename == FILENAMES[name]
    assert exported.content_type == CONTENT_TYPES[name]
    assert exported.content
    assert re.fullmatch(r"[0-9a-f]{64}", exported.etag)


@pytest.mark.parametrize("name", ["html", "pdf", "pdf-letter", "packet", "markdown", "text"])
def test_it_puts_the_title_pay_responsibilities_and_must_haves_in_each_posting(published, name):
    content = text_of(exports.export(published, name))
    assert "Senior Data Scientist" in content
    assert "USD 150,000 – 175,000 per year" in content
    assert first_responsibility(published) in content.replace("&amp;", "&")
    assert first_must_have(published) in content.replace("&amp;", "&").replace("\\", "")
    assert "Health, dental and vision cover" in content
    assert "https://jobs.acme.example/ds-senior" in content


@pytest.mark.parametrize("name", ["html", "pdf", "pdf-letter", "markdown", "text", "jsonld"])
def test_it_never_shows_findings_the_chart_or_the_rubric_to_candidates(published, name):
    content = text_of(exports.export(published, name))
    messages = finding_messages(published)
    assert messages, "the fixture should have findings for this test to mean anything"
    for message in messages:
        assert message not in content
    assert "Findings" not in content
    assert "Reads " not in content  # the role-lean chart's headline
    criterion = published.published_version.snapshot["rubric"][0]
    assert criterion["questions"][0] not in content
    assert "Strong yes" not in content


def test_it_puts_posting_rubric_findings_and_chart_in_the_packet(published):
    content = pdfs.text(exports.export(published, "packet").content)
    assert "hiring-manager packet" in content.lower()
    assert "Senior Data Scientist" in content
    assert first_responsibility(published) in content
    assert "Interview rubric" in content
    assert published.published_version.snapshot["rubric"][0]["questions"][0] in content
    for message in finding_messages(published):
        assert message in content
    assert re.search(r"Reads \d+% Data Scientist", content)
    assert "Sign-off" in content


def test_it_gives_interviewers_each_stage_with_questions_anchors_and_a_score_sheet(published):
    content = pdfs.text(exports.export(published, "kit").content)
    rubric = published.published_version.snapshot["rubric"]
    stages = {row["stage"] for row in rubric}
    labels = dict(exports.display.STAGE_LABELS)
    for stage in stages:
        assert f"{labels[stage]} stage" in content
        assert f"Score sheet: {labels[stage]} stage" in content
    for row in rubric:
        assert row["questions"][0] in content
        # Anchors wrap anywhere in their narrow cells: compare without whitespace.
        assert "".join(row["anchors"]["Strong yes"].split()) in "".join(content.split())
    assert content.count("Notes:") == len(rubric)
    for message in finding_messages(published):
        assert message not in content


def test_it_refuses_an_interview_kit_without_a_rubric(posting):
    Rubric.objects.filter(posting=posting).delete()
    with pytest.raises(ExportError) as error:
        exports.export(posting, "kit", draft=True)
    assert str(error.value) == NO_RUBRIC.format(title=posting.title)


@pytest.mark.parametrize(
    ("name", "size", "title"),
    [
        ("pdf", A4, "Senior Data Scientist – Acme Analytics"),
        ("pdf-letter", LETTER, "Senior Data Scientist – Acme Analytics"),
        ("packet", A4, "Hiring-manager packet: Senior Data Scientist – Acme Analytics"),
        ("kit", A4, "Interview kit: Senior Data Scientist – Acme Analytics"),
    ],
)
def test_it_sets_paper_title_language_and_tags_of_each_pdf(published, name, size, title):
    content = exports.export(published, name).content
    reader = pdfs.reader(content)
    catalog = reader.trailer["/Root"]
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.5)
    assert reader.metadata.title == title
    assert catalog["/Lang"] == "en-US"
    # PDF/UA-1: tagged, with a structure tree, the title shown, and the claim in XMP.
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()


def test_it_numbers_the_pages(published):
    content = exports.export(published, "packet").content
    pages = len(pdfs.reader(content).pages)
    assert pages > 1
    assert f"Page 1 of {pages}" in pdfs.page_text(content, 1)
    assert f"Page {pages} of {pages}" in pdfs.page_text(content, pages)


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)
def test_it_renders_a_first_page_that_is_not_blank_and_has_the_title(published, tmp_path):
    content = exports.export(published, "pdf").content
    (tmp_path / "posting.pdf").write_bytes(content)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            "posting.pdf",
            "page",
        ],
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    with Image.open(tmp_path / "page.png") as image:
        variance = ImageStat.Stat(image.convert("L")).var[0]
    assert variance > 100, "the rendered page is (nearly) blank"
    assert "Senior Data Scientist" in pdfs.page_text(content, 1)


def test_it_makes_a_standalone_branded_web_page_with_the_job_posting_markup(
    published, set_logo, acme
):
    acme.brand_colour = "#0f766e"
    acme.save()
    set_logo(acme, png())
    html = exports.export(published, "html").content.decode()
    assert html.startswith("<!doctype html>")
    assert '<html lang="en-US">' in html
    assert '<meta name="viewport"' in html
    assert "@media print" in html and "@media (max-width" in html
    assert "--brand: #0f766e" in html
    assert 'src="data:image/png;base64,' in html
    # Nothing to fetch: no external stylesheet, script or image.
    assert not re.search(r"<(link|script)[^>]+(href|src)=", html)
    assert not re.search(r'<img[^>]+src="(?!data:)', html)
    [payload] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(payload)
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Senior Data Scientist"


def test_it_renders_recruiter_markdown_as_html_lists_and_emphasis(published):
    html = exports.export(published, "html").content.decode()
    assert "<strong>experimentation programme</strong>" in html
    assert "<li>25 days of holiday</li>" in html


def test_it_keeps_markdown_for_job_boards_and_plain_text_for_email(published):
    markdown = exports.export(published, "markdown").content.decode()
    text = exports.export(published, "text").content.decode()
    assert markdown.startswith("# Senior Data Scientist\n")
    assert "**experimentation programme**" in markdown
    assert "## What you will do" in markdown
    assert text.startswith("Senior Data Scientist\n=====================\n")
    assert "experimentation programme of our" in text
    assert "**" not in text


TAGGED = '<img src="x" onerror="alert(1)">'


def test_it_shows_one_line_fields_and_plain_text_without_the_tags_typed_into_them(posting):
    JobPosting.objects.filter(pk=posting.pk).update(
        title=f"Senior <b>Data</b> Scientist{TAGGED} &amp; R&amp;D",
        locations=f"<i>Denver</i>{TAGGED}, CO, US",
        benefits=f"- <b>Health</b> cover{TAGGED}<script>alert(2)</script>",
    )
    row = posting.responsibilities.first()
    row.text = f"Run <em>experiments</em>{TAGGED}"
    row.save()
    text = exports.export(posting, "text", draft=True).content.decode()
    page = exports.export(posting, "html", draft=True).content.decode()
    markdown = exports.export(posting, "markdown", draft=True).content.decode()
    assert text.startswith("Senior Data Scientist & R&D\n")
    assert "- Run experiments\n" in text
    assert "- Health cover\n" in text
    assert "Denver, CO, US" in text
    assert "<" not in text and "alert" not in text
    assert '<h1 class="title">Senior Data Scientist &amp; R&amp;D</h1>' in page
    assert "<li>Run experiments</li>" in page
    assert "&lt;" not in page and "alert" not in page
    assert markdown.startswith("# Senior Data Scientist & R&D\n")
    assert "- Run experiments\n" in markdown
    assert "alert" not in markdown


def test_it_exports_the_published_version_not_the_draft_in_progress(published, recruiter):
    posting_revise(posting=published, by=recruiter)
    JobPosting.objects.filter(pk=published.pk).update(title="Staff Data Scientist (draft)")

    live = exports.export(published, "markdown")
    draft = exports.export(published, "markdown", draft=True)

    assert live.filename == "senior-data-scientist-v1.md"
    assert "Senior Data Scientist" in live.content.decode()
    assert "Staff Data Scientist (draft)" not in live.content.decode()
    assert draft.filename == "staff-data-scientist-draft-draft.md"
    assert "Staff Data Scientist (draft)" in draft.content.decode()


def test_it_exports_an_earlier_version_when_asked(published, recruiter, hiring_manager, publish):
    posting_revise(posting=published, by=recruiter)
    JobPosting.objects.filter(pk=published.pk).update(title="Lead Data Scientist")
    republished, _ = publish(JobPosting.objects.get(pk=published.pk))

    assert exports.export(republished, "markdown").filename == "lead-data-scientist-v2.md"
    first = exports.export(republished, "markdown", version=1)
    assert first.filename == "senior-data-scientist-v1.md"
    with pytest.raises(ExportError) as error:
        exports.export(republished, "markdown", version=7)
    assert str(error.value) == VERSION_NOT_FOUND.format(title="Lead Data Scientist", number=7)


def test_it_names_a_draft_export_after_the_title_and_draft(posting):
    assert exports.export(posting, "pdf").filename == "senior-data-scientist-draft.pdf"


def test_it_refuses_an_unknown_format(published):
    with pytest.raises(ExportError) as error:
        exports.export(published, "docx")
    assert str(error.value) == UNKNOWN_FORMAT.format(name="docx", choices=", ".join(FORMATS))


@pytest.mark.parametrize("name", list(CONTENT_TYPES))
def test_it_declares_every_template_a_format_renders_for_the_cache_key(published, name):
    rendered = []

    def record(sender, template, context, **kwargs):
        if "/" in (template.name or ""):
            rendered.append(template.name)

    template_rendered.connect(record)
    try:
        exports.export(published, name)
    finally:
        template_rendered.disconnect(record)
    assert set(rendered) <= set(FORMATS[name].templates)
