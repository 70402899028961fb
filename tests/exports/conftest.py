import io
import uuid

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from hiring import caching
from hiring.models import JobPosting, Review
from hiring.postings.services import posting_create_from_role
from hiring.postings.workflow import posting_publish, posting_review, posting_submit
from hiring.rubrics.services import rubric_build_from_posting

SUMMARY = (
    "Own the **experimentation programme** of our recommendations product: design tests, "
    "read them honestly, and tell the product team what the data says."
)
TEAM = "You join a team of five data scientists and two analysts."
BENEFITS = "- Health, dental and vision cover\n- 25 days of holiday\n- A learning budget"


@pytest.fixture(autouse=True)
def own_cache_keys(monkeypatch):
    """Every test starts with no cached export, so renders are counted from zero.

    A fresh key prefix rather than cache.clear(): other code keeps state in the same cache.
    """
    prefix = f"rolekit:test-export:{uuid.uuid4().hex}:"
    monkeypatch.setattr(caching, "EXPORT_KEY", prefix + "{etag}")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png(colour=(200, 30, 30), size=(60, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def set_logo():
    def set_logo(company, content: bytes, name="logo.png"):
        company.logo.save(name, ContentFile(content), save=True)
        return company

    return set_logo


@pytest.fixture
def posting(acme, recruiter, hiring_manager, ds, level):
    """Acme's senior DS draft, pre-filled from the role, with pay, text and a rubric."""
    posting = posting_create_from_role(
        company=acme,
        role_family=ds,
        level=level("ds-senior"),
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        title="Senior Data Scientist",
        locations="New York, NY, US",
        remote_policy=JobPosting.RemotePolicy.HYBRID,
        salary_min="150000",
        salary_max="175000",
        summary=SUMMARY,
        team=TEAM,
        benefits=BENEFITS,
        apply_url="https://jobs.acme.example/ds-senior",
    )
    rubric_build_from_posting(posting=posting)
    return JobPosting.objects.get(pk=posting.pk)


@pytest.fixture
def publish(recruiter, hiring_manager):
    """Take a draft through review to published, as the recruiter and manager would."""

    def publish(posting):
        posting_submit(posting=posting, by=recruiter)
        posting_review(posting=posting, by=hiring_manager, decision=Review.Decision.APPROVE)
        version = posting_publish(posting=JobPosting.objects.get(pk=posting.pk), by=recruiter)
        return JobPosting.objects.get(pk=posting.pk), version

    return publish


@pytest.fixture
def published(posting, publish):
    return publish(posting)[0]


@pytest.fixture
def make_posting(acme, recruiter, hiring_manager, ds, level):
    """Another Acme DS draft with a rubric; keyword arguments set its fields."""

    def make_posting(title, **fields):
        created = posting_create_from_role(
            company=acme,
            role_family=ds,
            level=level("ds-senior"),
            recruiter=recruiter,
            hiring_manager=hiring_manager,
            title=title,
            **{"locations": "Austin, TX, US", "salary_min": "140000", "salary_max": "160000"}
            | fields,
        )
        rubric_build_from_posting(posting=created)
        return JobPosting.objects.get(pk=created.pk)

    return make_posting
