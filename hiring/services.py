"""Writes shared by the admin, the review pages and the API.

Each service takes keyword arguments, validates with `full_clean()`, and wraps
multi-row writes in a transaction. Errors a user can act on are `PostingError`s whose
messages are the module constants below.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from roles.models import EmphasisLevel, InterviewQuestion, Level, Responsibility, RoleFamily

from .models import (
    Company,
    Criterion,
    FindingAcknowledgement,
    JobPosting,
    Membership,
    PostingNote,
    PostingResponsibility,
    PostingSkill,
    PostingVersion,
    Review,
    Rubric,
)
from .selectors import posting_analysis, posting_may_decide, posting_snapshot
from .tenancy import company_of, is_hiring_manager, membership_of
from .webhooks import events

Status = JobPosting.Status

NOT_EDITABLE = "Only a draft can be edited; this posting is {status}. Revise it to make changes."
STALE_VERSION = (
    "Someone else saved this posting (now version {current}) after you opened version "
    "{expected}. Your changes were not saved; reload the posting and apply them again."
)
ILLEGAL_TRANSITION = "A posting that is {current} cannot be {action}."
ONLY_HIRING_MANAGER = "Only a hiring manager of {company} can review this posting."
ASSIGNED_ELSEWHERE = (
    "{manager} reviews this posting: only they can approve it or send it back. A recruiter "
    "can hand the review to you."
)
NOT_A_MANAGER = "{user} is not a hiring manager of {company}."
NOT_REASSIGNABLE = "A posting that is {status} has no review to hand over."
ONLY_RECRUITER = "Only a recruiter of {company} can {action} this posting."
NEEDS_HIRING_MANAGER = "Choose the hiring manager who will review this posting before submitting."
NEEDS_COMMENT = "Say what should change: a comment is required when requesting changes."
NEEDS_SKILLS = "Add at least one skill before submitting."
WRONG_COMPANY = "{what} belongs to another company."
OPEN_ERRORS = (
    "This posting has {count} open error finding(s); fix or acknowledge them before "
    "publishing: {codes}."
)
LEVEL_OF_OTHER_FAMILY = (
    "Level {level!r} ({name}) is a step on the {family} ladder, not on the {declared} one; "
    "pick a level of the {declared} ladder, or none."
)
CATALOG_REWORDED = (
    "The shared catalog was reloaded and now words what this posting shows differently: "
    "{changes}. Check that the posting still says what was reviewed."
)
CATALOG_CHANGE = "{kind} “{before}” is now “{after}”"
UNKNOWN_FINDING = "That finding is no longer reported for this posting; reload the page."
NEEDS_REASON = "Say why this finding is acceptable: a reason is required."

# Which status each action moves a posting from and to.
TRANSITIONS = {
    "submitted": ({Status.DRAFT}, Status.IN_REVIEW),
    "approved": ({Status.IN_REVIEW}, Status.APPROVED),
    "sent back for changes": ({Status.IN_REVIEW}, Status.DRAFT),
    "published": ({Status.APPROVED}, Status.PUBLISHED),
    "revised": ({Status.APPROVED, Status.PUBLISHED}, Status.DRAFT),
    "archived": ({Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED}, None),
}


class PostingError(Exception):
    """A request that the posting's state or the user's role does not allow."""


class StaleVersionError(PostingError):
    pass


class NotAllowedError(PostingError):
    """The user's role, company or assignment does not allow this on this posting."""


def _check_transition(posting: JobPosting, action: str) -> Status:
    sources, target = TRANSITIONS[action]
    if posting.status not in sources:
        raise PostingError(
            ILLEGAL_TRANSITION.format(current=posting.get_status_display().lower(), action=action)
        )
    return target or Status.ARCHIVED


def _require_recruiter(posting: JobPosting, user, action: str) -> None:
    if getattr(user, "is_superuser", False):
        return
    membership = membership_of(user)
    if (
        membership is None
        or membership.company_id != posting.company_id
        or membership.role != Membership.Role.RECRUITER
    ):
        raise PostingError(ONLY_RECRUITER.format(company=posting.company, action=action))


