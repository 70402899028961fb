"""The strict Content Security Policy holds on every page we render (the browser test in
tests/e2e reads the console for violations; this checks the markup cheaply)."""

import re

import pytest
from django.urls import reverse

from hiring.postings.workflow import posting_submit
from tests.factories import BulkExportFactory

INLINE_STYLE = re.compile(r"<[^>]+\sstyle=")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*\snonce=)[^>]*>")
INLINE_STYLE_BLOCK = re.compile(r"<style(?![^>]*\snonce=)[^>]*>")


@pytest.fixture
def pages(posting, recruiter):
    failure = {"posting_id": posting.pk, "title": "T", "format": "pdf", "error": "Broken."}
    export = BulkExportFactory(company=posting.company, requested_by=recruiter, failures=[failure])
    return [
        ("recruiter", reverse("home")),
        ("recruiter", reverse("admin:index")),
        ("recruiter", reverse("admin:hiring_jobposting_changelist")),
        ("recruiter", reverse("admin:hiring_jobposting_add")),
        ("recruiter", reverse("admin:hiring_jobposting_change", args=[posting.pk])),
        ("recruiter", reverse("admin:hiring_preview", args=[posting.pk])),
        ("recruiter", reverse("admin:hiring_versions", args=[posting.pk])),
        ("recruiter", reverse("admin:hiring_analyse")),
        ("recruiter", reverse("admin:hiring_rubric_change", args=[posting.rubric.pk])),
        ("recruiter", reverse("admin:roles_compare")),
        ("recruiter", reverse("admin:hiring_bulkexport_changelist")),
        ("recruiter", reverse("admin:hiring_bulkexport_change", args=[export.pk])),
        ("hiring_manager", reverse("review:queue")),
        ("hiring_manager", reverse("review:posting", args=[posting.pk])),
    ]


def test_it_sends_a_strict_policy_with_a_nonce(client, recruiter):
    client.force_login(recruiter)
    policy = client.get(reverse("admin:index"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy


def test_it_renders_no_inline_style_or_script_without_the_nonce(client, request, pages):
    posting_submit(
        posting=request.getfixturevalue("posting"), by=request.getfixturevalue("recruiter")
    )
    for persona, url in pages:
        client.force_login(request.getfixturevalue(persona))
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_STYLE.search(html), (url, INLINE_STYLE.search(html).group())
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group())
        assert not INLINE_STYLE_BLOCK.search(html), (url, INLINE_STYLE_BLOCK.search(html).group())


@pytest.mark.parametrize("url", ["/api/docs/", "/api/v1/postings/"])
def test_it_relaxes_only_styles_on_the_api_developer_pages(client, recruiter, url):
    client.force_login(recruiter)
    policy = client.get(url, HTTP_ACCEPT="text/html")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "'unsafe-inline'" in directives["style-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
