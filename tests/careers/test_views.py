"""The careers page and the posting pages, as an anonymous visitor gets them."""

import json
import re

import pytest
from django.urls import reverse

from hiring.careers.views import PAGE_SIZE
from hiring.exports import jsonld
from hiring.models import JobPosting
from hiring.postings import services as postings
from hiring.postings import workflow

INLINE_STYLE = re.compile(r"<[^>]+\sstyle=|<style")
SCRIPT = re.compile(r"<script[^>]*>")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def board(client, query=""):
    return client.get(reverse("careers:board", args=["acme"]) + query)


def page_of(client, posting):
    return client.get(reverse("careers:posting", args=["acme", posting.slug]))


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def json_ld(response) -> dict:
    return json.loads(JSON_LD.search(response.content.decode()).group(1))


def test_it_lists_published_postings_and_nothing_else(client, make_posting, publish, recruiter):
    live = publish(make_posting("Data Scientist, Growth"))
    make_posting("Data Scientist, Draft")
    archived = publish(make_posting("Data Scientist, Archived"))
    workflow.posting_archive(posting=archived, by=recruiter)
    publish(make_posting("Data Scientist, Unlisted", listed=False))

    response = board(client)

    assert response.status_code == 200
    assert titles(response) == [live.title]
    assert "1 open job" in response.content.decode()


def test_it_shows_a_revised_posting_as_published_until_the_next_publish(
    client, live, recruiter, django_capture_on_commit_callbacks
):
    workflow.posting_revise(posting=live, by=recruiter)
    posting = JobPosting.objects.get(pk=live.pk)
    posting.title = "Renamed in the draft"
    postings.posting_save(posting=posting, expected_version=posting.version, by=recruiter)

    assert titles(board(client)) == ["Senior Data Scientist"]
    assert page_of(client, live).status_code == 200


def test_it_costs_no_query_when_warm(client, live, django_assert_num_queries):
    # Cold: the company, the filters' values, the count, the page of postings.
    with django_assert_num_queries(4):
        board(client)
    with django_assert_num_queries(0):
        assert board(client).status_code == 200
    # Cold: the company, the posting with its published version.
    with django_assert_num_queries(2):
        page_of(client, live)
    with django_assert_num_queries(0):
        assert page_of(client, live).status_code == 200


@pytest.mark.parametrize("count", [3, PAGE_SIZE + 3])
def test_it_reads_a_board_page_in_the_same_queries_whatever_its_size(
    client, acme, live, count, django_assert_num_queries
):
    source = live.published_version
    for number in range(count):
        copy = JobPosting.objects.create(
            company=acme,
            title=f"Copy {number}",
            role_family=live.role_family,
            slug=f"copy-{number}",
            status=JobPosting.Status.PUBLISHED,
        )
        version = copy.versions.create(number=1, snapshot=source.snapshot)
        JobPosting.objects.filter(pk=copy.pk).update(published_version=version)
    with django_assert_num_queries(4):
        response = board(client)
    assert len(titles(response)) == min(count + 1, PAGE_SIZE)
    if count > PAGE_SIZE:
        assert board(client, "?page=2").status_code == 200
        assert 'rel="next"' in response.content.decode()


