"""What recruiters see of the careers page in the admin."""

from django.urls import reverse


def test_it_links_a_published_posting_to_its_page(client, recruiter, live):
    client.force_login(recruiter)
    html = client.get(reverse("admin:hiring_jobposting_change", args=[live.pk])).content.decode()
    assert 'href="http://127.0.0.1:8000/jobs/acme/senior-data-scientist/"' in html


def test_it_lets_the_recruiter_set_the_last_day_and_the_listing(client, recruiter):
    client.force_login(recruiter)
    html = client.get(reverse("admin:hiring_jobposting_add")).content.decode()
    assert 'name="valid_through"' in html and 'name="listed"' in html


def test_it_lets_the_company_switch_its_board_and_default_days(client, recruiter, acme):
    client.force_login(recruiter)
    html = client.get(reverse("admin:hiring_company_change", args=[acme.pk])).content.decode()
    assert 'name="board_enabled"' in html and 'name="posting_days"' in html


def test_it_says_before_publishing_where_the_posting_goes(client, recruiter, acme, make_posting):
    from hiring.models import Review
    from hiring.postings import workflow

    posting = make_posting()
    workflow.posting_submit(posting=posting, by=recruiter)
    manager = posting.hiring_manager
    workflow.posting_review(posting=posting, by=manager, decision=Review.Decision.APPROVE)
    client.force_login(recruiter)
    url = reverse("admin:hiring_publish", args=[posting.pk])
    html = client.get(url).content.decode()
    assert 'href="/jobs/acme/"' in html
    assert "until " in html and f"{acme.posting_days} days from today" in html
