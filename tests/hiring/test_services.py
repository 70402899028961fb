import pytest
from django.core.exceptions import ValidationError

from hiring.models import JobPosting, PostingVersion, Review
from hiring.postings.services import (
    LEVEL_OF_OTHER_FAMILY,
    PREFILL_MUST_HAVES,
    PREFILL_MUST_HAVES_JUNIOR,
    PREFILL_RESPONSIBILITIES,
    PostingError,
    StaleVersionError,
    posting_clone,
    posting_create,
    posting_create_from_role,
    posting_save,
)
from hiring.postings.versions import posting_snapshot, snapshot_diff
from hiring.postings.workflow import (
    posting_archive,
    posting_publish,
    posting_review,
    posting_revise,
    posting_submit,
)
from hiring.rubrics.services import rubric_build_from_posting
from roles.models import EmphasisLevel

Status = JobPosting.Status


@pytest.fixture
def draft(acme, recruiter, hiring_manager, ds, level):
    return posting_create_from_role(
        company=acme,
        role_family=ds,
        level=level("ds-senior"),
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        title="Senior Data Scientist",
    )


def walk(posting, recruiter, hiring_manager, *steps):
    for step in steps:
        if step == "submit":
            posting_submit(posting=posting, by=recruiter)
        elif step == "approve":
            posting_review(posting=posting, by=hiring_manager, decision="approve")
        elif step == "publish":
            posting_publish(posting=posting, by=recruiter)
    return posting


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


class TestRubric:
    def test_it_builds_one_criterion_per_must_have_with_questions_and_anchors(self, draft):
        rubric = rubric_build_from_posting(posting=draft)
        must = {row.skill_id for row in draft.skills.all() if row.must_have}
        criteria = list(rubric.criteria.all())
        assert {c.skill_id for c in criteria} == must
        for criterion in criteria:
            assert len(criterion.question_list) >= 1
            assert all(text for _, text in criterion.anchors)

    def test_it_adds_only_missing_criteria_when_built_again(self, draft, skill):
        rubric = rubric_build_from_posting(posting=draft)
        count = rubric.criteria.count()
        rubric.criteria.first().delete()
        rubric_build_from_posting(posting=draft)
        assert rubric.criteria.count() == count

    def test_it_leaves_nice_to_haves_out(self, draft):
        draft.skills.update(must_have=False)
        rubric = rubric_build_from_posting(posting=draft)
        assert rubric.criteria.count() == 0


class TestFlow:
    def test_it_walks_draft_to_published_and_snapshots_it(self, draft, recruiter, hiring_manager):
        rubric_build_from_posting(posting=draft)
        walk(draft, recruiter, hiring_manager, "submit", "approve")
        assert draft.status == Status.APPROVED
        draft.rubric.refresh_from_db()
        assert draft.rubric.approved_by == hiring_manager
        version = posting_publish(posting=draft, by=recruiter)
        draft.refresh_from_db()
        assert draft.status == Status.PUBLISHED
        assert draft.published_version == version and version.number == 1
        assert version.snapshot["title"] == "Senior Data Scientist"
        assert len(version.snapshot["skills"]) == draft.skills.count()
        assert version.snapshot["rubric"]

    def test_it_revises_a_published_posting_without_touching_the_live_version(
        self, draft, recruiter, hiring_manager
    ):
        walk(draft, recruiter, hiring_manager, "submit", "approve", "publish")
        live = draft.published_version.snapshot
        posting_revise(posting=draft, by=recruiter)
        draft.title = "Staff Data Scientist"
        posting_save(posting=draft, expected_version=draft.version, by=recruiter)
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert draft.published_version.snapshot == live
        walk(draft, recruiter, hiring_manager, "submit", "approve", "publish")
        numbers = list(draft.versions.order_by("number").values_list("number", flat=True))
        assert numbers == [1, 2]
        changes = snapshot_diff(*[v.snapshot for v in draft.versions.order_by("number")])
        assert any(c.field == "title" and c.after == "Staff Data Scientist" for c in changes)

    def test_it_never_rewrites_a_version(self, draft, recruiter, hiring_manager):
        walk(draft, recruiter, hiring_manager, "submit", "approve", "publish")
        version = draft.published_version
        version.snapshot = {"title": "rewritten"}
        with pytest.raises(ValueError, match="immutable"):
            version.save()
        assert PostingVersion.objects.get(pk=version.pk).snapshot["title"] != "rewritten"

    def test_it_archives_and_then_refuses_everything(self, draft, recruiter):
        posting_archive(posting=draft, by=recruiter)
        assert draft.status == Status.ARCHIVED
        for service in (posting_submit, posting_revise):
            with pytest.raises(PostingError, match="archived cannot be"):
                service(posting=draft, by=recruiter)
        with pytest.raises(PostingError, match="Only a draft"):
            posting_save(posting=draft, expected_version=draft.version)

    def test_it_sends_a_posting_back_with_a_comment(self, draft, recruiter, hiring_manager):
        walk(draft, recruiter, hiring_manager, "submit")
        review = posting_review(
            posting=draft, by=hiring_manager, decision="request_changes", comment="Too long."
        )
        assert draft.status == Status.DRAFT and review.comment == "Too long."

    def test_it_requires_a_comment_to_request_changes(self, draft, recruiter, hiring_manager):
        walk(draft, recruiter, hiring_manager, "submit")
        with pytest.raises(PostingError, match="comment is required"):
            posting_review(
                posting=draft, by=hiring_manager, decision="request_changes", comment="  "
            )
        assert not Review.objects.exists()

    @pytest.mark.parametrize(
        ("steps", "action", "message"),
        [
            ((), "approve", "draft cannot be approved"),
            ((), "publish", "draft cannot be published"),
            (("submit",), "publish", "in review cannot be published"),
            (("submit",), "submit", "in review cannot be submitted"),
            (("submit", "approve"), "approve", "approved cannot be approved"),
            (("submit", "approve", "publish"), "submit", "published cannot be submitted"),
        ],
    )
    def test_it_refuses_illegal_transitions_with_a_clear_error(
        self, draft, recruiter, hiring_manager, steps, action, message
    ):
        walk(draft, recruiter, hiring_manager, *steps)
        before = draft.status
        with pytest.raises(PostingError, match=message):
            walk(draft, recruiter, hiring_manager, action)
        draft.refresh_from_db()
        assert draft.status == before

    def test_it_lets_only_a_hiring_manager_approve(
        self, draft, recruiter, second_recruiter, outside_manager, superuser, hiring_manager
    ):
        walk(draft, recruiter, hiring_manager, "submit")
        for user in (recruiter, second_recruiter, outside_manager, superuser):
            with pytest.raises(PostingError, match="Only a hiring manager"):
                posting_review(posting=draft, by=user, decision="approve")
        assert draft.status == Status.IN_REVIEW

    def test_it_refuses_a_hiring_manager_publishing(self, draft, recruiter, hiring_manager):
        walk(draft, recruiter, hiring_manager, "submit", "approve")
        with pytest.raises(PostingError, match="Only a recruiter"):
            posting_publish(posting=draft, by=hiring_manager)

    def test_it_needs_a_hiring_manager_before_submitting(self, draft, recruiter):
        draft.hiring_manager = None
        draft.save()
        with pytest.raises(PostingError, match="Choose the hiring manager"):
            posting_submit(posting=draft, by=recruiter)


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


def test_it_snapshots_to_plain_json(draft):
    import json

    snapshot = posting_snapshot(posting=draft)
    assert json.loads(json.dumps(snapshot)) == snapshot
