import pytest
from django.core.cache import cache

from hiring.models import JobPosting, Review
from hiring.postings import services as postings
from hiring.postings import workflow
from hiring.rubrics import services as rubrics


@pytest.fixture(autouse=True)
def empty_cache():
    """Pages are cached per company generation; each test starts from nothing."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_posting(acme, recruiter, hiring_manager, ds, level):
    """An Acme DS draft with a rubric; keyword arguments set its fields."""

    def make_posting(title="Senior Data Scientist", **fields):
        created = postings.posting_create_from_role(
            company=acme,
            recruiter=recruiter,
            hiring_manager=hiring_manager,
            title=title,
            **{
                "role_family": ds,
                "level": level("ds-senior"),
                "locations": "New York, NY, US",
                "salary_min": "150000",
                "salary_max": "175000",
                "summary": "Own the **experimentation programme** of our recommendations.",
                "apply_url": "https://jobs.acme.example/apply",
            }
            | fields,
        )
        rubrics.rubric_build_from_posting(posting=created)
        return JobPosting.objects.get(pk=created.pk)

    return make_posting


@pytest.fixture
def publish(recruiter, hiring_manager):
    """Take a draft through review to published, as the recruiter and manager would."""

    def publish(posting):
        posting = JobPosting.objects.get(pk=posting.pk)
        workflow.posting_submit(posting=posting, by=recruiter)
        workflow.posting_review(
            posting=posting, by=hiring_manager, decision=Review.Decision.APPROVE
        )
        workflow.posting_publish(posting=JobPosting.objects.get(pk=posting.pk), by=recruiter)
        return JobPosting.objects.get(pk=posting.pk)

    return publish


@pytest.fixture
def revise_and_publish(recruiter, publish):
    """Publish a posting again with new field values (a new version)."""

    def revise_and_publish(posting, **fields):
        posting = JobPosting.objects.get(pk=posting.pk)
        workflow.posting_revise(posting=posting, by=recruiter)
        posting = JobPosting.objects.get(pk=posting.pk)
        for name, value in fields.items():
            setattr(posting, name, value)
        postings.posting_save(posting=posting, expected_version=posting.version, by=recruiter)
        return publish(posting)

    return revise_and_publish


@pytest.fixture
def live(make_posting, publish):
    return publish(make_posting())


class Clock:
    """`django.utils.timezone.now` under the test's control; `advance(days=...)` moves it."""

    def __init__(self, monkeypatch):
        from django.utils import timezone

        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **delta):
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)
