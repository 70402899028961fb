"""Writes of a posting and its skill and responsibility rows.

Each service takes keyword arguments, validates with `full_clean()`, and wraps
multi-row writes in a transaction. `posting_blocks_set` and `posting_blocks_add` are the
only code that writes a posting's rows; `posting_check_version` is the optimistic lock's
one check, shared by the admin's forms, the review pages, the API and the rubrics.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from roles.models import EmphasisLevel, Level, Responsibility, RoleFamily

from ..findings.selectors import posting_analysis
from ..models import (
    Company,
    Criterion,
    JobPosting,
    PostingNote,
    PostingResponsibility,
    PostingSkill,
    Rubric,
)
from ..webhooks import events

Status = JobPosting.Status

NOT_EDITABLE = "Only a draft can be edited; this posting is {status}. Revise it to make changes."
STALE_VERSION = (
    "Someone else saved this posting (now version {current}) after you opened version "
    "{expected}. Your changes were not saved; reload the posting and apply them again."
)
WRONG_COMPANY = "{what} belongs to another company."
DUPLICATE_SKILL = "{name} is listed twice; list each skill once."
DUPLICATE_ORDER = "Two rows have the order {order}; give each row its own number."
LEVEL_OF_OTHER_FAMILY = (
    "Level {level!r} ({name}) is a step on the {family} ladder, not on the {declared} one; "
    "pick a level of the {declared} ladder, or none."
)
CATALOG_REWORDED = (
    "The shared catalog was reloaded and now words what this posting shows differently: "
    "{changes}. Check that the posting still says what was reviewed."
)
CATALOG_CHANGE = "{kind} “{before}” is now “{after}”"


class PostingError(Exception):
    """A request that the posting's state or the user's role does not allow."""


class StaleVersionError(PostingError):
    """The change was based on a version of the posting that is no longer current."""

    def __init__(self, *, current: int, expected: int):
        super().__init__(STALE_VERSION.format(current=current, expected=expected))
        self.current = current
        self.expected = expected


class NotAllowedError(PostingError):
    """The user's role, company or assignment does not allow this on this posting."""


# The version: the optimistic lock


def posting_check_version(
    *, posting: JobPosting, expected_version: int, current: int | None = None
) -> None:
    """The optimistic lock's one check: refuse work based on a version of the posting that
    is no longer current. Rubric edits move the posting's version too, so it guards both.

    `current` is the version the caller has just read (a locked row, or the row an API
    request loaded); without it the database is asked.
    """
    if current is None:
        current = JobPosting.objects.values_list("version", flat=True).get(pk=posting.pk)
    if current != expected_version:
        raise StaleVersionError(current=current, expected=expected_version)


