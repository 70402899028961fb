"""Published versions: the snapshot a publish keeps, what changed between two snapshots,
and which two a comparison shows when the reader names none."""

from dataclasses import dataclass
from decimal import Decimal

from ..models import Criterion, JobPosting, PostingVersion
from .selectors import posting_detail_item, posting_detail_row

SNAPSHOT_FIELDS = JobPosting.CONTENT_FIELDS
DRAFT = "draft"


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def posting_snapshot(*, posting: JobPosting) -> dict:
    """The posting, its blocks and its rubric as a published version keeps them: the
    posting's JSON with the text as typed and names beside the slugs (what candidates
    read and a diff compares)."""
    row = posting_detail_row(JobPosting.objects.filter(pk=posting.pk))
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
    return changes


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
    return Comparison(versions, before, after, changes)
