"""The documented backup (dumpdata) and restore (loaddata) keep every posting, version and
review as it was."""

import pytest
from django.conf import settings
from django.core.management import call_command

from hiring.demo import demo_load
from hiring.models import (
    Company,
    Criterion,
    FindingAcknowledgement,
    JobPosting,
    Membership,
    PostingResponsibility,
    PostingSkill,
    PostingVersion,
    Review,
    Rubric,
)
from hiring.postings.services import posting_create
from hiring.postings.versions import posting_snapshot
from hiring.rubrics.services import rubric_build_from_posting
from roles.models import Emphasis, InterviewQuestion, Level, Responsibility, RoleFamily, Skill
from tests.factories import CompanyFactory, SkillFactory

# What README's "Backup and restore" section tells operators to run.
BACKUP_ARGS = [
    "--natural-foreign",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
    "--exclude=admin.logentry",
]


def state():
    return {
        "postings": {
            p.pk: (p.status, p.version, p.published_version_id, posting_snapshot(posting=p))
            for p in JobPosting.objects.all()
        },
        "versions": {
            v.pk: (v.posting_id, v.number, v.snapshot) for v in PostingVersion.objects.all()
        },
        "reviews": {
            r.pk: (r.posting_id, r.decision, r.comment, r.reviewer.username, r.posting_version)
            for r in Review.objects.select_related("reviewer")
        },
        "people": sorted(Membership.objects.values_list("user__username", "company__slug", "role")),
        "catalog": [m.objects.count() for m in (Skill, Emphasis, Responsibility, Level)],
        # Which catalog row each block points at, by id: a company's own row or a shared one.
        "blocks": sorted(PostingSkill.objects.values_list("posting", "skill")),
        "duties": sorted(PostingResponsibility.objects.values_list("posting", "responsibility")),
        "criteria": sorted(
            (c.rubric.posting_id, c.skill_id) for c in Criterion.objects.select_related("rubric")
        ),
        "duty_skills": sorted(
            Responsibility.skills.through.objects.values_list("responsibility", "skill")
        ),
        "owners": sorted(
            (m.__name__, row.pk, row.slug, row.company_id)
            for m in (Skill, Responsibility)
            for row in m.objects.all()
        ),
    }


def back_up_and_restore(tmp_path):
    """Dump as README says, empty the database, and load the dump back."""
    backup = tmp_path / "backup.json"
    call_command("dumpdata", *BACKUP_ARGS, output=str(backup), verbosity=0)

    for model in (FindingAcknowledgement, Review, Rubric, PostingVersion, JobPosting):
        model.objects.all().delete()
    Membership.objects.all().delete()
    Company.objects.all().delete()
    for model in (InterviewQuestion, Emphasis, Responsibility, Skill, Level, RoleFamily):
        model.objects.all().delete()
    assert not JobPosting.objects.exists() and not Skill.objects.exists()

    call_command("loaddata", str(backup), verbosity=0)


def test_it_round_trips_the_demo_data(db, tmp_path):
    demo_load(path=settings.BASE_DIR / "fixtures" / "demo.json")
    before = state()
    assert len(before["postings"]) >= 5 and before["versions"] and before["reviews"]

    back_up_and_restore(tmp_path)

    assert state() == before


def own_blocks(company, ds):
    """A posting (with its rubric) of `company` built on the company's own skill and
    responsibility, both slugged `feature-store` like every other row in this test."""
    skill = SkillFactory(company=company, slug="feature-store", name=f"{company.name} store")
    duty = Responsibility.objects.create(
        company=company, slug="feature-store", text=f"Run {company.name}'s feature store"
    )
    duty.skills.set([skill])
    posting = posting_create(
        company=company,
        title=f"{company.name} data scientist",
        role_family=ds,
        skills=[(skill, True, 3)],
        responsibilities=[duty],
    )
    rubric_build_from_posting(posting=posting)
    return skill, duty


@pytest.mark.parametrize("shared_too", [False, True], ids=["own-slug", "shared-slug-too"])
def test_it_round_trips_companies_own_blocks_that_share_a_slug(db, tmp_path, ds, shared_too):
    acme_skill, acme_duty = own_blocks(CompanyFactory(name="Acme", slug="acme"), ds)
    globex_skill, globex_duty = own_blocks(CompanyFactory(name="Globex", slug="globex"), ds)
    if shared_too:
        # The shared library gained the same slug later; it must not capture either posting.
        SkillFactory(slug="feature-store", name="Feature stores (shared)")
        Responsibility.objects.create(slug="feature-store", text="Shared duty", source="x.txt")
    before = state()
    assert {(acme_skill.pk, "acme"), (globex_skill.pk, "globex")} == {
        (row.skill_id, row.posting.company.slug)
        for row in PostingSkill.objects.filter(skill__slug="feature-store")
    }

    back_up_and_restore(tmp_path)

    assert state() == before
    assert not JobPosting.objects.filter(skills__skill__company__isnull=True).exists()
    assert set(Skill.objects.get(pk=acme_skill.pk).responsibilities.all()) == {acme_duty}
    assert Skill.objects.get(pk=globex_skill.pk).company.slug == "globex"
    assert Responsibility.objects.get(pk=globex_duty.pk).company.slug == "globex"
