"""The sign-off packet records itself: draft before approval, who approved which version
and when after it, frozen with the approval; a published posting's exports never say
draft."""

import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from hiring import exports
from hiring.exports.signoff import long_date
from hiring.findings.selectors import posting_analysis
from hiring.findings.services import finding_acknowledge
from hiring.models import JobPosting, Review
from hiring.postings.services import posting_update
from hiring.postings.workflow import posting_review, posting_revise, posting_submit

from . import pdfs

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(hiring_manager):
    hiring_manager.first_name, hiring_manager.last_name = "Maria", "Manager"
    hiring_manager.save()
    return hiring_manager


def _fresh(posting):
    return JobPosting.objects.get(pk=posting.pk)


def _render(posting, name, **kwargs):
    """Rendered now, not from the export cache: what the code produces today."""
    exporter = exports.get_exporter(name)
    document = exports.document_for(_fresh(posting), audience=exporter.audience, **kwargs)
    return exporter.render(document)


def test_before_approval_the_packet_is_a_draft_with_the_review_history(posting, recruiter, manager):
    posting_submit(posting=posting, by=recruiter)
    posting_review(
        posting=_fresh(posting),
        by=manager,
        decision=Review.Decision.REQUEST_CHANGES,
        comment="Say what depth of SQL you need.",
        comments=[{"section": "requirements", "block": "SQL", "text": "Years, please."}],
    )
    filename, _, content = _render(posting, "packet", draft=True)
    text = pdfs.text(content)

    assert filename.endswith("-draft-packet.pdf")
    assert "FOR SIGN-OFF · DRAFT" in text
    assert "Approved by" not in text
    today = long_date(timezone.localdate())
    assert f"Changes requested by Maria Manager on {today}" in text
    assert "Say what depth of SQL you need." in text
    assert "Requirements · SQL: “Years, please.”" in text


def test_after_approval_the_packet_names_the_approver_version_and_date(posting, recruiter, manager):
    posting_submit(posting=posting, by=recruiter)
    review = posting_review(posting=_fresh(posting), by=manager, decision="approve")
    filename, _, content = _render(posting, "packet", draft=True)
    text = pdfs.text(content)

    assert filename.endswith("-approved-packet.pdf")
    assert "draft" not in filename
    today = long_date(timezone.localdate())
    assert f"Approved by Maria Manager on {today}, version {review.posting_version}" in text
    assert "DRAFT" not in text
    assert "Approved in rolekit" in text


@pytest.mark.parametrize("name", ["pdf", "kit"])
def test_a_published_postings_pdfs_never_say_draft(published, name):
    filename, _, content = _render(published, name)

    assert "draft" not in filename
    assert "DRAFT" not in pdfs.text(content)


@pytest.mark.parametrize("name", ["html", "markdown", "text"])
def test_a_published_postings_text_exports_never_say_draft(published, name):
    if name not in exports.FORMATS:
        pytest.skip(f"no {name} export")
    filename, _, content = _render(published, name)

    assert "draft" not in filename
    assert b"DRAFT" not in content


def test_the_approved_packet_is_frozen_with_its_approval(published, recruiter):
    before = exports.document_for(published, version=1, audience=exports.HIRING_MANAGER)
    _, _, first = exports.get_exporter("packet").render(before)

    posting = posting_revise(posting=_fresh(published), by=recruiter)
    posting_update(
        posting=posting,
        expected_version=posting.version,
        by=recruiter,
        title="Principal Data Scientist",
        summary="Entirely new words.",
    )
    after = exports.document_for(_fresh(posting), version=1, audience=exports.HIRING_MANAGER)
    _, _, again = exports.get_exporter("packet").render(after)

    assert after.fingerprint() == before.fingerprint()
    assert pdfs.text(again) == pdfs.text(first)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(first).hexdigest()
    # The working copy's packet is the new draft, not the approved one.
    draft = exports.document_for(_fresh(posting), draft=True, audience=exports.HIRING_MANAGER)
    assert draft.signoff["state"] == "draft"
    assert draft.title == "Principal Data Scientist"


def test_the_approved_packet_keeps_the_acknowledged_findings_as_approved(
    posting, recruiter, manager
):
    rows = posting_analysis(posting=posting).rows
    if not rows:
        pytest.skip("the fixture posting has no findings")
    finding = rows[0].finding
    finding_acknowledge(
        posting=posting, fingerprint=finding.fingerprint, reason="Agreed with Maria.", by=recruiter
    )
    posting_submit(posting=_fresh(posting), by=recruiter)
    posting_review(posting=_fresh(posting), by=manager, decision="approve")
    document = exports.document_for(_fresh(posting), draft=True, audience=exports.HIRING_MANAGER)

    acknowledged = [f for f in document.findings if f["acknowledged"]]
    assert [(f["message"], f["acknowledged"]) for f in acknowledged] == [
        (finding.message, "Agreed with Maria.")
    ]
    assert document.signoff["approved_by"] == "Maria Manager"
    assert [r["decision"] for r in document.signoff["reviews"]] == ["Approved"]


def test_the_admin_prints_a_published_postings_kit_without_draft(client, published, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("admin:hiring_export", args=[published.pk, "kit"]))

    assert response.status_code == 200
    assert "draft" not in response["Content-Disposition"]
    assert "DRAFT" not in pdfs.text(b"".join(response))