@pytest.fixture
def three(make_posting, publish, mle, level):
    return [
        publish(make_posting("Data Scientist, Remote", remote_policy="remote", locations="US")),
        publish(make_posting("Data Scientist, Berlin", locations="Berlin, DE")),
        publish(
            make_posting(
                "ML Engineer, Denver",
                role_family=mle,
                level=level("mle-senior"),
                locations="Denver, CO, US",
                remote_policy="onsite",
            )
        ),
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["ML Engineer, Denver", "Data Scientist, Berlin", "Data Scientist, Remote"]),
        ("?family=data-scientist", ["Data Scientist, Berlin", "Data Scientist, Remote"]),
        ("?family=machine-learning-engineer", ["ML Engineer, Denver"]),
        ("?location=Berlin,+DE", ["Data Scientist, Berlin"]),
        ("?policy=remote", ["Data Scientist, Remote"]),
        ("?policy=onsite&family=data-scientist", []),
        (
            "?family=&location=&policy=",
            ["ML Engineer, Denver", "Data Scientist, Berlin", "Data Scientist, Remote"],
        ),
        (
            "?utm_source=feed",
            ["ML Engineer, Denver", "Data Scientist, Berlin", "Data Scientist, Remote"],
        ),
    ],
)
def test_it_filters_by_role_location_and_work_policy(client, three, query, expected):
    response = board(client, query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_it_offers_only_the_filter_values_some_posting_has(client, three):
    html = board(client).content.decode()
    assert '<option value="machine-learning-engineer">Machine Learning Engineer</option>' in html
    assert '<option value="Berlin, DE">Berlin, DE</option>' in html
    assert '<option value="hybrid">Hybrid</option>' in html
    assert "Fully remote" in html


@pytest.mark.parametrize(
    "query",
    ["?family=astronaut", "?location=Mars", "?policy=sometimes", "?page=9", "?page=x", "?page=0"],
)
def test_it_answers_404_to_a_filter_or_page_it_does_not_have(client, three, query):
    assert board(client, query).status_code == 404


def test_it_shows_the_company_branding_and_about_text(client, acme, live):
    acme.about = "We make **analytics** for shops."
    acme.brand_colour = "#aa3300"
    acme.save()
    html = board(client).content.decode()
    assert "<strong>analytics</strong>" in html
    css = client.get(reverse("careers:brand_css", args=["acme"]))
    assert css["Content-Type"] == "text/css"
    assert "--brand: #aa3300" in css.content.decode()


def test_it_keeps_links_readable_on_white_whatever_the_brand_colour(client, acme, live):
    acme.brand_colour = "#ffe14d"  # pale yellow: 1.3:1 on white
    acme.save()
    css = client.get(reverse("careers:brand_css", args=["acme"])).content.decode()
    assert "--link: #0b4fa8" in css and "--ink: #000000" in css


def test_it_shows_the_posting_with_its_apply_link_pdf_and_json_ld(client, live):
    response = page_of(client, live)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="title">Senior Data Scientist</h1>' in html
    assert 'href="https://jobs.acme.example/apply"' in html
    pdf_url = reverse("careers:posting_pdf", args=["acme", live.slug])
    assert f'href="{pdf_url}"' in html
    canonical = f"http://127.0.0.1:8000/jobs/acme/{live.slug}/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    data = json_ld(response)
    assert data["url"] == canonical
    assert data["validThrough"] == live.valid_through.isoformat()
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"remote_policy": "remote", "locations": "US\nCA"},
        {
            "remote_policy": "onsite",
            "salary_min": None,
            "salary_max": None,
            "locations": "Leeds, GB",
        },
        {
            "employment_type": "PART_TIME",
            "salary_period": "HOUR",
            "salary_min": "40",
            "salary_max": "40",
        },
        {"years_min": 0, "years_max": None, "apply_url": "", "summary": "Short."},
        {"title": "Data Scientist <b>&</b> Analyst", "locations": "Berlin, DE\nLondon, GB"},
    ],
)
def test_it_passes_google_job_posting_rules_on_every_public_page(
    client, make_posting, publish, fields
):
    posting = publish(make_posting(**{"title": "Data Scientist"} | fields))
    response = page_of(client, posting)
    data = json_ld(response)
    assert jsonld.problems(data) == []
    assert data["validThrough"] >= data["datePosted"]


def test_it_runs_no_script_and_sets_no_inline_style(client, live):
    for response in (board(client), page_of(client, live)):
        html = response.content.decode()
        assert not INLINE_STYLE.search(html)
        assert SCRIPT.findall(html) in ([], ['<script type="application/ld+json">'])
        policy = response["Content-Security-Policy"]
        assert "script-src 'none'" in policy and "'unsafe-inline'" not in policy


def test_it_serves_an_unlisted_posting_by_its_link_only(client, make_posting, publish):
    hidden = publish(make_posting("Data Scientist, Stealth", listed=False))
    assert page_of(client, hidden).status_code == 200
    assert titles(board(client)) == []


