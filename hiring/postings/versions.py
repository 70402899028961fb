"""Published versions: the snapshot a publish keeps, what changed between two snapshots,
and which two a comparison shows when the reader names none."""

from dataclasses import dataclass
from decimal import Decimal

from ..models import Criterion, JobPosting, PostingVersion, Review
from .selectors import posting_detail_item, posting_detail_row
from .texts import posting_texts

SNAPSHOT_FIELDS = JobPosting.CONTENT_FIELDS
DRAFT = "draft"


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def posting_snapshot(*, posting: JobPosting) -> dict:
    """The posting, its blocks and its rubric as a published version keeps them: the
    posting's JSON with the text as typed and names beside the slugs (what candidates
    read and a diff compares)."""
    row = posting_detail_row(JobPosting.objects.filter(pk=posting.pk))
    # Who interviews is staffing, not content: a version keeps the criteria, not the people.
    item = posting_detail_item(row)
    rubric = item["rubric"]
    labels = dict(Criterion.SCALE)
    return {
        **{name: _plain(row[name]) for name in SNAPSHOT_FIELDS},
        "role_family": row["role_family__slug"],
        "role_family_name": row["role_family__name"],
        "level": row["level__slug"],
        "level_name": row["level__name"],
        "company": row["company__name"],
        # The company's texts as this version shows them, frozen with it: the posting's
        # own, or its company's where it left them blank.
        **posting_texts(posting=posting, values=row),
        "skills": [
            {
                **{key: skill[key] for key in ("skill", "name", "must_have", "emphasis")},
                # What candidates read; versions published before it show the name.
                "requirement": skill["display_requirement"],
            }
            for skill in item["skills"]
        ],
        "responsibilities": [
            {"responsibility": duty["responsibility"], "text": duty["display_text"]}
            for duty in item["responsibilities"]
        ],
        "rubric": None
        if rubric is None
        else [
            {
                "title": c["display_title"],
                "skill": c["skill"],
                "stage": c["stage"],
                "weight": c["weight"],
                "weight_reason": c["weight_reason"],
                "questions": c["questions"],
                "anchors": {
                    labels[field]: c["anchors"][name]
                    for name, field in Criterion.ANCHOR_FIELDS.items()
                },
            }
            for c in rubric["criteria"]
        ],
        # Who runs which stage, so that a manager sees a change of interviewers.
        "interviewers": []
        if rubric is None
        else [{"stage": i["stage"], "name": i["name"]} for i in rubric["interviewers"]],
    }


@dataclass(frozen=True)
class Change:
    """One readable difference between two versions of a posting."""

    field: str
    kind: str  # "changed", "added" or "removed"
    before: object = None
    after: object = None


def _keyed(rows, key):
    return {row[key] or row.get("text") or row.get("title"): row for row in rows or []}


def _label(row: dict) -> str:
    if "name" in row:
        kind = "must-have" if row.get("must_have") else "nice-to-have"
        label = f"{row['name']} ({kind}, {row.get('emphasis')})"
        return f"{label}: {row['requirement']}" if row.get("requirement") else label
    return row.get("text", "")


def _differs(old: dict, new: dict) -> bool:
    # A key only one side keeps (a version published before the key existed) is no change.
    return any(old[key] != new[key] for key in old.keys() & new.keys())


def snapshot_diff(before: dict, after: dict) -> list[Change]:
    """What changed between two snapshots, field by field and block by block."""
    changes = []
    for name in (*SNAPSHOT_FIELDS, "role_family_name", "level_name"):
        if name in LATER_TEXT_NAMES and not (name in before and name in after):
            continue
        if before.get(name) != after.get(name):
            changes.append(Change(name, "changed", before.get(name), after.get(name)))
    for block, key in (("skills", "skill"), ("responsibilities", "responsibility")):
        old, new = _keyed(before.get(block), key), _keyed(after.get(block), key)
        for ident in old.keys() - new.keys():
            changes.append(Change(block, "removed", before=_label(old[ident])))
        for ident in new.keys() - old.keys():
            changes.append(Change(block, "added", after=_label(new[ident])))
        for ident in old.keys() & new.keys():
            if _differs(old[ident], new[ident]):
                changes.append(Change(block, "changed", _label(old[ident]), _label(new[ident])))
    old_rubric = _keyed(before.get("rubric"), "title")
    new_rubric = _keyed(after.get("rubric"), "title")
    for ident in old_rubric.keys() - new_rubric.keys():
        changes.append(Change("rubric", "removed", before=ident))
    for ident in new_rubric.keys() - old_rubric.keys():
        changes.append(Change("rubric", "added", after=ident))
    for ident in old_rubric.keys() & new_rubric.keys():
        if old_rubric[ident] != new_rubric[ident]:
            changes.append(Change("rubric", "changed", ident, ident))
    gone, came = _interviewer_changes(before, after)
    changes += [Change("interviewers", "removed", before=_staffing(row)) for row in gone]
    changes += [Change("interviewers", "added", after=_staffing(row)) for row in came]
    return changes