def _require_decider(posting: JobPosting, user) -> None:
    if posting_may_decide(posting=posting, user=user):
        return
    if is_hiring_manager(user) and company_of(user) == posting.company:
        raise NotAllowedError(ASSIGNED_ELSEWHERE.format(manager=posting.hiring_manager))
    raise NotAllowedError(ONLY_HIRING_MANAGER.format(company=posting.company))


def posting_check_version(*, posting: JobPosting, expected_version: int) -> None:
    """The optimistic lock's one check: refuse work based on a version of the posting that
    is no longer current. Rubric edits move the posting's version too, so it guards both.

    Forms call it to refuse a stale save with the input kept; `_bump_version` claims the
    next version atomically and reports a lost race through it.
    """
    current = JobPosting.objects.values_list("version", flat=True).get(pk=posting.pk)
    if current != expected_version:
        raise StaleVersionError(STALE_VERSION.format(current=current, expected=expected_version))


def _bump_version(posting: JobPosting, expected_version: int | None = None) -> None:
    """Claim the next version atomically; a save based on an older version is refused.

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


def _require_draft(posting: JobPosting) -> None:
    """Refuse an edit unless the posting is a draft in the database, not only in memory."""
    status = JobPosting.objects.values_list("status", flat=True).get(pk=posting.pk)
    if status != Status.DRAFT:
        raise PostingError(NOT_EDITABLE.format(status=Status(status).label.lower()))


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


def _check_company(company: Company, **rows) -> None:
    for what, row in rows.items():
        owner = getattr(row, "company_id", None)
        if owner is not None and owner != company.pk:
            raise PostingError(WRONG_COMPANY.format(what=what))


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
    **fields,
) -> JobPosting:
    """A new draft; `skills` are (skill, must_have, emphasis) and `responsibilities`
    are catalog rows, custom strings, or (text, catalog row or None, skills it names)
    for a duty in its own words, all in their order."""
    posting = JobPosting(
        company=company,
        title=title,
        role_family=role_family,
        level=level,
        recruiter=recruiter,
        **fields,
    )
    posting.full_clean()
    posting.save()
    for order, (skill, must_have, emphasis) in enumerate(skills, start=1):
        _check_company(company, skill=skill)
        row = PostingSkill(
            posting=posting, skill=skill, must_have=must_have, emphasis=emphasis, order=order
        )
        row.full_clean()
        row.save()
    for order, item in enumerate(responsibilities, start=1):
        if isinstance(item, Responsibility):
            item = ("", item, ())
        elif not isinstance(item, tuple):
            item = (str(item), None, ())
        text, duty, named = item
        _check_company(company, responsibility=duty)
        row = PostingResponsibility(posting=posting, responsibility=duty, text=text, order=order)
        row.full_clean()
        row.save()
        if named:
            for skill in named:
                _check_company(company, skill=skill)
            row.skills.set(named)
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
    with transaction.atomic():
        posting = posting_create(
            company=company,
            title=title or (level.name if level else role_family.name),
            role_family=role_family,
            level=level,
            recruiter=recruiter,
            **fields,
        )
        posting_prefill_from_role(posting=posting)
    return posting


# How many of a role's heavy skills a pre-filled posting asks for as must-haves; the rest
# come in as nice-to-haves. Fifteen must-haves would read as a wish list (rules.W401).
PREFILL_MUST_HAVES = 8
PREFILL_MUST_HAVES_JUNIOR = 6
# And how many of its core responsibilities: a candidate reads eight bullets, not twenty.
PREFILL_RESPONSIBILITIES = 8


@transaction.atomic
def posting_prefill_from_role(*, posting: JobPosting) -> JobPosting:
    """Add the declared role's heavy skills and core responsibilities not yet on the posting.

    The heavy skills the core responsibilities exercise most become must-haves (fewer for
    the most junior level); the other heavy skills are added as nice-to-haves. The core
    responsibilities that exercise the most heavy skills come first, up to eight.
    """
    role_family = posting.role_family
    core = list(
        role_family.core_responsibilities.filter(company__isnull=True)
        .exclude(pk__in=posting.responsibilities.values("responsibility"))
        .prefetch_related("skills")
        .order_by("text")
    )
    heavy = list(
        role_family.emphases.filter(level=EmphasisLevel.HEAVY, skill__company__isnull=True)
        .exclude(skill__in=posting.skills.values("skill"))
        .select_related("skill")
    )
    used = Counter(skill.pk for item in core for skill in item.skills.all())
    heavy.sort(key=lambda e: (-used[e.skill_id], e.skill.category, e.skill.name))
    junior = posting.level is not None and posting.level.rank <= 1
    room = (PREFILL_MUST_HAVES_JUNIOR if junior else PREFILL_MUST_HAVES) - posting.skills.filter(
        must_have=True
    ).count()
    order = posting.skills.aggregate(n=Max("order"))["n"] or 0
    PostingSkill.objects.bulk_create(
        PostingSkill(
            posting=posting,
            skill=emphasis.skill,
            must_have=index <= room,
            emphasis=EmphasisLevel.HEAVY if index <= room else EmphasisLevel.MEDIUM,
            order=order + index,
        )
        for index, emphasis in enumerate(heavy, start=1)
    )
    heavy_ids = {e.skill_id for e in heavy}
    core.sort(key=lambda item: (-sum(s.pk in heavy_ids for s in item.skills.all()), item.text))
    slots = max(0, PREFILL_RESPONSIBILITIES - posting.responsibilities.count())
    order = posting.responsibilities.aggregate(n=Max("order"))["n"] or 0
    PostingResponsibility.objects.bulk_create(
        PostingResponsibility(posting=posting, responsibility=item, order=order + index)
        for index, item in enumerate(core[:slots], start=1)
    )
    posting_refresh_findings(posting=posting)
    return posting


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
    PostingSkill.objects.bulk_create(
        PostingSkill(
            posting=clone,
            skill_id=row.skill_id,
            must_have=row.must_have,
            emphasis=row.emphasis,
            order=row.order,
        )
        for row in source.skills.all()
    )
    duties = list(source.responsibilities.prefetch_related("skills"))
    copies = PostingResponsibility.objects.bulk_create(
        PostingResponsibility(
            posting=clone, responsibility_id=row.responsibility_id, text=row.text, order=row.order
        )
        for row in duties
    )
    PostingResponsibility.skills.through.objects.bulk_create(
        PostingResponsibility.skills.through(postingresponsibility_id=copy.pk, skill_id=skill.pk)
        for row, copy in zip(duties, copies, strict=True)
        for skill in row.skills.all()
    )
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
    _require_draft(posting)
    posting.full_clean()
    _bump_version(posting, expected_version)
    posting.save()
    if refresh_findings:
        posting_refresh_findings(posting=posting)
    transaction.on_commit(lambda: events.emit("posting.updated", posting.pk), robust=True)
    return posting


def posting_touch(*, posting: JobPosting) -> None:
    """Record that a posting's blocks changed: other editors' saves become stale, and the
    findings are checked again."""
    _bump_version(posting)
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


@transaction.atomic
def finding_acknowledge(
    *, posting: JobPosting, fingerprint: str, reason: str, by
) -> FindingAcknowledgement:
    """Accept a finding with a reason; it stays listed, and reopens if its evidence changes."""
    _require_recruiter(posting, by, "acknowledge findings on")
    reason = reason.strip()
    if not reason:
        raise PostingError(NEEDS_REASON)
    analysis = posting_analysis(posting=posting)
    row = next((r for r in analysis.rows if r.finding.fingerprint == fingerprint), None)
    if row is None:
        raise PostingError(UNKNOWN_FINDING)
    finding = row.finding
    acknowledgement, _ = FindingAcknowledgement.objects.update_or_create(
        posting=posting,
        fingerprint=fingerprint,
        defaults={
            "code": finding.code,
            "subject_kind": finding.subject.kind,
            "subject_id": finding.subject.id,
            "subject_label": finding.subject.label[:200],
            "message": finding.message,
            "reason": reason,
            "acknowledged_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    posting_refresh_findings(posting=posting)
    return acknowledgement


def _transition(
    posting: JobPosting, action: str, by, expected_version: int | None = None
) -> JobPosting:
    target = _check_transition(posting, action)
    _bump_version(posting, expected_version)
    posting.status = target
    posting.save(update_fields=["status", "version", "updated_at"])
    return posting


@transaction.atomic
def posting_submit(*, posting: JobPosting, by) -> JobPosting:
    _require_recruiter(posting, by, "submit")
    _check_transition(posting, "submitted")
    if posting.hiring_manager_id is None:
        raise PostingError(NEEDS_HIRING_MANAGER)
    if not posting.skills.exists():
        raise PostingError(NEEDS_SKILLS)
    return _transition(posting, "submitted", by)


@transaction.atomic
def posting_review(
    *,
    posting: JobPosting,
    by,
    decision: str,
    comment: str = "",
    expected_version: int | None = None,
) -> Review:
    """The posting's hiring manager approves it and its rubric, or sends it back with a
    comment (who may decide: `selectors.postings_to_decide`). With `expected_version`, a
    decision on a version the manager did not read is refused."""
    actions = {
        Review.Decision.APPROVE: "approved",
        Review.Decision.REQUEST_CHANGES: "sent back for changes",
    }
    if decision not in actions:
        raise PostingError(f"Unknown decision {decision!r}.")
    _check_transition(posting, actions[decision])
    _require_decider(posting, by)
    comment = comment.strip()
    if decision == Review.Decision.REQUEST_CHANGES and not comment:
        raise PostingError(NEEDS_COMMENT)
    review = Review(
        posting=posting,
        reviewer=by,
        decision=decision,
        comment=comment,
        posting_version=posting.version,
    )
    review.full_clean()
    review.save()
    if decision == Review.Decision.APPROVE:
        _transition(posting, "approved", by, expected_version)
        Rubric.objects.filter(posting=posting).update(approved_by=by, approved_at=timezone.now())
        transaction.on_commit(lambda: events.emit("rubric.approved", posting.pk), robust=True)
    else:
        _transition(posting, "sent back for changes", by, expected_version)
        Rubric.objects.filter(posting=posting).update(approved_by=None, approved_at=None)
    return review


@transaction.atomic
def posting_reassign(*, posting: JobPosting, hiring_manager, by) -> JobPosting:
    """Hand a posting's review to another hiring manager of its company: a recruiter's (or
    a superuser's) call. The version moves, so a decision form opened before is stale."""
    _require_recruiter(posting, by, "reassign")
    if posting.status not in (Status.DRAFT, Status.IN_REVIEW):
        raise PostingError(NOT_REASSIGNABLE.format(status=posting.get_status_display().lower()))
    if not (is_hiring_manager(hiring_manager) and company_of(hiring_manager) == posting.company):
        raise PostingError(NOT_A_MANAGER.format(user=hiring_manager, company=posting.company))
    _bump_version(posting)
    posting.hiring_manager = hiring_manager
    posting.save(update_fields=["hiring_manager", "version", "updated_at"])
    transaction.on_commit(lambda: events.emit("posting.updated", posting.pk), robust=True)
    return posting


@transaction.atomic
def posting_publish(*, posting: JobPosting, by) -> PostingVersion:
    """Publish an approved posting: the snapshot candidates see is written once, never edited."""
    _require_recruiter(posting, by, "publish")
    _check_transition(posting, "published")
    errors = posting_analysis(posting=posting).open_errors
    if errors:
        codes = ", ".join(f"{r.finding.code} {r.finding.message}" for r in errors)
        raise PostingError(OPEN_ERRORS.format(count=len(errors), codes=codes))
    number = (posting.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PostingVersion(
        posting=posting,
        number=number,
        snapshot=posting_snapshot(posting=posting),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    version.full_clean()
    version.save()
    posting.published_version = version
    posting.save(update_fields=["published_version"])
    _transition(posting, "published", by)
    transaction.on_commit(lambda: events.emit("posting.published", posting.pk), robust=True)
    return version


@transaction.atomic
def posting_revise(*, posting: JobPosting, by) -> JobPosting:
    """Back to draft for changes; a published version stays live until the next publish."""
    _require_recruiter(posting, by, "revise")
    transaction.on_commit(lambda: events.emit("posting.updated", posting.pk), robust=True)
    return _transition(posting, "revised", by)


@transaction.atomic
def posting_archive(*, posting: JobPosting, by) -> JobPosting:
    _require_recruiter(posting, by, "archive")
    transaction.on_commit(lambda: events.emit("posting.archived", posting.pk), robust=True)
    return _transition(posting, "archived", by)


# Postings a catalog reload rewords: one under review, or approved, must not change
# silently; a draft is still being written, and a published one shows its snapshot.
REWORDING_NOTED = (Status.IN_REVIEW, Status.APPROVED)


@transaction.atomic
def catalog_reloaded(result, **kwargs) -> None:
    """Receives `roles.signals.catalog_loaded` (connected in `HiringConfig.ready`)."""
    if result.reworded:
        posting_note_catalog_rewording(reworded=result.reworded)


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


# Rubrics


def _anchors_from(question: InterviewQuestion | None) -> dict[str, str]:
    if question is None:
        return {}
    strong, weak = question.strong_answer.rstrip("."), question.weak_answer.rstrip(".")
    return {
        "anchor_strong_no": f"{weak}.",
        "anchor_no": f"Shows only part of this, with major gaps: {strong.lower()}.",
        "anchor_yes": f"{strong}.",
        "anchor_strong_yes": f"{strong}, and explains trade-offs and pitfalls from their own work.",
    }


@transaction.atomic
def rubric_build_from_posting(*, posting: JobPosting, by=None) -> Rubric:
    """One criterion per must-have skill not yet assessed, pre-filled from the question bank."""
    if not posting.is_editable:
        raise PostingError(NOT_EDITABLE.format(status=posting.get_status_display().lower()))
    rubric, _ = Rubric.objects.get_or_create(posting=posting)
    assessed = set(rubric.criteria.values_list("skill_id", flat=True))
    next_order = (rubric.criteria.aggregate(n=Max("order"))["n"] or 0) + 1
    must_haves = posting.skills.filter(must_have=True).select_related("skill").order_by("order")
    skill_ids = [row.skill_id for row in must_haves if row.skill_id not in assessed]
    bank: dict[int, list[InterviewQuestion]] = {}
    for question in InterviewQuestion.objects.filter(skill_id__in=skill_ids).order_by("slug"):
        bank.setdefault(question.skill_id, []).append(question)
    new = []
    for row in must_haves:
        if row.skill_id in assessed:
            continue
        questions = bank.get(row.skill_id, [])[:3]
        criterion = Criterion(
            rubric=rubric,
            skill=row.skill,
            stage=questions[0].stage if questions else Criterion.Stage.TECHNICAL,
            weight=1,
            questions="\n".join(q.question for q in questions),
            order=next_order,
            **_anchors_from(questions[0] if questions else None),
        )
        criterion.full_clean(exclude=["rubric"])
        new.append(criterion)
        next_order += 1
    Criterion.objects.bulk_create(new)
    if new:
        posting_touch(posting=posting)
    return rubric


@transaction.atomic
def rubric_save(*, rubric: Rubric, expected_version: int | None, by=None) -> Rubric:
    """Save a draft's rubric, refusing a save based on a stale version of the posting.

    Rubric edits claim the posting's next version, as the posting's own edits do, so that
    two people editing one rubric never overwrite each other. `expected_version` None (a
    new rubric) claims the current one. A caller that writes criteria next does so in the
    same transaction and refreshes the findings afterwards.
    """
    posting = rubric.posting
    _require_draft(posting)
    rubric.full_clean(exclude=["posting"])
    _bump_version(posting, expected_version)
    rubric.save()
    return rubric


def check_editable(posting: JobPosting) -> None:
    """Raise a ValidationError a form can show when a posting may not be edited."""
    if not posting.is_editable:
        raise ValidationError(NOT_EDITABLE.format(status=posting.get_status_display().lower()))
