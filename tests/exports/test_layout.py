"""The candidate posting fills its pages the way a designer would: no near-empty last page
(one that would be is set again, compact, on one page fewer), no heading at the foot of a
page, and no page that opens on a section's last line.

WeasyPrint is slow, so each posting is laid out once for the whole module.
"""

import dataclasses
import re

import pytest
from django.conf import settings
from django.db import transaction

from hiring.demo import demo_load
from hiring.exports import FORMATS, HIRING_MANAGER, document_for
from hiring.exports import pdf as pdf_export
from hiring.models import Company, JobPosting
from hiring.postings.services import posting_create
from roles.models import EmphasisLevel, Level, Responsibility, RoleFamily

from . import pdfs
from .conftest import png

# The documents are built once for the module (below); the mark makes the run set up the
# test database, which pytest-django does only for the tests that declare it.
pytestmark = pytest.mark.django_db

HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
SECTIONS = ("About the role", "What you will do", "What you bring", "How to apply")
SHORT_SUMMARY = (
    "Build the forecasting models behind our pricing, and tell the business what they say."
)
LONG_SUMMARY = (
    "Own the experimentation programme of our recommendations product: design tests, read "
    "them honestly, and tell the product team what the data says. You will work with product "
    "managers, engineers and designers to decide which questions are worth answering, and "
    "with data engineers on the pipelines the answers come from.\n\n"
    "We care about decisions more than dashboards: a good week is one where a product team "
    "changed its plan because of something you showed them."
)
SHORT_BENEFITS = "Health cover; 25 days of holiday."
LONG_BENEFITS = (
    "- 30 days of paid holiday, plus public holidays\n"
    "- Private health cover for you and your family\n"
    "- A yearly learning budget of 2,000 EUR\n"
    "- Flexible hours and a home-office allowance\n"
    "- Parental leave of 20 weeks at full pay\n"
    "- A pension plan with 6% employer contribution"
)

# name: (skills, duties, summary, benefits, logo, the company's own texts)
CASES = {
    "short, no logo": (4, 3, SHORT_SUMMARY, SHORT_BENEFITS, False, False),
    # Laid out as it is, its last lines would spill onto a second page.
    "a few lines over one page": (4, 3, SHORT_SUMMARY, LONG_BENEFITS, True, False),
    "typical": (10, 5, SHORT_SUMMARY, SHORT_BENEFITS, True, True),
    "long lists": (14, 9, SHORT_SUMMARY, LONG_BENEFITS, False, True),
    "long texts": (8, 7, LONG_SUMMARY, LONG_BENEFITS, True, True),
    "long texts, no company texts": (8, 5, LONG_SUMMARY, LONG_BENEFITS, True, False),
    # Laid out as it is, its last section would open a third page.
    "a few lines over two pages": (12, 8, LONG_SUMMARY, LONG_BENEFITS, True, True),
}
# And two of the demo's postings, as `make run` shows them.
DEMO = ("Senior Data Scientist, Experimentation", "Machine Learning Engineer, Platform")
NAMES = [*CASES, *DEMO]
# The cases that spill, and the pages they are set on; a change of the catalog or the
# templates can make them stop spilling, which the test that uses them says.
SPILLS = {"a few lines over one page": 1, "a few lines over two pages": 2}


def _posting(company, *, skills, duties, summary, benefits):
    """A senior DS draft with `skills` of the role (the heavier first, the first 60% of
    them must-haves) and `duties` of its core responsibilities."""
    family = RoleFamily.objects.get(slug="data-scientist")
    emphases = sorted(
        family.emphases.filter(skill__company__isnull=True).select_related("skill"),
        key=lambda emphasis: (-emphasis.level, emphasis.skill.name),
    )[:skills]
    must_haves = max(3, round(skills * 0.6))
    duty_rows = list(
        family.core_responsibilities.filter(company__isnull=True).order_by("text")[:duties]
    )
    duty_rows += list(
        Responsibility.objects.filter(company__isnull=True)
        .exclude(pk__in=[row.pk for row in duty_rows])
        .order_by("slug")[: duties - len(duty_rows)]
    )
    return posting_create(
        company=company,
        title=f"Senior Data Scientist ({skills} skills, {duties} duties)",
        role_family=family,
        level=Level.objects.get(slug="ds-senior"),
        skills=[
            (e.skill, n < must_haves, EmphasisLevel.HEAVY if n < must_haves else e.level)
            for n, e in enumerate(emphases)
        ],
        responsibilities=duty_rows,
        locations="New York, NY, US",
        salary_min="150000",
        salary_max="175000",
        summary=summary,
        team="You join a team of five data scientists and two analysts.",
        benefits=benefits,
    )


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker):
    """Each case's candidate document, built in a transaction that is then rolled back."""
    logo = png(colour=(15, 118, 110), size=(240, 80))
    built = {}
    with django_db_blocker.unblock(), transaction.atomic():
        # The demo company has its own texts: about, benefits and the statements.
        texts = demo_load(path=settings.BASE_DIR / "fixtures" / "demo.json").company
        bare = Company.objects.create(name="Bare Analytics", slug="bare-analytics")
        for name, (skills, duties, summary, benefits, with_logo, own_texts) in CASES.items():
            posting = _posting(
                texts if own_texts else bare,
                skills=skills,
                duties=duties,
                summary=summary,
                benefits=benefits,
            )
            document = document_for(posting, draft=True)
            if with_logo:
                branding = dataclasses.replace(document.branding, logo=logo, logo_type="image/png")
                document = dataclasses.replace(document, branding=branding)
            built[name] = document
        for title in DEMO:
            built[title] = document_for(JobPosting.objects.get(title=title), draft=True)
        transaction.set_rollback(True)
    return built


