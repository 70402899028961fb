"""The interview kit printed per interviewer: their name and stages on the cover, only their
stages' criteria, through the same cache and file names as every export."""

import pytest

from hiring import exports
from hiring.exports.errors import NO_STAGE_CRITERIA
from hiring.models import Criterion, JobPosting
from hiring.rubrics.selectors import rubric_interviewer
from hiring.rubrics.services import rubric_set_interviewers

from . import pdfs

pytestmark = pytest.mark.django_db

# Titles no question or anchor text would contain, one criterion per stage.
STAGED = {"technical": "Alpha modelling depth", "behavioural": "Beta stakeholder care"}


@pytest.fixture
def manager(hiring_manager):
    hiring_manager.first_name, hiring_manager.last_name = "Maria", "Manager"
    hiring_manager.save()
    return hiring_manager


@pytest.fixture
def staffed(posting, manager, recruiter):
    """The posting's rubric with one technical criterion and the rest behavioural; Maria
    runs the technical stage, Rita the behavioural one."""
    criteria = list(posting.rubric.criteria.order_by("order"))
    Criterion.objects.filter(rubric__posting=posting).update(stage="behavioural")
    for criterion, (stage, title) in zip(criteria, STAGED.items(), strict=False):
        Criterion.objects.filter(pk=criterion.pk).update(stage=stage, title=title)
    posting.refresh_from_db()
    rubric_set_interviewers(
        posting=posting,
        expected_version=posting.version,
        assignments=[("technical", manager), ("behavioural", recruiter)],
    )
    return JobPosting.objects.get(pk=posting.pk)


def kit_for(posting, user):
    person = rubric_interviewer(rubric=posting.rubric, user_id=user.pk)
    return exports.export_kit(JobPosting.objects.get(pk=posting.pk), interviewer=person)


def test_it_prints_only_the_interviewers_stages_with_their_name(staffed, manager):
    exported = kit_for(staffed, manager)
    text = pdfs.text(exported.content)

    assert "Interview kit for Maria Manager: the Technical stage." in text
    assert STAGED["technical"] in text
    assert STAGED["behavioural"] not in text
    assert "Score sheet: Technical stage" in text
    assert "Behavioural stage" not in text
    assert exported.filename == "senior-data-scientist-draft-interview-kit-maria-manager.pdf"


def test_another_interviewer_gets_their_own_stage(staffed, recruiter):
    text = pdfs.text(kit_for(staffed, recruiter).content)

    assert "Interview kit for rita" in text
    assert STAGED["behavioural"] in text and STAGED["technical"] not in text


def test_the_whole_kit_still_has_every_stage_and_no_name(staffed):
    text = pdfs.text(exports.export_kit(staffed).content)

    assert all(title in text for title in STAGED.values())
    assert "Interview kit for" not in text
    # The cover's table says who runs each stage.
    assert "Stage Interviewers Criteria (weight)" in text
    assert "Technical Maria Manager Alpha modelling depth" in text


def test_a_published_postings_interviewer_kit_never_says_draft(staffed, manager, publish):
    published, _ = publish(staffed)

    exported = kit_for(published, manager)
    text = pdfs.text(exported.content)

    assert "DRAFT" not in text.upper()
    assert "draft" not in exported.filename
    assert exported.filename == "senior-data-scientist-v1-interview-kit-maria-manager.pdf"
    assert "Maria Manager" in text and STAGED["technical"] in text


def test_it_is_cached_per_interviewer(staffed, manager, recruiter):
    first = kit_for(staffed, manager)

    assert kit_for(staffed, manager).etag == first.etag
    assert kit_for(staffed, recruiter).etag != first.etag
    assert exports.export_kit(staffed).etag != first.etag


def test_the_whole_kits_cache_key_does_not_name_an_interviewer(staffed):
    document = exports.document_for(staffed, draft=True, audience=exports.INTERVIEWER)

    assert "interviewer" not in document.fingerprint()


def test_it_refuses_a_kit_for_stages_without_criteria(staffed, manager):
    Criterion.objects.filter(rubric__posting=staffed, stage="technical").delete()

    with pytest.raises(exports.ExportError) as caught:
        kit_for(staffed, manager)

    assert str(caught.value) == NO_STAGE_CRITERIA.format(
        title="Senior Data Scientist", name="Maria Manager", stages="Technical"
    )


def test_only_the_kit_is_printed_per_interviewer(staffed):
    with pytest.raises(ValueError):
        exports.document_for(
            staffed,
            draft=True,
            audience=exports.HIRING_MANAGER,
            interviewer={"name": "Maria", "stages": ["technical"]},
        )


def test_the_cover_names_every_stage_of_the_interviewer(staffed, manager):
    staffed.refresh_from_db()
    rubric_set_interviewers(
        posting=staffed,
        expected_version=staffed.version,
        assignments=[("technical", manager), ("behavioural", manager)],
    )
    text = pdfs.text(kit_for(staffed, manager).content)

    assert "Interview kit for Maria Manager: the Technical and Behavioural stages." in text
    assert all(title in text for title in STAGED.values())