def test_it_answers_410_with_a_link_to_the_board_once_archived(client, live, recruiter):
    assert page_of(client, live).status_code == 200
    workflow.posting_archive(posting=live, by=recruiter)
    response = page_of(client, live)
    assert response.status_code == 410
    assert 'href="/jobs/acme/"' in response.content.decode()
    assert titles(board(client)) == []


def test_it_redirects_the_old_address_of_a_renamed_posting(client, live, revise_and_publish):
    old = live.slug
    renamed = revise_and_publish(live, title="Lead Data Scientist")
    assert renamed.slug == "lead-data-scientist"
    response = client.get(reverse("careers:posting", args=["acme", old]))
    assert response.status_code == 301
    assert response["Location"] == f"/jobs/acme/{renamed.slug}/"
    pdf = client.get(reverse("careers:posting_pdf", args=["acme", old]))
    assert pdf.status_code == 301


def test_it_keeps_the_address_while_the_title_stays(client, live, revise_and_publish):
    again = revise_and_publish(live, summary="New words, same title.")
    assert again.slug == live.slug
    assert page_of(client, again).status_code == 200


def test_it_gives_two_postings_with_one_title_two_addresses(make_posting, publish):
    first, second = publish(make_posting()), publish(make_posting())
    assert (first.slug, second.slug) == ("senior-data-scientist", "senior-data-scientist-2")


@pytest.mark.parametrize(
    "path",
    [
        "/jobs/nobody/",
        "/jobs/nobody/senior-data-scientist/",
        "/jobs/acme/no-such-posting/",
        "/jobs/acme/no-such-posting/pdf/",
        "/jobs/nobody/feed/",
        "/jobs/nobody/sitemap.xml",
        "/jobs/nobody/brand.css",
        "/jobs/acme/sitemap.xml?p=x",
        "/jobs/acme/%E2%9C%93/",
    ],
)
def test_it_answers_404_to_an_unknown_address(client, live, path):
    assert client.get(path).status_code == 404


def test_it_never_shows_a_draft(client, make_posting):
    draft = make_posting()
    assert draft.slug == ""
    assert client.get("/jobs/acme/senior-data-scientist/").status_code == 404


def test_it_has_no_page_when_the_board_is_switched_off(client, acme, live):
    acme.board_enabled = False
    acme.save()
    for path in ("/jobs/acme/", f"/jobs/acme/{live.slug}/", "/jobs/acme/feed/"):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize(
    "change",
    ["publish", "archive", "company", "delete"],
)
def test_it_sees_every_change_through_a_warm_cache(
    client, acme, live, make_posting, publish, recruiter, change
):
    before = board(client).content
    page_of(client, live)
    if change == "publish":
        publish(make_posting("Data Scientist, New"))
    elif change == "archive":
        workflow.posting_archive(posting=live, by=recruiter)
    elif change == "company":
        acme.name = "Acme Labs"
        acme.save()
    else:
        JobPosting.objects.filter(pk=live.pk).delete()
    assert board(client).content != before
    assert page_of(client, live).status_code == {"archive": 410, "delete": 404}.get(change, 200)


def test_it_shows_a_listed_change_made_in_a_revision_at_once(client, live, recruiter):
    assert titles(board(client)) == [live.title]
    workflow.posting_revise(posting=live, by=recruiter)
    posting = JobPosting.objects.get(pk=live.pk)
    posting.listed = False
    postings.posting_save(posting=posting, expected_version=posting.version, by=recruiter)
    assert titles(board(client)) == []


def test_it_refuses_to_be_written_to(client, live):
    assert client.post(board_url := reverse("careers:board", args=["acme"])).status_code == 405
    assert client.head(board_url).status_code == 200


def test_it_answers_304_to_a_browser_that_has_the_page(client, live):
    first = board(client)
    assert first["Cache-Control"] == "public, no-cache"
    again = client.get(reverse("careers:board", args=["acme"]), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
