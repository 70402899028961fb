"""Size and time are bounded: an oversized posting fails fast with a clear message."""

import time

import pytest

from hiring import exports
from hiring.exports import FORMATS, ExportTimeout, ExportTooLarge, limits, pdf
from hiring.exports.errors import (
    FIELD_TOO_LONG,
    LOGO_TOO_LARGE,
    LOGO_TOO_MANY_PIXELS,
    RENDER_TOO_SLOW,
    TOO_MANY_ITEMS,
    TOO_MANY_LINES,
    TOO_MANY_PAGES,
)
from hiring.models import JobPosting, PostingResponsibility

from .conftest import png

MEGABYTE = 1024 * 1024


@pytest.fixture
def never_render(monkeypatch):
    """Fail the test if any exporter gets as far as rendering."""

    def render_bytes(self, document):
        raise AssertionError(f"{self.name} rendered a document beyond the limits")

    for cls in {type(exporter) for exporter in FORMATS.values()}:
        monkeypatch.setattr(cls, "render_bytes", render_bytes)


@pytest.mark.parametrize("name", list(FORMATS))
def test_it_refuses_a_posting_with_5000_bullets_before_rendering(posting, never_render, name):
    start = posting.responsibilities.count() + 1
    PostingResponsibility.objects.bulk_create(
        PostingResponsibility(posting=posting, text=f"Bullet {n}", order=start + n)
        for n in range(5000)
    )
    total = 5000 + start - 1
    began = time.monotonic()
    with pytest.raises(ExportTooLarge) as error:
        exports.export(posting, name, draft=True)
    assert str(error.value) == TOO_MANY_ITEMS.format(
        field="responsibility list", size=total, limit=limits.MAX_ITEMS
    )
    assert time.monotonic() - began < 5


@pytest.mark.parametrize("name", list(FORMATS))
def test_it_refuses_a_one_megabyte_field_before_rendering(posting, never_render, name):
    JobPosting.objects.filter(pk=posting.pk).update(summary="x" * MEGABYTE)
    with pytest.raises(ExportTooLarge) as error:
        exports.export(posting, name, draft=True)
    assert str(error.value) == FIELD_TOO_LONG.format(
        field="summary", size=MEGABYTE, limit=limits.MAX_FIELD_CHARS
    )


def test_it_refuses_a_oversized_published_snapshot_too(published, never_render):
    snapshot = {**published.published_version.snapshot, "team": "y" * MEGABYTE}
    type(published.published_version).objects.filter(pk=published.published_version_id).update(
        snapshot=snapshot
    )
    with pytest.raises(ExportTooLarge) as error:
        exports.export(published, "pdf")
    assert "team description is 1,048,576 characters long" in str(error.value)


def test_it_refuses_a_field_with_thousands_of_lines(posting, never_render):
    JobPosting.objects.filter(pk=posting.pk).update(benefits="- a\n" * 1000)
    with pytest.raises(ExportTooLarge) as error:
        exports.export(posting, "html", draft=True)
    assert str(error.value) == TOO_MANY_LINES.format(
        field="benefits", size=1001, limit=limits.MAX_TEXT_LINES
    )


def test_it_refuses_an_oversized_logo(posting, acme, set_logo):
    set_logo(acme, b"\x89PNG\r\n\x1a\n" + b"\0" * (3 * MEGABYTE))
    with pytest.raises(ExportTooLarge) as error:
        exports.export(posting, "pdf", draft=True)
    assert str(error.value) == LOGO_TOO_LARGE.format(
        company="Acme Analytics", size=3 * MEGABYTE + 8, limit=limits.MAX_LOGO_BYTES
    )


def test_it_refuses_a_logo_with_too_many_pixels(posting, acme, set_logo):
    set_logo(acme, png(size=(5000, 4000)))
    with pytest.raises(ExportTooLarge) as error:
        exports.export(posting, "html", draft=True)
    assert str(error.value) == LOGO_TOO_MANY_PIXELS.format(
        company="Acme Analytics", width=5000, height=4000, limit=limits.MAX_LOGO_PIXELS
    )


LONG_HTML = (
    "<html lang=en><body>" + "<p>A paragraph of a very long posting.</p>" * 400 + "</body></html>"
)


def test_it_stops_laying_out_past_the_page_limit():
    with pytest.raises(ExportTooLarge) as error:
        pdf.write_pdf(LONG_HTML, max_pages=2)
    assert str(error.value) == TOO_MANY_PAGES.format(limit=2)


def test_it_stops_rendering_past_the_time_budget():
    began = time.monotonic()
    with pytest.raises(ExportTimeout) as error:
        pdf.write_pdf(LONG_HTML, seconds=0.001)
    assert str(error.value) == RENDER_TOO_SLOW.format(limit="0.001")
    assert time.monotonic() - began < 5


def test_it_renders_normally_again_after_a_stopped_render():
    with pytest.raises(ExportTooLarge):
        pdf.write_pdf(LONG_HTML, max_pages=1)
    assert pdf.write_pdf("<html lang=en><p>Fine</p></html>").startswith(b"%PDF")


def test_it_keeps_the_limits_as_module_constants():
    assert limits.MAX_FIELD_CHARS < MEGABYTE
    assert limits.MAX_ITEMS < 5000
