"""The one writer of a posting's skill and responsibility rows: the services, the admin's
inlines, the API, the import from text, the demo and the load-test seed all write them
here, so that an order, a duplicate or another company's block is refused in one place."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from roles.models import EmphasisLevel

from ..models import JobPosting, PostingResponsibility, PostingSkill
from .errors import PostingError

WRONG_COMPANY = "{what} belongs to another company."
DUPLICATE_SKILL = "{name} is listed twice; list each skill once."
DUPLICATE_ORDER = "Two rows have the order {order}; give each row its own number."


def _check_company(company_id: int, **rows) -> None:
    for what, row in rows.items():
        owner = getattr(row, "company_id", None)
        if owner is not None and owner != company_id:
            raise PostingError(WRONG_COMPANY.format(what=what))


def _skill_row(posting: JobPosting, row: dict) -> PostingSkill:
    _check_company(posting.company_id, skill=row["skill"])
    return PostingSkill(
        posting=posting,
        skill=row["skill"],
        must_have=row.get("must_have", True),
        emphasis=row.get("emphasis", EmphasisLevel.MEDIUM),
        requirement=(row.get("requirement") or "").strip(),
        order=row["order"],
    )


def _responsibility_row(posting: JobPosting, row: dict) -> PostingResponsibility:
    responsibility = row.get("responsibility")
    _check_company(posting.company_id, responsibility=responsibility)
    return PostingResponsibility(
        posting=posting,
        responsibility=responsibility,
        text=(row.get("text") or "").strip(),
        order=row["order"],
    )


BLOCKS = {  # block name -> (model, row builder, fields a kept row may change)
    "skills": (
        PostingSkill,
        _skill_row,
        ("skill", "must_have", "emphasis", "requirement", "order"),
    ),
    "responsibilities": (
        PostingResponsibility,
        _responsibility_row,
        ("responsibility", "text", "order"),
    ),
}


def _check_rows(rows: list) -> None:
    """Each order once, and each skill once, before the database is asked."""
    orders = Counter(row.order for row in rows)
    if twice := [order for order, n in orders.items() if n > 1]:
        raise ValidationError(DUPLICATE_ORDER.format(order=twice[0]))
    skills = Counter(getattr(row, "skill_id", None) for row in rows)
    skills.pop(None, None)
    if twice := [skill for skill, n in skills.items() if n > 1]:
        name = next(row.skill.name for row in rows if getattr(row, "skill_id", None) == twice[0])
        raise ValidationError(DUPLICATE_SKILL.format(name=name))


def _write_block(posting: JobPosting, block: str, rows: list[dict], *, replace: bool) -> dict:
    """Write one block's rows; what was created, changed and deleted.

    With `replace`, the rows listed are the block: a row given with the `id` of one of the
    posting's rows updates it in place (its findings' acknowledgements keep pointing at
    it), the rows not listed are deleted. Otherwise the rows are added to the block.
    """
    model, build, editable = BLOCKS[block]
    rows_of_posting = model.objects.filter(posting=posting).select_related(editable[0])
    existing = {row.pk: row for row in rows_of_posting} if replace else {}
    kept, new, named = [], [], []
    for data in rows:
        row = build(posting, data)
        if "skills" in data:  # the skills a duty in its own words names
            for skill in data["skills"]:
                _check_company(posting.company_id, skill=skill)
            named.append((row, data["skills"]))
        # The blocks come as loaded rows: checking that they exist would ask once a row.
        row.full_clean(
            exclude=["posting", "skill", "responsibility"],
            validate_unique=False,
            validate_constraints=False,
        )
        if data.get("id") in existing:
            row.pk = data["id"]
            kept.append(row)
        else:
            new.append(row)
    kept_ids = {row.pk for row in kept}
    deleted = [row for pk, row in existing.items() if pk not in kept_ids]
    if not replace:
        taken = set(model.objects.filter(posting=posting).values_list("order", flat=True))
        _check_rows([*new, *(model(order=order) for order in taken)])
    else:
        _check_rows([*kept, *new])
    if deleted:
        model.objects.filter(pk__in=[row.pk for row in deleted]).delete()
    changed = [
        (row, [name for name in editable if _value(row, name) != _value(existing[row.pk], name)])
        for row in kept
    ]
    changed = [(row, names) for row, names in changed if names]
    moving = [row for row, names in changed if "order" in names]
    if moving:
        # One row per order at every moment: rows that change their number first move to
        # numbers no row uses, then take their new ones.
        free = max([*(row.order for row in kept + new), *(r.order for r in existing.values())])
        for offset, row in enumerate(moving, start=1):
            model.objects.filter(pk=row.pk).update(order=free + offset)
    if changed:
        model.objects.bulk_update([row for row, _ in changed], editable)
    model.objects.bulk_create(new)
    if named:
        _set_named_skills(named, new=not replace)
    # A duty's own skills were read from its words: new words without new skills drop them
    # (its catalog responsibility's skills still count).
    renamed = {row.pk for row, _ in named}
    reworded = [row.pk for row, names in changed if "text" in names and row.pk not in renamed]
    if block == "responsibilities" and reworded:
        PostingResponsibility.skills.through.objects.filter(
            postingresponsibility__in=reworded
        ).delete()
    return {"new": new, "changed": changed, "deleted": deleted}


def _set_named_skills(named: list[tuple[PostingResponsibility, list]], *, new: bool) -> None:
    through = PostingResponsibility.skills.through
    if not new:
        through.objects.filter(postingresponsibility__in=[row.pk for row, _ in named]).delete()
    through.objects.bulk_create(
        through(postingresponsibility_id=row.pk, skill_id=skill.pk)
        for row, skills in named
        for skill in dict.fromkeys(skills)
    )


def _value(row, name: str):
    field = row._meta.get_field(name)
    return getattr(row, field.attname)


@transaction.atomic
def posting_blocks_set(
    *, posting: JobPosting, skills: list[dict] | None = None, responsibilities=None
) -> dict[str, dict]:
    """Replace the blocks given (None leaves a block as it is); the one writer of a
    posting's rows, with `posting_blocks_add`.

    A skill row is {skill, must_have, emphasis, requirement, order}, a responsibility row
    {responsibility, text, order} and, for a duty in its own words, the `skills` it names;
    either may carry the `id` of the row it updates.
    Returns, per block written, the rows created, changed and deleted.
    """
    written = {}
    for block, rows in (("skills", skills), ("responsibilities", responsibilities)):
        if rows is not None:
            written[block] = _write_block(posting, block, rows, replace=True)
    return written


@transaction.atomic
def posting_blocks_add(
    *, posting: JobPosting, skills: list[dict] = (), responsibilities: list[dict] = ()
) -> None:
    """Add rows after the posting's own; rows without an `order` are numbered on."""
    for block, rows in (("skills", skills), ("responsibilities", responsibilities)):
        if not rows:
            continue
        model = BLOCKS[block][0]
        last = model.objects.filter(posting=posting).aggregate(n=Max("order"))["n"] or 0
        numbered = []
        for row in rows:
            if row.get("order") is None:
                last += 1
                row = {**row, "order": last}
            numbered.append(row)
        _write_block(posting, block, numbered, replace=False)


