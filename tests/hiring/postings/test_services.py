"""A posting's writes: create, prefill, clone, its level, its version."""

import pytest
from django.core.exceptions import ValidationError

from hiring.models import JobPosting
from hiring.postings.errors import PostingError, StaleVersionError
from hiring.postings.services import (
    LEVEL_OF_OTHER_FAMILY,
    PREFILL_MUST_HAVES,
    PREFILL_MUST_HAVES_JUNIOR,
    PREFILL_RESPONSIBILITIES,
    posting_clone,
    posting_create,
    posting_create_from_role,
    posting_save,
)
from hiring.rubrics.services import rubric_build_from_posting
from roles.models import EmphasisLevel

from .steps import walk

Status = JobPosting.Status


class TestCreate:
    def test_it_prefills_a_posting_from_its_role_family(self, draft, ds):
        heavy = set(
            ds.emphases.filter(level=EmphasisLevel.HEAVY).values_list("skill__slug", flat=True)
        )
        skills = {row.skill.slug for row in draft.skills.all()}
        assert skills == heavy
        core = set(ds.core_responsibilities.values_list("pk", flat=True))
        chosen = {row.responsibility_id for row in draft.responsibilities.all()}
        assert chosen <= core and len(chosen) == PREFILL_RESPONSIBILITIES
        assert draft.years_min == draft.level.min_years

    def test_it_asks_for_the_heavy_skills_the_core_work_uses_most(self, draft, ds):
        must = [row for row in draft.skills.all() if row.must_have]
        assert len(must) == PREFILL_MUST_HAVES
        assert all(row.emphasis == EmphasisLevel.HEAVY for row in must)
        used = {}
        for item in ds.core_responsibilities.prefetch_related("skills"):
            for skill in item.skills.all():
                used[skill.pk] = used.get(skill.pk, 0) + 1
        # The skills that define the role come first whatever the work uses; then the most used.
        defining = set(ds.emphases.filter(defining=True).values_list("skill_id", flat=True))
        assert {row.skill_id for row in must[: len(defining)]} == defining
        least_must = min(used.get(row.skill_id, 0) for row in must if row.skill_id not in defining)
        most_nice = max(used.get(r.skill_id, 0) for r in draft.skills.all() if not r.must_have)
        assert least_must >= most_nice

    def test_it_asks_a_junior_for_fewer_must_haves(self, acme, ds, level):
        posting = posting_create_from_role(company=acme, role_family=ds, level=level("ds-junior"))
        must = posting.skills.filter(must_have=True).count()
        assert must == PREFILL_MUST_HAVES_JUNIOR

    def test_it_orders_the_prefilled_blocks_without_gaps(self, draft):
        orders = list(draft.skills.values_list("order", flat=True))
        assert orders == list(range(1, len(orders) + 1))

    def test_it_creates_a_blank_posting(self, acme, mle):
        posting = posting_create(company=acme, title="MLE", role_family=mle)
        assert posting.status == Status.DRAFT and not posting.skills.exists()

    def test_it_refuses_another_companys_skill(self, acme, globex, mle):
        from tests.factories import SkillFactory

        foreign = SkillFactory(company=globex)
        with pytest.raises(PostingError, match="another company"):
            posting_create(company=acme, title="x", role_family=mle, skills=[(foreign, True, 3)])

    def test_it_clones_a_posting_with_blocks_and_rubric_as_a_new_draft(
        self, draft, recruiter, hiring_manager
    ):
        rubric_build_from_posting(posting=draft)
        walk(draft, recruiter, hiring_manager, "submit", "approve", "publish")
        clone = posting_clone(posting=draft, by=recruiter)
        assert clone.pk != draft.pk and clone.status == Status.DRAFT
        assert clone.version == 1 and clone.published_version is None
        assert clone.skills.count() == draft.skills.count()
        assert clone.responsibilities.count() == draft.responsibilities.count()
        assert clone.rubric.criteria.count() == draft.rubric.criteria.count()
        assert clone.rubric.approved_by is None
        assert clone.cloned_from == draft


class TestLevelOnTheFamilysLadder:
    """A posting's level is a step of its own role family's ladder, whoever writes it."""

    def other_ladder(self, level):
        return LEVEL_OF_OTHER_FAMILY.format(
            level="mle-senior",
            name=level("mle-senior").name,
            family="Machine Learning Engineer",
            declared="Data Scientist",
        )

    def test_it_refuses_creating_a_posting_with_a_level_of_the_other_ladder(self, acme, ds, level):
        with pytest.raises(ValidationError) as excinfo:
            posting_create(company=acme, title="DS", role_family=ds, level=level("mle-senior"))
        assert excinfo.value.message_dict == {"level": [self.other_ladder(level)]}
        assert not JobPosting.objects.filter(title="DS").exists()

    def test_it_refuses_saving_a_level_of_the_other_ladder(self, draft, level):
        draft.level = level("mle-senior")
        with pytest.raises(ValidationError) as excinfo:
            posting_save(posting=draft, expected_version=draft.version)
        assert excinfo.value.message_dict == {"level": [self.other_ladder(level)]}
        assert JobPosting.objects.get(pk=draft.pk).level.slug == "ds-senior"

    def test_it_refuses_changing_the_family_under_a_level(self, draft, mle):
        draft.role_family = mle
        with pytest.raises(ValidationError, match="Data Scientist ladder"):
            posting_save(posting=draft, expected_version=draft.version)

    def test_it_checks_it_in_the_models_own_validation(self, draft, level):
        draft.level = level("mle-senior")
        with pytest.raises(ValidationError) as excinfo:
            draft.full_clean()
        assert excinfo.value.message_dict == {"level": [self.other_ladder(level)]}

    def test_it_accepts_a_level_of_the_ladder_and_no_level(self, draft, level):
        for step in (level("ds-junior"), None):
            draft.level = step
            posting_save(posting=draft, expected_version=draft.version)
        assert JobPosting.objects.get(pk=draft.pk).level is None


class TestOptimisticLocking:
    def test_it_refuses_the_second_save_of_a_stale_version(self, draft, recruiter):
        first = JobPosting.objects.get(pk=draft.pk)
        second = JobPosting.objects.get(pk=draft.pk)
        first.title = "First"
        posting_save(posting=first, expected_version=first.version)
        second.title = "Second"
        with pytest.raises(StaleVersionError, match="Someone else saved"):
            posting_save(posting=second, expected_version=second.version)
        assert JobPosting.objects.get(pk=draft.pk).title == "First"

    def test_it_counts_block_changes_as_a_new_version(self, draft):
        before = draft.version
        rubric_build_from_posting(posting=draft)
        assert JobPosting.objects.get(pk=draft.pk).version == before + 1