@pytest.fixture(scope="module")
def layouts(documents):
    return {name: FORMATS["pdf"].layout(document) for name, document in documents.items()}


def lines_by_block(page) -> list[str]:
    """The tag of the block each line of a page belongs to, top to bottom."""
    from weasyprint.formatting_structure import boxes

    tags = []

    def walk(box, block):
        for child in getattr(box, "children", ()):
            if isinstance(child, (boxes.LineBox, boxes.ReplacedBox)):
                tags.append(block.element_tag)
            elif isinstance(child, (boxes.BlockBox, boxes.TableBox)):
                walk(child, child)
            else:
                walk(child, block)

    root = page._page_box.children[0]
    walk(root, root)
    return tags


@pytest.mark.parametrize("name", NAMES)
def test_it_leaves_no_near_empty_last_page(layouts, name):
    pages = layouts[name].pages
    fill = pdf_export.page_fill(pages[-1])
    assert len(pages) == 1 or fill >= pdf_export.NEAR_EMPTY_PAGE, (
        f"{name}: page {len(pages)} is {fill:.0%} full"
    )


@pytest.mark.parametrize("name", NAMES)
def test_it_never_leaves_a_heading_at_the_foot_of_a_page(layouts, name):
    for number, page in enumerate(layouts[name].pages[:-1], start=1):
        assert lines_by_block(page)[-1] not in HEADINGS, f"{name}: page {number}"


@pytest.mark.parametrize("name", NAMES)
def test_it_opens_a_page_on_a_section_or_at_least_two_lines_of_one(layouts, name):
    for number, page in enumerate(layouts[name].pages[1:], start=2):
        tags = lines_by_block(page)
        carried = next((n for n, tag in enumerate(tags) if tag in HEADINGS), len(tags))
        assert carried != 1, f"{name}: page {number} opens on a lone line"


@pytest.mark.parametrize(("name", "pages"), SPILLS.items())
def test_it_sets_a_posting_that_spills_a_few_lines_compact_on_a_page_fewer(
    documents, layouts, name, pages
):
    sources = FORMATS["pdf"].sources(documents[name])
    with pdf_export.render_budget():
        loose = pdf_export.layout(**{**sources, "compact_css": ""})
    assert len(loose.pages) == pages + 1, "the case should spill for this test to mean anything"
    assert pdf_export.page_fill(loose.pages[-1]) < pdf_export.NEAR_EMPTY_PAGE
    assert len(layouts[name].pages) == pages
    # Compact, but never under a 9.5 pt body (WeasyPrint sizes in CSS px: 96 per inch).
    root = layouts[name].pages[0]._page_box.children[0]
    assert root.style["font_size"] == pytest.approx(9.5 * 96 / 72)


def words_of_body(content: bytes, document) -> list[str]:
    """The PDF's words in reading order, without the running header, the footer and the
    list bullets (which pypdf reads after each page's text)."""
    furniture = re.compile(
        rf"{re.escape(document.title)}|({re.escape(document.branding.name)} )?Page \d+ of \d+"
    )
    lines = [
        line.strip()
        for page in pdfs.reader(content).pages
        for line in (page.extract_text() or "").splitlines()
    ]
    return [
        word
        for line in lines
        if not furniture.fullmatch(line)
        for word in line.split()
        if word != "•"
    ]


def test_it_keeps_the_text_its_order_and_the_same_bytes_when_it_sets_a_posting_compact(
    documents,
):
    document = documents["a few lines over one page"]
    fitted = FORMATS["pdf"].render_bytes(document)
    sources = FORMATS["pdf"].sources(document)
    loose = pdf_export.write_pdf(**{**sources, "compact_css": ""})
    assert len(pdfs.reader(fitted).pages) == 1 and len(pdfs.reader(loose).pages) == 2
    words = words_of_body(fitted, document)
    assert words == words_of_body(loose, document)
    text = " ".join(words)
    assert [text.index(section) for section in SECTIONS] == sorted(
        text.index(section) for section in SECTIONS
    )
    assert FORMATS["pdf"].render_bytes(document) == fitted


def test_it_fits_the_posting_that_opens_the_sign_off_packet_too(db):
    """In the packet the posting is followed by a page break; its last lines would have
    had a page of their own (the demo MLE posting's "How to apply", as the issue found)."""
    demo_load(path=settings.BASE_DIR / "fixtures" / "demo.json")
    posting = JobPosting.objects.get(title="Machine Learning Engineer, Platform")
    document = document_for(posting, draft=True, audience=HIRING_MANAGER)
    pages = FORMATS["packet"].layout(document).pages
    fills = [round(pdf_export.page_fill(page), 2) for page in pages]
    assert min(fills[1:]) >= pdf_export.NEAR_EMPTY_PAGE, fills
