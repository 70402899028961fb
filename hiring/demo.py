"""The demo company `make run` serves: a few postings in every state, from fixtures/demo.json.

Loading is idempotent: users are updated, and a posting whose title already exists in the
demo company is left as it is.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from hiring.postings.blocks import posting_blocks_set
from hiring.postings.services import posting_create_from_role, posting_refresh_findings
from hiring.postings.workflow import (
    posting_archive,
    posting_publish,
    posting_review,
    posting_submit,
)
from hiring.rubrics.services import rubric_build_from_posting, rubric_set_interviewers
from hiring.tenancy import members_of
from hiring.tenancy.services import company_pay_statements_set, member_add
from roles.models import EmphasisLevel, Level, RoleFamily, Skill

from .models import Company, JobPosting, Membership, Review


@dataclass
class DemoResult:
    company: Company
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


@transaction.atomic
def demo_load(*, path: Path | str) -> DemoResult:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    company, _ = Company.objects.update_or_create(
        slug=data["company"]["slug"], defaults=data["company"]
    )
    company_pay_statements_set(company=company, statements=data.get("pay_statements", {}))
    result = DemoResult(company=company)
    people = {}
    for person in data["users"]:
        user = member_add(company=company, **person)
        # The demo's postings belong to the first recruiter and the first manager listed.
        people.setdefault(person["role"], user)
        role = "company admin" if person.get("company_admin") else person["role"]
        result.logins.append((person["username"], person["password"], role))
    for admin in data.get("superusers", []):
        user_model = get_user_model()
        if not user_model.objects.filter(username=admin["username"]).exists():
            user_model.objects.create_superuser(**admin)
        result.logins.append((admin["username"], admin["password"], "superuser"))

    recruiter = people[Membership.Role.RECRUITER]
    manager = people[Membership.Role.HIRING_MANAGER]
    members = {user.username: user for user in members_of(company)}
    for spec in data["postings"]:
        if JobPosting.objects.filter(company=company, title=spec["title"]).exists():
            result.existing.append(spec["title"])
            continue
        _create_posting(company, recruiter, manager, spec, members)
        result.created.append(spec["title"])
    return result


# Who runs which stage in the demo: the hiring manager the technical ones, the recruiters
# the conversations, and the company admin sits in on the technical interview too.
DEMO_INTERVIEWERS = {
    "recruiter": ("screen", "behavioural"),
    "manager": ("technical", "case_study", "system_design"),
    "companyadmin": ("technical",),
}


def _assign_interviewers(posting: JobPosting, rubric, members: dict) -> None:
    """Staff the stages the rubric's criteria use, so every demo kit has something to print."""
    used = set(rubric.criteria.values_list("stage", flat=True))
    assignments = [
        (stage, members[username])
        for username, stages in DEMO_INTERVIEWERS.items()
        if username in members
        for stage in stages
        if stage in used
    ]
    posting.refresh_from_db()
    rubric_set_interviewers(posting=posting, expected_version=None, assignments=assignments)


def _create_posting(company, recruiter, manager, spec, members) -> JobPosting:
    family = RoleFamily.objects.get(slug=spec["role_family"])
    level = Level.objects.get(slug=spec["level"]) if spec.get("level") else None
    posting = posting_create_from_role(
        company=company,
        role_family=family,
        level=level,
        recruiter=recruiter,
        title=spec["title"],
        hiring_manager=manager,
        **spec.get("fields", {}),
    )
    removed = set(spec.get("remove_skills", []))
    rows = {
        row.skill.slug: {
            "id": row.pk,
            "skill": row.skill,
            "must_have": row.must_have,
            "emphasis": row.emphasis,
            "requirement": row.requirement,
            "order": row.order,
        }
        for row in posting.skills.select_related("skill")
        if row.skill.slug not in removed
    }
    last = max((row["order"] for row in rows.values()), default=0)
    for slug, must_have, emphasis in spec.get("add_skills", []):
        if slug not in rows:
            last += 1
            rows[slug] = {
                "skill": Skill.objects.get(slug=slug, company__isnull=True),
                "order": last,
            }
        rows[slug].update(must_have=must_have, emphasis=EmphasisLevel.from_name(emphasis))
    posting_blocks_set(posting=posting, skills=list(rows.values()))
    if spec.get("rubric"):
        rubric = rubric_build_from_posting(posting=posting)
        rubric.criteria.filter(skill__slug__in=spec.get("rubric_skips", [])).delete()
        _assign_interviewers(posting, rubric, members)
        # The skipped criteria are open errors: the home and the list count them.
        posting_refresh_findings(posting=posting)
    posting.refresh_from_db()
    for step in spec.get("steps", []):
        if step == "submit":
            posting_submit(posting=posting, by=recruiter)
        elif step == "request_changes":
            posting_review(
                posting=posting,
                by=manager,
                decision=Review.Decision.REQUEST_CHANGES,
                comment=spec["review_comment"],
            )
        elif step == "approve":
            posting_review(posting=posting, by=manager, decision=Review.Decision.APPROVE)
        elif step == "publish":
            posting_publish(posting=posting, by=recruiter)
        elif step == "archive":
            posting_archive(posting=posting, by=recruiter)
        else:
            raise ValueError(f"Unknown demo step {step!r} for {spec['title']!r}.")
    return posting