def _interviewer_changes(before: dict, after: dict) -> tuple[list[dict], list[dict]]:
    """Assignments dropped and added; none when either snapshot predates them."""
    if "interviewers" not in before or "interviewers" not in after:
        return [], []
    old, new = before["interviewers"], after["interviewers"]
    return [row for row in old if row not in new], [row for row in new if row not in old]


def _staffing(row: dict) -> str:
    return f"{row['name']}: {STAGES.get(row['stage'], row['stage'])}"


def versions_to_compare(numbers: list[int], *, before=None, after=None) -> tuple[int, int]:
    """The two published versions a comparison shows: `after` defaults to the newest of
    `numbers` (oldest first), `before` to the one before it, or to `after` when none is."""
    after = numbers[-1] if after is None else after
    older = [n for n in numbers if n < after]
    before = (older[-1] if older else after) if before is None else before
    return before, after


@dataclass(frozen=True)
class Comparison:
    """Two snapshots of a posting, named by their keys (a version number or "draft")."""

    versions: list[PostingVersion]  # newest first
    before_key: str
    after_key: str
    changes: list[Change]
    sentences: list[str]  # the same changes in the words a recruiter reads


def posting_compare(*, posting: JobPosting, before: str = "", after: str = "") -> Comparison:
    """The draft against a published version, or two published versions: the admin's
    comparison. Unknown keys show the newest version against the draft."""
    versions = list(posting.versions.order_by("-number"))
    snapshots = {str(v.number): v.snapshot for v in versions}
    snapshots[DRAFT] = posting_snapshot(posting=posting)
    after = after if after in snapshots else DRAFT
    if before not in snapshots:
        before = str(versions[0].number) if versions else DRAFT
    changes = snapshot_diff(snapshots[before], snapshots[after])
    sentences = describe_changes(snapshots[before], snapshots[after])
    return Comparison(versions, before, after, changes, sentences)


# What changed since a hiring manager's decision, in the words they read

FIELD_NAMES = {
    "title": "Title",
    "role_family_name": "Role family",
    "level_name": "Level",
    "locations": "Locations",
    "remote_policy": "Remote policy",
    "employment_type": "Employment type",
    "apply_url": "How to apply",
}
# Long texts are named, not quoted: the page below shows them.
TEXT_NAMES = {"summary": "Summary", "team": "About the team", "benefits": "Benefits"}
# Kept in versions since later: a snapshot taken before has none, which is no change.
LATER_TEXT_NAMES = {
    "about_company": "About the company",
    "equal_opportunity": "Equal-opportunity statement",
    "accommodations_contact": "Accommodations contact",
    "pay_statement": "Pay-transparency statement",
}
STAGES = dict(Criterion.Stage.choices)
PAY_FIELDS = ("salary_min", "salary_max", "salary_currency", "salary_period")
PERIODS = dict(JobPosting.SalaryPeriod.choices)


def _number(value) -> str:
    if value in (None, ""):
        return ""
    amount = Decimal(str(value))
    return f"{amount:,.0f}" if amount == amount.to_integral() else f"{amount:,.2f}"


def _pay(snapshot: dict) -> str:
    low, high = _number(snapshot.get("salary_min")), _number(snapshot.get("salary_max"))
    if not (low or high):
        return "not given"
    amount = f"{low}–{high}" if low and high else (low or high)
    period = PERIODS.get(snapshot.get("salary_period"), "")
    return " ".join(part for part in (amount, snapshot.get("salary_currency"), period) if part)


def _years(snapshot: dict) -> str:
    low, high = snapshot.get("years_min"), snapshot.get("years_max")
    if low is None and high is None:
        return "not given"
    if low is not None and high is not None:
        return f"{low}–{high} years"
    return f"{low}+ years" if low is not None else f"up to {high} years"


def _kind(skill: dict) -> str:
    return "must-have" if skill.get("must_have") else "nice-to-have"


def _weight(value) -> str:
    return _number(value) or "0"


