"""Rubrics built from a posting's must-haves, synced with it, and staffed per stage."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hiring.models import Criterion, JobPosting, StageInterviewer
from hiring.postings.errors import PostingError, StaleVersionError
from hiring.postings.workflow import posting_submit
from hiring.rubrics.selectors import rubric_interviewers, rubric_stage_staff
from hiring.rubrics.services import (
    rubric_build_from_posting,
    rubric_set_interviewers,
    rubric_sync,
    rubric_sync_proposal,
)

Status = JobPosting.Status


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

    def test_it_takes_anchors_from_the_catalog(self, draft):
        from roles.requirements import anchors_for

        rubric = rubric_build_from_posting(posting=draft)
        for criterion in rubric.criteria.select_related("skill"):
            anchors = anchors_for(skill=criterion.skill)
            assert criterion.anchor_yes == anchors["yes"]
            assert criterion.anchor_no == anchors["no"]
            assert "Shows only part of this" not in criterion.anchor_no

    def test_it_weighs_must_haves_by_emphasis(self, draft):
        draft.skills.filter(must_have=True).update(emphasis=3)
        first = draft.skills.filter(must_have=True).order_by("order").first()
        draft.skills.filter(pk=first.pk).update(emphasis=1)
        rubric = rubric_build_from_posting(posting=draft)
        weights = {c.skill_id: c.weight for c in rubric.criteria.all()}
        assert weights.pop(first.skill_id) == 1
        assert set(weights.values()) == {3}
        reasons = set(rubric.criteria.values_list("weight_reason", flat=True))
        assert reasons == {
            "A must-have the posting stresses lightly.",
            "A must-have the posting stresses heavily.",
        }


class TestSync:
    def test_it_proposes_must_haves_to_add_and_writes_nothing(self, draft):
        proposal = rubric_sync_proposal(posting=draft)
        must = {row.skill_id for row in draft.skills.all() if row.must_have}
        assert {row.skill_id for row in proposal.add} == must
        assert proposal.remove == []
        assert not hasattr(draft, "rubric") or draft.rubric.criteria.count() == 0


# What happens to a criterion whose skill changed in the posting.
SKILL_CHANGES = {
    "still a must-have": lambda row: None,
    "now a nice-to-have": lambda row: row.__class__.objects.filter(pk=row.pk).update(
        must_have=False
    ),
    "gone from the posting": lambda row: row.__class__.objects.filter(pk=row.pk).delete(),
}


def _criterion_after(draft, change: str, weight: str) -> Criterion:
    """A built rubric whose first must-have's criterion weighs `weight`, then `change`."""
    rubric = rubric_build_from_posting(posting=draft)
    row = draft.skills.filter(must_have=True).order_by("order").first()
    criterion = rubric.criteria.get(skill_id=row.skill_id)
    Criterion.objects.filter(pk=criterion.pk).update(weight=Decimal(weight))
    SKILL_CHANGES[change](row)
    draft.refresh_from_db()
    return criterion


def _kind(proposal, criterion) -> str:
    for kind in ("remove", "demote"):
        if criterion.pk in {c.pk for c, _ in getattr(proposal, kind)}:
            return kind
    return "nothing"


class TestSyncProposal:
    @pytest.mark.parametrize(
        ("change", "weight", "expected"),
        [
            ("still a must-have", "3", "nothing"),
            ("now a nice-to-have", "3", "demote"),
            ("now a nice-to-have", "2", "demote"),
            ("now a nice-to-have", "1", "nothing"),  # already a nice-to-have's weight
            ("now a nice-to-have", "0.5", "nothing"),
            ("gone from the posting", "3", "remove"),
            ("gone from the posting", "1", "remove"),
        ],
    )
    def test_it_proposes_by_what_became_of_the_skill(self, draft, change, weight, expected):
        criterion = _criterion_after(draft, change, weight)

        assert _kind(rubric_sync_proposal(posting=draft), criterion) == expected

    def test_it_proposes_must_haves_to_add_and_writes_nothing(self, draft):
        proposal = rubric_sync_proposal(posting=draft)
        must = {row.skill_id for row in draft.skills.all() if row.must_have}
        assert {row.skill_id for row in proposal.add} == must
        assert proposal.remove == [] and proposal.demote == []
        assert not hasattr(draft, "rubric") or draft.rubric.criteria.count() == 0

    def test_it_leaves_a_criterion_without_a_skill_alone(self, draft):
        rubric = rubric_build_from_posting(posting=draft)
        own = rubric.criteria.create(title="Ownership", stage="behavioural", weight=3, order=99)

        proposal = rubric_sync_proposal(posting=draft)

        assert _kind(proposal, own) == "nothing" and not proposal

    def test_it_says_why_in_plain_words(self, draft):
        criterion = _criterion_after(draft, "now a nice-to-have", "3")
        [(_, why)] = rubric_sync_proposal(posting=draft).demote
        assert why == f"{criterion.skill} is now a nice-to-have, not a must-have."


