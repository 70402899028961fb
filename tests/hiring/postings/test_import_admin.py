"""The Analyse page's "Create a draft from this text" opens the new draft."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from benchmarks import evaluation
from benchmarks.eval import DEFAULT_FILE
from hiring.models import JobPosting
from hiring.postings.import_views import NO_COMPANY
from hiring.postings.importing import NO_FAMILY, posting_import
from tests.hiring.postings.test_admin import form_data

DS_AD = next(ad for ad in evaluation.load(DEFAULT_FILE) if ad.id == "dev-039")
URL = reverse("admin:hiring_import")


def test_the_analyse_page_offers_the_import(client, recruiter):
    client.force_login(recruiter)
    content = client.get(reverse("admin:hiring_analyse")).content.decode()
    assert f'formaction="{URL}"' in content
    assert "Create a draft from this text" in content


def test_it_opens_the_draft_and_says_what_it_imported(client, recruiter, acme):
    client.force_login(recruiter)
    response = client.post(URL, {"title": DS_AD.title, "text": DS_AD.text})
    posting = JobPosting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:hiring_jobposting_change", args=[posting.pk])
    assert (posting.company, posting.recruiter, posting.role_family.slug) == (
        acme,
        recruiter,
        "data-scientist",
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said[0].startswith(f"Imported “{DS_AD.title}” as a draft Data Scientist posting")
    assert "Kept in the summary" in said[1]
    assert "rules." not in " ".join(said)  # no rule codes in what a recruiter reads


def test_the_draft_it_opens_is_an_editable_change_form(client, recruiter):
    client.force_login(recruiter)
    response = client.post(URL, {"title": DS_AD.title, "text": DS_AD.text}, follow=True)
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["original"].status == JobPosting.Status.DRAFT
    assert 'name="_save"' in content and 'name="summary"' in content
    assert "Imported" in content and "Kept in the summary" in content


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "", "text": ""}, "This field is required."),
        ({"title": "Office manager", "text": "Water the plants."}, NO_FAMILY),
    ],
)
def test_it_shows_the_page_again_with_the_reason(client, recruiter, data, message):
    client.force_login(recruiter)
    response = client.post(URL, data)
    assert response.status_code == 400
    errors = [m for messages in response.context["form"].errors.values() for m in messages]
    assert message in errors
    assert response.context["form"]["text"].value() == data["text"]  # the paste is kept
    assert not JobPosting.objects.exists()


def test_a_user_of_no_company_is_told_why(client, superuser):
    client.force_login(superuser)
    response = client.post(URL, {"title": DS_AD.title, "text": DS_AD.text})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [NO_COMPANY]


def test_the_draft_belongs_to_the_importer_company(client, outsider, globex):
    client.force_login(outsider)
    client.post(URL, {"title": DS_AD.title, "text": DS_AD.text})
    assert JobPosting.objects.get().company == globex


def test_a_hiring_manager_cannot_import(client, hiring_manager):
    client.force_login(hiring_manager)
    response = client.post(URL, {"title": DS_AD.title, "text": DS_AD.text})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not JobPosting.objects.exists()


def test_a_get_goes_back_to_the_analyse_page(client, recruiter):
    client.force_login(recruiter)
    response = client.get(URL)
    assert response["Location"] == reverse("admin:hiring_analyse")


def test_rewording_an_imported_duty_drops_the_skills_its_old_words_named(client, recruiter, acme):
    posting = posting_import(company=acme, title=DS_AD.title, text=DS_AD.text, by=recruiter)
    first, second = posting.responsibilities.order_by("order")[:2]
    assert first.skills.exists() and second.skills.exists()
    client.force_login(recruiter)
    url = reverse("admin:hiring_jobposting_change", args=[posting.pk])
    data = form_data(client.get(url))
    prefix = next(
        key.removesuffix("id")
        for key, value in data.items()
        if key.startswith("responsibilities-") and key.endswith("-id") and value == first.pk
    )
    data[prefix + "text"] = "Own the churn model"

    response = client.post(url, data)

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.text == "Own the churn model" and not first.skills.exists()
    assert second.skills.exists()
