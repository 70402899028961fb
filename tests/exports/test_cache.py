"""Rendered files are cached by a hash of their inputs; any changed input renders afresh."""

import shutil

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile

from hiring import exports
from hiring.exports import FORMATS
from hiring.models import Company, JobPosting
from hiring.postings.workflow import posting_revise

from .conftest import png


@pytest.fixture
def renders(monkeypatch):
    """Counts real renders per format name."""
    counts: dict[str, int] = {}
    # pdf and pdf-letter share a class: wrap each class once.
    for cls in {type(exporter) for exporter in FORMATS.values()}:
        original = cls.render_bytes

        def counting(self, document, original=original):
            counts[self.name] = counts.get(self.name, 0) + 1
            return original(self, document)

        monkeypatch.setattr(cls, "render_bytes", counting)
    return counts


@pytest.mark.parametrize("name", list(FORMATS))
def test_it_does_not_render_an_unchanged_posting_twice(published, renders, name):
    first = exports.export(published, name)
    second = exports.export(published, name)
    assert renders == {name: 1}
    assert second == first


def test_it_keeps_formats_apart(published, renders):
    assert exports.export(published, "pdf").etag != exports.export(published, "pdf-letter").etag
    assert renders == {"pdf": 1, "pdf-letter": 1}


def change_title(posting):
    JobPosting.objects.filter(pk=posting.pk).update(title="Principal Data Scientist")


def change_colour(posting):
    Company.objects.filter(pk=posting.company_id).update(brand_colour="#bf3989")


def change_logo(posting):
    company = Company.objects.get(pk=posting.company_id)
    company.logo.save("logo.png", ContentFile(png((0, 90, 200))), save=True)


def change_about(posting):
    Company.objects.filter(pk=posting.company_id).update(about="We build forecasting tools.")


def change_responsibility(posting):
    row = posting.responsibilities.first()
    row.text = "Own the forecasting roadmap"
    row.save()


@pytest.mark.parametrize(
    "change", [change_title, change_colour, change_logo, change_about, change_responsibility]
)
@pytest.mark.parametrize("name", ["pdf", "markdown"])
def test_it_renders_again_when_an_input_changes(posting, acme, set_logo, renders, change, name):
    set_logo(acme, png())
    before = exports.export(posting, name, draft=True)
    change(posting)
    after = exports.export(posting, name, draft=True)
    assert after.etag != before.etag
    assert renders == {name: 2}
    assert exports.export(posting, name, draft=True).etag == after.etag
    assert renders == {name: 2}


def test_it_keeps_the_published_file_when_only_the_draft_changes(published, recruiter, renders):

    before = exports.export(published, "pdf")
    posting_revise(posting=published, by=recruiter)
    change_title(published)
    assert exports.export(published, "pdf").etag == before.etag
    assert renders == {"pdf": 1}


def test_it_renders_again_when_a_template_changes(posting, settings, tmp_path, renders):
    templates = tmp_path / "templates"
    shutil.copytree(django_settings.BASE_DIR / "templates", templates)
    settings.TEMPLATES = [
        {
            **django_settings.TEMPLATES[0],
            "DIRS": [templates],
            "APP_DIRS": False,
            "OPTIONS": {
                **django_settings.TEMPLATES[0]["OPTIONS"],
                # Uncached loaders, so that the edit below is seen without a restart.
                "loaders": [
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    before = exports.export(posting, "markdown", draft=True)
    source = templates / "exports" / "posting.md"
    source.write_text(source.read_text() + "\nEqual opportunity employer.\n")
    after = exports.export(posting, "markdown", draft=True)
    assert after.etag != before.etag
    assert b"Equal opportunity employer." in after.content
    assert renders == {"markdown": 2}


def test_it_renders_again_when_the_exports_version_is_bumped(published, renders, monkeypatch):
    before = exports.export(published, "text")
    monkeypatch.setattr(exports.cache, "EXPORTS_VERSION", exports.cache.EXPORTS_VERSION + 1)
    assert exports.export(published, "text").etag != before.etag
    assert renders == {"text": 2}