def posting_claim_version(*, posting: JobPosting, expected_version: int | None = None) -> None:
    """Claim the next version atomically; a change based on an older version is refused.

    A new version is a change API clients must see, so `updated_at` moves with it.
    """
    expected = posting.version if expected_version is None else expected_version
    claimed = JobPosting.objects.filter(pk=posting.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not claimed:
        # Another save claimed `expected` first; versions only grow, so the check refuses.
        posting_check_version(posting=posting, expected_version=expected)
    posting.version = expected + 1


def posting_check_editable(*, posting: JobPosting) -> None:
    """Refuse an edit unless the posting is a draft in the database, not only in memory."""
    status = JobPosting.objects.values_list("status", flat=True).get(pk=posting.pk)
    if status not in JobPosting.EDITABLE_STATUSES:
        raise PostingError(NOT_EDITABLE.format(status=Status(status).label.lower()))


def posting_lock(*, posting: JobPosting, expected_version: int) -> JobPosting:
    """The posting's row, locked until the transaction ends; refused unless it is a draft
    at `expected_version`. What a write that changes nothing still checks."""
    current = JobPosting.objects.select_for_update().get(pk=posting.pk)
    if not current.is_editable:
        raise PostingError(NOT_EDITABLE.format(status=current.get_status_display().lower()))
    posting_check_version(
        posting=posting, expected_version=expected_version, current=current.version
    )
    return current


def check_editable(*, posting: JobPosting) -> None:
    """Raise a ValidationError a form can show when a posting may not be edited."""
    if not posting.is_editable:
        raise ValidationError(NOT_EDITABLE.format(status=posting.get_status_display().lower()))


# The rows: skills and responsibilities


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


# Postings


def posting_check_level(*, role_family: RoleFamily | None, level: Level | None) -> None:
    """A posting's level must be a step on its own role family's ladder.

    The one place this is checked: `JobPosting.clean()` calls it, so the admin's forms and
    every service that runs `full_clean()` refuse it, and the API reports it with the
    request's other field errors.
    """
    if role_family is None or level is None or level.role_family_id == role_family.pk:
        return
    message = LEVEL_OF_OTHER_FAMILY.format(
        level=level.slug, name=level.name, family=level.role_family.name, declared=role_family.name
    )
    raise ValidationError({"level": ValidationError(message, code="level_of_other_family")})


def _duty_row(item) -> dict:
    if isinstance(item, dict):
        return item
    if isinstance(item, Responsibility):
        return {"responsibility": item}
    if isinstance(item, tuple):  # a duty in its own words
        text, responsibility, skills = item
        return {"text": text, "responsibility": responsibility, "skills": list(skills)}
    return {"text": str(item)}


def posting_add(*, posting: JobPosting) -> JobPosting:
    """Save a new draft built in memory (by `posting_create`, or by the admin's form,
    whose inlines then save its blocks)."""
    posting.full_clean()
    posting.save()
    return posting


@transaction.atomic
def posting_create(
    *,
    company: Company,
    title: str,
    role_family: RoleFamily,
    recruiter=None,
    level: Level | None = None,
    skills=(),
    responsibilities=(),
    prefill_from_role: bool = False,
    **fields,
) -> JobPosting:
    """A new draft with its blocks; with `prefill_from_role`, the role's defaults after them.

    `skills` are rows as `posting_blocks_set` takes them or (skill, must_have, emphasis)
    tuples; `responsibilities` rows, catalog rows, custom strings, or (text, catalog row or
    None, skills it names) for a duty in its own words; each in its order.
    """
    posting = posting_add(
        posting=JobPosting(
            company=company,
            title=title,
            role_family=role_family,
            level=level,
            recruiter=recruiter,
            **fields,
        )
    )
    skill_rows = [
        row
        if isinstance(row, dict)
        else dict(zip(("skill", "must_have", "emphasis"), row, strict=True))
        for row in skills
    ]
    duty_rows = [_duty_row(item) for item in responsibilities]
    posting_blocks_set(
        posting=posting, skills=rows_ordered(skill_rows), responsibilities=rows_ordered(duty_rows)
    )
    if prefill_from_role:
        posting_prefill_from_role(posting=posting)
    else:
        posting_refresh_findings(posting=posting)
    return posting


def posting_create_from_role(
    *,
    company: Company,
    role_family: RoleFamily,
    level: Level | None = None,
    recruiter=None,
    title: str = "",
    **fields,
) -> JobPosting:
    """A draft pre-filled with the role's core responsibilities and heavy skills."""
    if level is not None and "years_min" not in fields:
        fields["years_min"] = level.min_years
        fields["years_max"] = level.max_years
    return posting_create(
        company=company,
        title=title or (level.name if level else role_family.name),
        role_family=role_family,
        level=level,
        recruiter=recruiter,
        prefill_from_role=True,
        **fields,
    )


# How many of a role's heavy skills a pre-filled posting asks for as must-haves; the rest
# come in as nice-to-haves. Fifteen must-haves would read as a wish list (rules.W401).
PREFILL_MUST_HAVES = 8
PREFILL_MUST_HAVES_JUNIOR = 6
# And how many of its core responsibilities: a candidate reads eight bullets, not twenty.
PREFILL_RESPONSIBILITIES = 8


@transaction.atomic
def posting_prefill_from_role(*, posting: JobPosting) -> JobPosting:
    """Add the declared role's heavy skills and core responsibilities not yet on the posting.

    The skills that define the role come first, always as heavy must-haves (one the posting
    already lists as a nice-to-have is promoted). The heavy skills the core
    responsibilities exercise most follow as must-haves (fewer for the most junior level);
    the other heavy skills are added as nice-to-haves. The core responsibilities that
    exercise the most heavy skills come first, up to eight.
    """
    role_family = posting.role_family
    core = list(
        role_family.core_responsibilities.filter(company__isnull=True)
        .exclude(pk__in=posting.responsibilities.values("responsibility"))
        .prefetch_related("skills")
        .order_by("text")
    )
    heavy_of_role = role_family.emphases.filter(
        level=EmphasisLevel.HEAVY, skill__company__isnull=True
    )
    _promote_defining(
        posting, set(heavy_of_role.filter(defining=True).values_list("skill_id", flat=True))
    )
    heavy = list(
        heavy_of_role.exclude(skill__in=posting.skills.values("skill")).select_related("skill")
    )
    used = Counter(skill.pk for item in core for skill in item.skills.all())
    heavy.sort(key=lambda e: (not e.defining, -used[e.skill_id], e.skill.category, e.skill.name))
    junior = posting.level is not None and posting.level.rank <= 1
    room = (PREFILL_MUST_HAVES_JUNIOR if junior else PREFILL_MUST_HAVES) - posting.skills.filter(
        must_have=True
    ).count()
    heavy_ids = {e.skill_id for e in heavy}
    core.sort(key=lambda item: (-sum(s.pk in heavy_ids for s in item.skills.all()), item.text))
    slots = max(0, PREFILL_RESPONSIBILITIES - posting.responsibilities.count())
    must = [e.defining or index <= room for index, e in enumerate(heavy, start=1)]
    posting_blocks_add(
        posting=posting,
        skills=[
            {
                "skill": emphasis.skill,
                "must_have": must_have,
                "emphasis": EmphasisLevel.HEAVY if must_have else EmphasisLevel.MEDIUM,
            }
            for emphasis, must_have in zip(heavy, must, strict=True)
        ],
        responsibilities=[{"responsibility": item} for item in core[:slots]],
    )
    posting_refresh_findings(posting=posting)
    return posting


def _promote_defining(posting: JobPosting, defining: set[int]) -> None:
    """Make the posting's rows of the role's defining skills heavy must-haves."""
    rows = list(posting.skills.select_related("skill"))
    promoted = {
        row.pk
        for row in rows
        if row.skill_id in defining and not (row.must_have and row.emphasis == EmphasisLevel.HEAVY)
    }
    if not promoted:
        return
    posting_blocks_set(
        posting=posting,
        skills=[
            {
                "id": row.pk,
                "skill": row.skill,
                "must_have": row.must_have or row.pk in promoted,
                "emphasis": EmphasisLevel.HEAVY if row.pk in promoted else row.emphasis,
                "requirement": row.requirement,
                "order": row.order,
            }
            for row in rows
        ],
    )


@transaction.atomic
def posting_clone(*, posting: JobPosting, by=None) -> JobPosting:
    """A new draft with the same content and blocks (not the rubric's approval or history)."""
    source = JobPosting.objects.get(pk=posting.pk)
    clone = JobPosting.objects.get(pk=posting.pk)
    clone.pk = None
    clone.title = f"{source.title} (copy)"
    clone.status = Status.DRAFT
    clone.version = 1
    clone.published_version = None
    clone.cloned_from = source
    clone.recruiter = by if by is not None and by.is_authenticated else source.recruiter
    clone.full_clean()
    clone.save()
    posting_blocks_copy(copies=[(source, clone)])
    rubric = Rubric.objects.filter(posting=source).first()
    if rubric is not None:
        new_rubric = Rubric.objects.create(posting=clone, notes=rubric.notes)
        criteria = list(rubric.criteria.all())
        for criterion in criteria:
            criterion.pk = None
            criterion.rubric = new_rubric
        Criterion.objects.bulk_create(criteria)
    posting_refresh_findings(posting=clone)
    return clone


@transaction.atomic
def posting_save(
    *, posting: JobPosting, expected_version: int, by=None, refresh_findings: bool = True
) -> JobPosting:
    """Save a draft's edited fields, refusing a save based on a stale version.

    A caller that saves the blocks next (the admin's inlines) passes
    `refresh_findings=False` and refreshes once afterwards.
    """
    posting_check_editable(posting=posting)
    posting.full_clean()
    posting_claim_version(posting=posting, expected_version=expected_version)
    posting.save()
    if refresh_findings:
        posting_refresh_findings(posting=posting)
    transaction.on_commit(lambda: events.emit("posting.updated", posting.pk), robust=True)
    return posting


@transaction.atomic
def posting_update(
    *,
    posting: JobPosting,
    expected_version: int,
    by,
    skills: list[dict] | None = None,
    responsibilities: list[dict] | None = None,
    **fields,
) -> JobPosting:
    """Save a draft's changed fields and replace the block lists that were sent.

    `posting_save` refuses anything but a draft and a stale version; the blocks are
    written in the same transaction, so a refused save changes nothing.
    """
    changed = {name: value for name, value in fields.items() if getattr(posting, name) != value}
    if not changed and skills is None and responsibilities is None:
        # Nothing to write: a new version would make every other writer's ETag stale for
        # nothing. Refused as an edit would be.
        posting_lock(posting=posting, expected_version=expected_version)
        return posting
    for name, value in changed.items():
        setattr(posting, name, value)
    posting_save(posting=posting, expected_version=expected_version, by=by, refresh_findings=False)
    posting_blocks_set(posting=posting, skills=skills, responsibilities=responsibilities)
    posting_refresh_findings(posting=posting)
    return posting


def posting_touch(*, posting: JobPosting) -> None:
    """Record that a posting's blocks changed: other editors' saves become stale, and the
    findings are checked again."""
    posting_claim_version(posting=posting)
    posting_refresh_findings(posting=posting)


def posting_refresh_findings(*, posting: JobPosting, analysis=None) -> JobPosting:
    """Store the counts of open findings that the changelist shows and filters on.

    A change of counts is a change of the posting for API clients, so it moves
    `updated_at` (incremental sync and the list cache see it).
    """
    analysis = analysis or posting_analysis(posting=posting)
    counts = analysis.open_counts()
    stored = JobPosting.objects.filter(pk=posting.pk).values_list(
        "open_errors", "open_warnings", "open_infos"
    )
    posting.open_errors = counts["error"]
    posting.open_warnings = counts["warning"]
    posting.open_infos = counts["info"]
    fresh = (posting.open_errors, posting.open_warnings, posting.open_infos)
    if stored.first() != fresh:
        JobPosting.objects.filter(pk=posting.pk).update(
            open_errors=posting.open_errors,
            open_warnings=posting.open_warnings,
            open_infos=posting.open_infos,
            updated_at=timezone.now(),
        )
    return posting


# Postings a catalog reload rewords: one under review, or approved, must not change
# silently; a draft is still being written, and a published one shows its snapshot.
REWORDING_NOTED = (Status.IN_REVIEW, Status.APPROVED)


def catalog_reloaded(result, **kwargs) -> None:
    """Receives `roles.signals.catalog_loaded` (connected in `HiringConfig.ready`)."""
    if result.reworded:
        posting_note_catalog_rewording(reworded=result.reworded)


@transaction.atomic
def posting_note_catalog_rewording(*, reworded) -> list[PostingNote]:
    """Note on each posting in review or approved which of its blocks a catalog reload
    reworded (`roles.services.Reworded` rows), as a new version of the posting.

    A block shows the catalog's words when the posting did not write its own: a skill row,
    a rubric criterion without a title, a responsibility without custom text.
    """
    skills = {change.pk: change for change in reworded if change.kind == "skill"}
    duties = {change.pk: change for change in reworded if change.kind == "responsibility"}
    noted = REWORDING_NOTED
    uses = [  # (posting id, changed row id) pairs, and which changes the ids name
        (
            PostingSkill.objects.filter(skill__in=skills, posting__status__in=noted)
            .values_list("posting", "skill")
            .order_by("pk"),
            skills,
        ),
        (
            Criterion.objects.filter(skill__in=skills, title="", rubric__posting__status__in=noted)
            .values_list("rubric__posting", "skill")
            .order_by("pk"),
            skills,
        ),
        (
            PostingResponsibility.objects.filter(
                responsibility__in=duties, text="", posting__status__in=noted
            )
            .values_list("posting", "responsibility")
            .order_by("pk"),
            duties,
        ),
    ]
    shown: dict[int, dict] = {}  # posting id -> its changes, in order, each once
    for pairs, changes in uses:
        for posting_id, row_id in pairs:
            shown.setdefault(posting_id, {})[changes[row_id]] = None
    notes = []
    for posting in JobPosting.objects.filter(pk__in=shown).order_by("pk"):
        # A new version: a decision or an If-Match based on the old wording is stale.
        posting_touch(posting=posting)
        changes = "; ".join(
            CATALOG_CHANGE.format(kind=c.kind, before=c.before, after=c.after)
            for c in shown[posting.pk]
        )
        note = PostingNote(
            posting=posting,
            kind=PostingNote.Kind.CATALOG_CHANGE,
            text=CATALOG_REWORDED.format(changes=changes),
            posting_version=posting.version,
        )
        note.full_clean()
        note.save()
        notes.append(note)
    return notes
