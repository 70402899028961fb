"""The documented backup (dumpdata) and restore (loaddata) keep every posting, version and
review as it was."""

from django.conf import settings
from django.core.management import call_command

from hiring.demo import demo_load
from hiring.models import (
    Company,
    FindingAcknowledgement,
    JobPosting,
    Membership,
    PostingVersion,
    Review,
    Rubric,
)
from hiring.selectors import posting_snapshot
from roles.models import Emphasis, InterviewQuestion, Level, Responsibility, RoleFamily, Skill

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
    }


def test_it_round_trips_the_demo_data(db, tmp_path):
    demo_load(path=settings.BASE_DIR / "fixtures" / "demo.json")
    before = state()
    assert len(before["postings"]) >= 5 and before["versions"] and before["reviews"]
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
    assert state() == before
