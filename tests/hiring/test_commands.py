import pytest
from django.core.management import CommandError, call_command

from hiring.models import Company, JobPosting, Membership, PostingVersion, Review


def test_it_loads_the_demo_twice_without_duplicating(db, capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    counts = (JobPosting.objects.count(), Review.objects.count(), PostingVersion.objects.count())
    call_command("load_demo")
    assert (
        JobPosting.objects.count(),
        Review.objects.count(),
        PostingVersion.objects.count(),
    ) == counts
    assert "recruiter" in first and "rolekit-demo" in first and "/review/" in first
    statuses = set(JobPosting.objects.values_list("status", flat=True))
    assert {"draft", "in_review", "approved", "published"} <= statuses
    # The demo's postings are the plain recruiter's; the company admin only looks after them.
    assert "company admin   companyadmin" in first
    admins = Membership.objects.filter(is_company_admin=True).values_list(
        "user__username", flat=True
    )
    assert list(admins) == ["companyadmin"]
    assert set(JobPosting.objects.values_list("recruiter__username", flat=True)) == {"recruiter"}


def test_the_demo_counts_the_errors_it_leaves_open(db):
    # The demo's approved DS posting skips two must-haves in its rubric, on purpose: the
    # home and the list must count them, not say "ready to publish".
    call_command("load_demo")
    approved = JobPosting.objects.get(status="approved")
    assert approved.open_errors == 2


def test_it_explains_a_missing_demo_file(db, tmp_path):
    with pytest.raises(CommandError, match="No demo file"):
        call_command("load_demo", str(tmp_path / "nope.json"))


def test_it_seeds_published_postings_once(db):
    call_command("seed_postings", "--company", "seeded", "--count", "30", verbosity=0)
    company = Company.objects.get(slug="seeded")
    postings = JobPosting.objects.filter(company=company)
    assert postings.count() == 30
    assert (
        postings.exclude(title__endswith="(template)")
        .filter(published_version__isnull=False)
        .count()
        == 28
    )
    call_command("seed_postings", "--company", "seeded", "--count", "30", verbosity=0)
    assert postings.count() == 30


def test_it_refuses_a_count_below_one(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_postings", "--count", "0")
