"""Reads of a rubric's people: who runs which interview stage."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from ..models import Criterion, Rubric, StageInterviewer
from ..tenancy import person_name

STAGE_LABELS = dict(Criterion.Stage.choices)
# Stages in the order a candidate meets them.
STAGE_ORDER = {key: index for index, key in enumerate(STAGE_LABELS)}


@dataclass(frozen=True)
class Interviewer:
    """One person who interviews for a rubric, and the stages they run in interview order."""

    user_id: int
    name: str
    stages: tuple[str, ...]

    @property
    def stage_labels(self) -> list[str]:
        return [STAGE_LABELS[stage] for stage in self.stages]


@dataclass(frozen=True)
class StageStaff:
    stage: str
    label: str
    names: tuple[str, ...]


def stage_interviewers() -> QuerySet[StageInterviewer]:
    """Assignments with their people: what a page prefetches as `rubric__interviewers`."""
    return StageInterviewer.objects.select_related("interviewer")


def with_interviewers(queryset: QuerySet) -> QuerySet:
    """Postings with their rubric's interviewers, in one more query for all of them."""
    return queryset.prefetch_related(
        Prefetch("rubric__interviewers", queryset=stage_interviewers())
    )


def _rows(rubric: Rubric | None) -> list[StageInterviewer]:
    """A rubric's assignments in interview order: one query, or none when prefetched."""
    if rubric is None or rubric.pk is None:
        return []
    if "interviewers" in getattr(rubric, "_prefetched_objects_cache", {}):
        rows = list(rubric.interviewers.all())
    else:
        rows = list(stage_interviewers().filter(rubric=rubric))
    return sorted(rows, key=lambda row: (STAGE_ORDER.get(row.stage, 99), row.pk))


def rubric_interviewers(*, rubric: Rubric | None) -> list[Interviewer]:
    """Everyone who interviews for `rubric`, by name, each with their stages."""
    stages: dict[int, list[str]] = {}
    people = {}
    for row in _rows(rubric):
        people[row.interviewer_id] = row.interviewer
        if row.stage not in stages.setdefault(row.interviewer_id, []):
            stages[row.interviewer_id].append(row.stage)
    found = [
        Interviewer(user_id=pk, name=person_name(user), stages=tuple(stages[pk]))
        for pk, user in people.items()
    ]
    return sorted(found, key=lambda person: (person.name.lower(), person.user_id))


def rubric_interviewer(*, rubric: Rubric | None, user_id: int) -> Interviewer | None:
    """One interviewer of `rubric`; None when they run none of its stages."""
    return next((p for p in rubric_interviewers(rubric=rubric) if p.user_id == user_id), None)


def rubric_stage_staff(*, rubric: Rubric | None) -> list[StageStaff]:
    """The stages that have interviewers, in interview order, with their names."""
    names: dict[str, list[str]] = {}
    for row in _rows(rubric):
        names.setdefault(row.stage, []).append(person_name(row.interviewer))
    return [
        StageStaff(stage=stage, label=STAGE_LABELS[stage], names=tuple(sorted(who)))
        for stage, who in names.items()
    ]