def _criterion_changes(title: str, old: dict, new: dict) -> list[str]:
    lines = []
    if old.get("weight") != new.get("weight"):
        lines.append(f"Rubric: criterion {title} now weighs {_weight(new.get('weight'))}")
    if old.get("stage") != new.get("stage"):
        lines.append(f"Rubric: criterion {title} moved to the {new.get('stage')} stage")
    if old.get("questions") != new.get("questions"):
        lines.append(f"Rubric: the questions of {title} changed")
    if old.get("anchors") != new.get("anchors"):
        lines.append(f"Rubric: the scoring guide of {title} changed")
    return lines


def describe_changes(before: dict, after: dict) -> list[str]:
    """What changed between two snapshots as sentences a hiring manager reads: "Added
    must-have: Python", "Pay: 90,000-110,000 USD per year → 95,000-115,000 USD per year",
    "Rubric: criterion Statistics now weighs 3"."""
    lines = []
    for name, label in FIELD_NAMES.items():
        if before.get(name) != after.get(name):
            lines.append(f"{label}: {before.get(name) or '—'} → {after.get(name) or '—'}")
    for name, label in TEXT_NAMES.items():
        if before.get(name) != after.get(name):
            lines.append(f"{label} rewritten")
    for name, label in LATER_TEXT_NAMES.items():
        if name in before and name in after and before[name] != after[name]:
            lines.append(f"{label} rewritten")
    if any(before.get(name) != after.get(name) for name in PAY_FIELDS):
        lines.append(f"Pay: {_pay(before)} → {_pay(after)}")
    if (before.get("years_min"), before.get("years_max")) != (
        after.get("years_min"),
        after.get("years_max"),
    ):
        lines.append(f"Experience: {_years(before)} → {_years(after)}")

    old, new = _keyed(before.get("skills"), "skill"), _keyed(after.get("skills"), "skill")
    for ident, row in new.items():
        if ident not in old:
            lines.append(f"Added {_kind(row)}: {row['name']}")
        elif _kind(old[ident]) != _kind(row):
            lines.append(f"{row['name']}: {_kind(old[ident])} → {_kind(row)}")
        elif old[ident].get("emphasis") != row.get("emphasis"):
            lines.append(
                f"{row['name']}: emphasis {str(old[ident].get('emphasis')).lower()} → "
                f"{str(row.get('emphasis')).lower()}"
            )
    lines += [f"Removed {_kind(row)}: {row['name']}" for i, row in old.items() if i not in new]

    old_duties = [duty["text"] for duty in before.get("responsibilities") or ()]
    new_duties = [duty["text"] for duty in after.get("responsibilities") or ()]
    lines += [f"Added responsibility: {text}" for text in new_duties if text not in old_duties]
    lines += [f"Removed responsibility: {text}" for text in old_duties if text not in new_duties]

    old_rubric, new_rubric = before.get("rubric"), after.get("rubric")
    if old_rubric is None and new_rubric is not None:
        lines.append("Rubric: built")
    old_criteria, new_criteria = _keyed(old_rubric, "title"), _keyed(new_rubric, "title")
    for title, row in new_criteria.items():
        if title not in old_criteria:
            lines.append(f"Rubric: added criterion {title} (weighs {_weight(row.get('weight'))})")
        else:
            lines += _criterion_changes(title, old_criteria[title], row)
    lines += [f"Rubric: removed criterion {t}" for t in old_criteria if t not in new_criteria]
    gone, came = _interviewer_changes(before, after)
    lines += [f"Interviewers: {row['name']} now runs the {_stage(row)} stage" for row in came] + [
        f"Interviewers: {row['name']} no longer runs the {_stage(row)} stage" for row in gone
    ]
    return lines


def _stage(row: dict) -> str:
    return STAGES.get(row["stage"], row["stage"]).lower()


@dataclass(frozen=True)
class SinceReview:
    """A hiring manager's last decision on a posting and what changed since, in words."""

    review: Review
    changes: list[str]


def posting_changes_since_review(*, posting: JobPosting, user) -> SinceReview | None:
    """What changed since `user`'s last decision on the posting (or, for a manager who has
    not decided yet, since the last decision anyone made): None before any decision that
    kept its snapshot."""
    reviews = posting.reviews.filter(snapshot__isnull=False).select_related("reviewer")
    review = (
        reviews.filter(reviewer=user).order_by("-created_at", "-id").first()
        or reviews.order_by("-created_at", "-id").first()
    )
    if review is None:
        return None
    return SinceReview(review, describe_changes(review.snapshot, posting_snapshot(posting=posting)))