class TestSyncApply:
    @pytest.mark.parametrize(
        ("ticked", "counts", "weight", "reason"),
        [
            ({"demote"}, (0, 1), Decimal("1"), "A nice-to-have in the posting."),
            ({"remove"}, (1, 0), None, None),
            ({"demote", "remove"}, (1, 0), None, None),  # removing wins
            (set(), (0, 0), Decimal("3"), "A must-have the posting stresses heavily."),
        ],
    )
    def test_it_applies_to_a_nice_to_have_only_what_is_ticked(
        self, draft, ticked, counts, weight, reason
    ):
        criterion = _criterion_after(draft, "now a nice-to-have", "3")
        Criterion.objects.filter(pk=criterion.pk).update(
            weight_reason="A must-have the posting stresses heavily."
        )
        version = JobPosting.objects.get(pk=draft.pk).version

        result = rubric_sync(
            posting=draft,
            remove=[criterion.pk] if "remove" in ticked else [],
            demote=[criterion.pk] if "demote" in ticked else [],
        )

        assert (result.removed, result.demoted) == counts
        row = Criterion.objects.filter(pk=criterion.pk).first()
        if weight is None:
            assert row is None
        else:
            assert (row.weight, row.weight_reason) == (weight, reason)
        moved = JobPosting.objects.get(pk=draft.pk).version > version
        assert moved is bool(ticked)

    def test_a_demoted_criterion_is_not_proposed_again(self, draft):
        criterion = _criterion_after(draft, "now a nice-to-have", "3")
        rubric_sync(posting=draft, demote=[criterion.pk])

        assert _kind(rubric_sync_proposal(posting=draft), criterion) == "nothing"

    def test_it_never_demotes_a_criterion_whose_skill_is_gone(self, draft):
        criterion = _criterion_after(draft, "gone from the posting", "3")

        result = rubric_sync(posting=draft, demote=[criterion.pk])

        assert result.demoted == 0
        assert Criterion.objects.get(pk=criterion.pk).weight == 3

    def test_it_applies_only_what_was_confirmed(self, draft):
        rubric_build_from_posting(posting=draft)
        rows = list(draft.skills.filter(must_have=True).order_by("order"))
        draft.skills.filter(pk__in=[rows[0].pk, rows[1].pk]).delete()
        draft.refresh_from_db()
        proposal = rubric_sync_proposal(posting=draft)
        assert len(proposal.remove) == 2
        keep, drop = (c for c, _ in proposal.remove)

        result = rubric_sync(posting=draft, remove=[drop.pk, 999999])

        assert (result.added, result.removed) == (0, 1)
        ids = set(result.rubric.criteria.values_list("pk", flat=True))
        assert keep.pk in ids and drop.pk not in ids


class TestInterviewers:
    @pytest.fixture
    def rubric(self, draft):
        return rubric_build_from_posting(posting=draft)

    def test_it_assigns_people_to_stages_and_claims_the_next_version(
        self, draft, rubric, recruiter, hiring_manager
    ):
        draft.refresh_from_db()
        version = draft.version

        rubric_set_interviewers(
            posting=draft,
            expected_version=version,
            assignments=[
                ("technical", hiring_manager),
                ("behavioural", hiring_manager),
                ("technical", recruiter),
            ],
        )

        assert JobPosting.objects.get(pk=draft.pk).version == version + 1
        people = {p.name: p.stages for p in rubric_interviewers(rubric=rubric)}
        assert people == {"hugo": ("technical", "behavioural"), "rita": ("technical",)}
        staff = [(s.label, s.names) for s in rubric_stage_staff(rubric=rubric)]
        assert staff == [("Technical", ("hugo", "rita")), ("Behavioural", ("hugo",))]

    def test_it_replaces_the_assignments(self, draft, rubric, recruiter, hiring_manager):
        for who in (recruiter, hiring_manager):
            draft.refresh_from_db()
            rubric_set_interviewers(
                posting=draft, expected_version=draft.version, assignments=[("screen", who)]
            )

        assert list(StageInterviewer.objects.values_list("interviewer", flat=True)) == [
            hiring_manager.pk
        ]

    @pytest.mark.parametrize(
        ("people", "message"),
        [
            (["outsider"], "olga is not a member of Acme Analytics"),
            (["recruiter", "recruiter"], "rita already runs the Technical stage."),
        ],
    )
    def test_it_refuses_an_outsider_or_the_same_person_twice(
        self, request, draft, rubric, recruiter, people, message
    ):
        draft.refresh_from_db()
        version = draft.version
        users = [request.getfixturevalue(name) for name in people]

        with pytest.raises(ValidationError, match=message):
            rubric_set_interviewers(
                posting=draft,
                expected_version=version,
                assignments=[("technical", user) for user in users],
            )

        assert StageInterviewer.objects.count() == 0
        assert JobPosting.objects.get(pk=draft.pk).version == version

    def test_it_refuses_a_stale_version(self, draft, rubric, recruiter):
        draft.refresh_from_db()
        with pytest.raises(StaleVersionError):
            rubric_set_interviewers(
                posting=draft,
                expected_version=draft.version - 1,
                assignments=[("technical", recruiter)],
            )

    def test_it_refuses_once_the_posting_is_submitted(self, draft, rubric, recruiter):
        posting_submit(posting=draft, by=recruiter)
        draft.refresh_from_db()
        with pytest.raises(PostingError):
            rubric_set_interviewers(
                posting=draft, expected_version=draft.version, assignments=[("screen", recruiter)]
            )
