"""Writes of a posting and its skill and responsibility rows.

Each service takes keyword arguments, validates with `full_clean()`, and wraps
multi-row writes in a transaction. The rows themselves are written by `blocks`;
`posting_check_version` is the optimistic lock's one check, shared by the admin's forms,
the review pages, the API and the rubrics.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from roles.models import EmphasisLevel, Level, Responsibility, RoleFamily

from ..findings.selectors import posting_analysis, postings_analysis
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
from .blocks import posting_blocks_add, posting_blocks_copy, posting_blocks_set, rows_ordered
from .errors import PostingError, StaleVersionError

Status = JobPosting.Status

NOT_EDITABLE = "Only a draft can be edited; this posting is {status}. Revise it to make changes."
LEVEL_OF_OTHER_FAMILY = (
    "Level {level!r} ({name}) is a step on the {family} ladder, not on the {declared} one; "
    "pick a level of the {declared} ladder, or none."
)
CATALOG_REWORDED = (
    "The shared catalog was reloaded and now words what this posting shows differently: "
    "{changes}. Check that the posting still says what was reviewed."
)
CATALOG_CHANGE = "{kind} “{before}” is now “{after}”"


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
    clone.slug, clone.valid_through = "", None  # its own address and last day, on publish
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
    stored = JobPosting.objects.filter(pk=posting.pk).values_list(*OPEN_COUNT_FIELDS)
    fresh = _open_counts_set(posting, analysis)
    if stored.first() != fresh:
        JobPosting.objects.filter(pk=posting.pk).update(
            open_errors=posting.open_errors,
            open_warnings=posting.open_warnings,
            open_infos=posting.open_infos,
            updated_at=timezone.now(),
        )
    return posting


OPEN_COUNT_FIELDS = ("open_errors", "open_warnings", "open_infos")


def _open_counts_set(posting: JobPosting, analysis) -> tuple[int, int, int]:
    counts = analysis.open_counts()
    posting.open_errors = counts["error"]
    posting.open_warnings = counts["warning"]
    posting.open_infos = counts["info"]
    return (posting.open_errors, posting.open_warnings, posting.open_infos)


def company_postings_refresh_findings(*, company) -> int:
    """`posting_refresh_findings` for every posting of `company`, after an edit of the
    texts they show (the language checks read them): one analysis of all of them and one
    write of those whose counts moved. Returns how many moved."""
    moved = []
    now = timezone.now()
    for analysis in postings_analysis(
        JobPosting.objects.filter(company=company), company=company.pk
    ):
        posting = analysis.posting
        stored = tuple(getattr(posting, name) for name in OPEN_COUNT_FIELDS)
        if _open_counts_set(posting, analysis) != stored:
            posting.updated_at = now  # a change of counts is a change for API clients
            moved.append(posting)
    JobPosting.objects.bulk_update(moved, [*OPEN_COUNT_FIELDS, "updated_at"])
    return len(moved)


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
