import pytest

from hiring.models import JobPosting
from hiring.postings.services import posting_create_from_role
from hiring.rubrics.services import rubric_build_from_posting
from roles.models import EmphasisLevel
from tests.factories import SkillFactory


@pytest.fixture
def posting(acme, recruiter, hiring_manager, mle, level):
    """An Acme MLE draft pre-filled from the role family, with a rubric."""
    posting = posting_create_from_role(
        company=acme,
        role_family=mle,
        level=level("mle-mid"),
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        title="ML Engineer",
    )
    rubric_build_from_posting(posting=posting)
    return JobPosting.objects.get(pk=posting.pk)


@pytest.fixture
def grow(acme):
    """Give a posting `n` skill and `n` responsibility rows."""

    def grow(posting, n):
        start = posting.skills.count() + posting.responsibilities.count() + 100
        for index, skill in enumerate(SkillFactory.create_batch(n, company=acme), start=start):
            posting.skills.create(skill=skill, emphasis=EmphasisLevel.MEDIUM, order=index)
            posting.responsibilities.create(text=f"Do thing {index}", order=index)
        return posting

    return grow


@pytest.fixture
def draft(acme, recruiter, hiring_manager, ds, level):
    """A senior Data Scientist draft pre-filled from its role, with a hiring manager."""
    return posting_create_from_role(
        company=acme,
        role_family=ds,
        level=level("ds-senior"),
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        title="Senior Data Scientist",
    )
