"""Where recruiters and hiring managers get the exports: admin buttons, the changelist
action, the review page's sign-off packet."""

import io
import zipfile

from django.urls import reverse

from hiring import services
from hiring.models import JobPosting


def export_url(posting, format):
    return reverse("admin:hiring_export", args=[posting.pk, format])


def test_it_offers_every_export_on_the_change_form(client, recruiter, posting):
    client.force_login(recruiter)
    content = client.get(reverse("admin:hiring_jobposting_change", args=[posting.pk])).content
    for format in ("pdf", "pdf-letter", "html", "markdown", "text", "jsonld", "kit", "packet"):
        assert export_url(posting, format).encode() in content


def test_it_downloads_a_pdf(client, recruiter, posting):
    client.force_login(recruiter)
    response = client.get(export_url(posting, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response.content.startswith(b"%PDF-") and response["ETag"]


def test_it_explains_an_export_that_cannot_be_made(client, recruiter, posting):
    JobPosting.objects.filter(pk=posting.pk).update(summary="x" * 1_100_000)
    client.force_login(recruiter)
    response = client.get(export_url(posting, "markdown"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(f"/{posting.pk}/change/")
    messages = [str(m) for m in response.context["messages"]]
    assert messages and "characters" in messages[0]


def test_it_answers_404_for_an_unknown_format_or_another_company(
    client, recruiter, outsider, posting
):
    client.force_login(recruiter)
    response = client.get(export_url(posting, "docx"), follow=True)
    assert "docx" in str(next(iter(response.context["messages"])))
    client.force_login(outsider)
    assert client.get(export_url(posting, "pdf")).status_code == 404


def test_it_exports_selected_postings_as_a_zip(client, recruiter, posting):
    JobPosting.objects.filter(pk=posting.pk).update(locations="Denver, CO, US")
    clone = services.posting_clone(posting=posting, by=recruiter)
    JobPosting.objects.filter(pk=clone.pk).update(locations="")
    client.force_login(recruiter)
    response = client.post(
        reverse("admin:hiring_jobposting_changelist"),
        {"action": "export_selected", "_selected_action": [posting.pk, clone.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len([n for n in names if n.endswith(".pdf")]) == 2
    assert len([n for n in names if n.endswith(".md")]) == 2
    # Job boards reject a posting without a location: listed, not silently dropped.
    assert len([n for n in names if n.endswith(".jsonld")]) == 1
    errors = zipfile.ZipFile(io.BytesIO(response.content)).read("export-errors.txt").decode()
    assert "jobLocation is required" in errors


def test_it_gives_the_hiring_manager_the_sign_off_packet(
    client, hiring_manager, outside_manager, posting, recruiter
):
    services.posting_submit(posting=posting, by=recruiter)
    client.force_login(hiring_manager)
    page = client.get(reverse("review:posting", args=[posting.pk])).content.decode()
    url = reverse("review:packet", args=[posting.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    client.force_login(outside_manager)
    assert client.get(url).status_code == 404
