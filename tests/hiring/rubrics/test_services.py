"""Rubrics built from a posting's must-haves."""

from hiring.models import JobPosting
from hiring.rubrics.services import (
    rubric_build_from_posting,
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

    def test_it_proposes_removing_a_skill_demoted_to_nice_to_have(self, draft):
        rubric_build_from_posting(posting=draft)
        row = draft.skills.filter(must_have=True).order_by("order").first()
        draft.skills.filter(pk=row.pk).update(must_have=False)
        draft.refresh_from_db()
        proposal = rubric_sync_proposal(posting=draft)
        [(criterion, why)] = proposal.remove
        assert criterion.skill_id == row.skill_id
        assert "now a nice-to-have" in why
        assert proposal.add == []

    def test_it_applies_only_what_was_confirmed(self, draft):
        rubric_build_from_posting(posting=draft)
        rows = list(draft.skills.filter(must_have=True).order_by("order"))
        draft.skills.filter(pk=rows[0].pk).update(must_have=False)
        draft.skills.filter(pk=rows[1].pk).delete()
        draft.refresh_from_db()
        proposal = rubric_sync_proposal(posting=draft)
        assert len(proposal.remove) == 2
        keep, drop = (c for c, _ in proposal.remove)
        rubric, added, removed = rubric_sync(posting=draft, remove=[drop.pk, 999999])
        assert (added, removed) == (0, 1)
        ids = set(rubric.criteria.values_list("pk", flat=True))
        assert keep.pk in ids and drop.pk not in ids
