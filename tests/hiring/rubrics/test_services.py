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