def posting_blocks_copy(*, copies: list[tuple[JobPosting, JobPosting]]) -> None:
    """Give each new posting the rows of its source, (source, copy) pairs, in a fixed
    number of queries however many copies (a clone, or a seeded load test's postings)."""
    sources = {source.pk for source, _ in copies}
    skills: dict[int, list[dict]] = {pk: [] for pk in sources}
    for row in PostingSkill.objects.filter(posting__in=sources).values(
        "posting_id", "skill_id", "must_have", "emphasis", "requirement", "order"
    ):
        skills[row.pop("posting_id")].append(row)
    PostingSkill.objects.bulk_create(
        PostingSkill(posting=copy, **row) for source, copy in copies for row in skills[source.pk]
    )
    duties: dict[int, list[PostingResponsibility]] = {pk: [] for pk in sources}
    for duty in PostingResponsibility.objects.filter(posting__in=sources).prefetch_related(
        "skills"
    ):
        duties[duty.posting_id].append(duty)
    pairs = [
        (
            duty,
            PostingResponsibility(
                posting=copy,
                responsibility_id=duty.responsibility_id,
                text=duty.text,
                order=duty.order,
            ),
        )
        for source, copy in copies
        for duty in duties[source.pk]
    ]
    PostingResponsibility.objects.bulk_create(row for _, row in pairs)
    named = [(row, list(duty.skills.all())) for duty, row in pairs if duty.skills.all()]
    if named:
        _set_named_skills(named, new=True)


def rows_ordered(rows: list[dict]) -> list[dict]:
    """Rows sorted by their `order`, those without one after them as listed, numbered
    1..n: how a list sent whole (by the API, by an import) is placed."""
    ranked = sorted(
        enumerate(rows),
        key=lambda pair: (
            (0, pair[1]["order"], 0) if pair[1].get("order") is not None else (1, 0, pair[0])
        ),
    )
    return [{**row, "order": number} for number, (_, row) in enumerate(ranked, start=1)]
