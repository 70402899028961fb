"""Rubrics built from a posting's must-haves."""

from hiring.models import JobPosting
from hiring.rubrics.services import rubric_build_from_posting

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
