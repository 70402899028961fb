"""What search engines and aggregators read: the Atom feed, the sitemap and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from hiring.postings import workflow

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed(client):
    response = client.get(reverse("careers:feed", args=["acme"]))
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def sitemap(client):
    response = client.get(reverse("careers:sitemap", args=["acme"]))
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


@pytest.fixture
def postings(make_posting, publish, recruiter):
    listed = publish(make_posting("Data Scientist, Growth"))
    unlisted = publish(make_posting("Data Scientist, Stealth", listed=False))
    archived = publish(make_posting("Data Scientist, Closed"))
    workflow.posting_archive(posting=archived, by=recruiter)
    make_posting("Data Scientist, Draft")
    return listed, unlisted


def test_it_lists_listed_postings_in_an_atom_feed(client, postings, django_assert_num_queries):
    listed, _ = postings
    with django_assert_num_queries(2):  # the company, the postings with their versions
        response, root = feed(client)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.find(f"{ATOM}title").text == "Jobs at Acme Analytics"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Data Scientist, Growth"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"http://127.0.0.1:8000/jobs/acme/{listed.slug}/"
    assert "experimentation programme" in entries[0].find(f"{ATOM}summary").text
    with django_assert_num_queries(0):
        feed(client)


def test_it_maps_listed_postings_with_their_published_date(
    client, postings, django_assert_num_queries
):
    listed, _ = postings
    # The company, the paginator's count, the postings with their versions.
    with django_assert_num_queries(3):
        _, root = sitemap(client)
    urls = root.findall(f"{SITEMAP}url")
    assert [u.find(f"{SITEMAP}loc").text for u in urls] == [
        f"http://127.0.0.1:8000/jobs/acme/{listed.slug}/"
    ]
    published = timezone.localdate(listed.published_version.created_at).isoformat()
    assert urls[0].find(f"{SITEMAP}lastmod").text.startswith(published)
    with django_assert_num_queries(0):
        sitemap(client)


def test_it_gives_lastmod_of_the_latest_published_version(client, live, clock, revise_and_publish):
    clock.advance(days=3)
    again = revise_and_publish(live, summary="Reworded.")
    _, root = sitemap(client)
    lastmod = root.find(f"{SITEMAP}url/{SITEMAP}lastmod").text
    assert again.published_version.number == 2
    assert lastmod.startswith(again.published_version.created_at.date().isoformat())
    assert again.published_version.created_at.date() > live.published_version.created_at.date()


def test_it_uses_the_public_address_whatever_host_was_asked(client, settings, live):
    settings.ROLEKIT_PUBLIC_URL = "https://jobs.example.com"
    settings.ALLOWED_HOSTS = ["internal.example"]
    response = client.get(reverse("careers:sitemap", args=["acme"]), HTTP_HOST="internal.example")
    assert (
        b"<loc>https://jobs.example.com/jobs/acme/senior-data-scientist/</loc>" in response.content
    )


def test_it_points_robots_at_each_board_sitemap(client, acme, globex, live):
    globex.board_enabled = False
    globex.save()
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Allow: /jobs/" in lines and "Disallow: /admin/" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        "Sitemap: http://127.0.0.1:8000/jobs/acme/sitemap.xml"
    ]


def test_it_has_no_feed_or_sitemap_when_the_board_is_off(client, acme, live):
    acme.board_enabled = False
    acme.save()
    assert client.get(reverse("careers:feed", args=["acme"])).status_code == 404
    assert client.get(reverse("careers:sitemap", args=["acme"])).status_code == 404
