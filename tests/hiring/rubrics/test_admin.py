"""The rubric's admin page: interviewers by stage, their kits, and the sync's demote choice."""

import pytest
from django.urls import reverse

from hiring.models import Criterion, JobPosting, StageInterviewer
from hiring.postings.workflow import posting_submit
from hiring.rubrics.admin import PICK_A_MEMBER, SAME_PERSON_TWICE
from hiring.rubrics.services import rubric_set_interviewers
from tests.exports import pdfs
from tests.hiring.postings.test_admin import action_url, form_data


def change_url(rubric):
    return reverse("admin:hiring_rubric_change", args=[rubric.pk])


def stages_of(posting):
    return sorted(set(posting.rubric.criteria.values_list("stage", flat=True)))


def assign(posting, *assignments):
    posting.refresh_from_db()
    rubric_set_interviewers(
        posting=posting, expected_version=posting.version, assignments=list(assignments)
    )
    posting.refresh_from_db()


def post_interviewers(client, rubric, rows):
    """Post the change form back as opened, with `rows` (stage, user pk) as interviewers."""
    data = form_data(client.get(change_url(rubric)))
    for key in [k for k in data if k.startswith("interviewers-")]:
        data.pop(key)
    data["interviewers-TOTAL_FORMS"] = str(len(rows))
    data["interviewers-INITIAL_FORMS"] = "0"
    for index, (stage, pk) in enumerate(rows):
        data[f"interviewers-{index}-stage"] = stage
        data[f"interviewers-{index}-interviewer"] = str(pk)
    return client.post(change_url(rubric), data)


def test_it_assigns_members_to_stages_and_claims_the_next_version(
    client, recruiter, hiring_manager, posting
):
    client.force_login(recruiter)
    first, *_ = stages_of(posting)
    version = posting.version

    response = post_interviewers(
        client,
        posting.rubric,
        [(first, hiring_manager.pk), ("behavioural", hiring_manager.pk), (first, recruiter.pk)],
    )

    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    rows = set(StageInterviewer.objects.values_list("stage", "interviewer"))
    assert rows == {
        (first, hiring_manager.pk),
        ("behavioural", hiring_manager.pk),
        (first, recruiter.pk),
    }
    assert JobPosting.objects.get(pk=posting.pk).version > version


def test_it_offers_only_the_companys_members(client, recruiter, hiring_manager, outsider, posting):
    client.force_login(recruiter)
    response = client.get(change_url(posting.rubric))
    [inline] = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "interviewers"
    ]
    offered = set(inline.formset.empty_form.fields["interviewer"].queryset)

    assert offered == {recruiter, hiring_manager}
    assert "hugo (hiring manager)" in response.content.decode()


@pytest.mark.parametrize(
    ("people", "message"),
    [
        (["outsider"], PICK_A_MEMBER.format(company="Acme Analytics")),
        (["recruiter", "recruiter"], SAME_PERSON_TWICE),
    ],
)
def test_it_shows_an_error_for_an_outsider_or_a_duplicate(
    request, client, recruiter, outsider, posting, people, message
):
    client.force_login(recruiter)
    users = [request.getfixturevalue(name) for name in people]

    response = post_interviewers(client, posting.rubric, [("technical", u.pk) for u in users])

    assert response.status_code == 200
    assert message in response.content.decode()
    assert StageInterviewer.objects.count() == 0


def test_it_links_the_whole_kit_and_each_interviewers(client, recruiter, hiring_manager, posting):
    first, *_ = stages_of(posting)
    assign(posting, (first, hiring_manager), (first, recruiter))
    client.force_login(recruiter)

    content = client.get(change_url(posting.rubric)).content.decode()

    assert reverse("admin:hiring_rubric_kit", args=[posting.rubric.pk]) in content
    for person in (hiring_manager, recruiter):
        url = reverse("admin:hiring_rubric_kit_for", args=[posting.rubric.pk, person.pk])
        assert url in content
    assert f"For {hiring_manager.username}" in content


def test_it_downloads_an_interviewers_kit_with_their_name(
    client, recruiter, hiring_manager, posting
):
    first, *_ = stages_of(posting)
    assign(posting, (first, hiring_manager))
    client.force_login(recruiter)

    response = client.get(
        reverse("admin:hiring_rubric_kit_for", args=[posting.rubric.pk, hiring_manager.pk])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-draft-interview-kit-hugo.pdf"')
    assert "Interview kit for hugo" in pdfs.text(response.content)


def test_it_answers_404_for_another_companys_rubric_or_someone_without_a_stage(
    client, recruiter, outsider, hiring_manager, posting
):
    first, *_ = stages_of(posting)
    assign(posting, (first, recruiter))
    kit_for = reverse("admin:hiring_rubric_kit_for", args=[posting.rubric.pk, recruiter.pk])
    client.force_login(outsider)
    assert (
        client.get(reverse("admin:hiring_rubric_kit", args=[posting.rubric.pk])).status_code == 404
    )
    assert client.get(kit_for).status_code == 404
    client.force_login(recruiter)
    nobody = reverse("admin:hiring_rubric_kit_for", args=[posting.rubric.pk, hiring_manager.pk])
    assert client.get(nobody).status_code == 404


def test_a_submitted_postings_interviewers_are_read_only(
    client, recruiter, hiring_manager, posting
):
    first, *_ = stages_of(posting)
    hiring_manager.first_name, hiring_manager.last_name = "Hugo", "Manager"
    hiring_manager.save()
    assign(posting, (first, hiring_manager))
    posting_submit(posting=posting, by=recruiter)
    client.force_login(recruiter)

    response = client.get(change_url(posting.rubric))

    assert response.status_code == 200
    content = response.content.decode()
    assert "interviewers-0-interviewer" not in content
    row = content.split('id="interviewers-0"')[1].split("</tr>")[0]
    assert "Hugo Manager" in row and hiring_manager.username not in row
    assert (
        reverse("admin:hiring_rubric_kit_for", args=[posting.rubric.pk, hiring_manager.pk])
        in content
    )


def test_the_sync_offers_demote_preselected_and_applies_the_choice(client, recruiter, posting):
    heavy = list(posting.rubric.criteria.filter(skill__isnull=False).order_by("order")[:3])
    Criterion.objects.filter(pk__in=[c.pk for c in heavy]).update(weight=3)
    demoted, removed, gone = heavy
    posting.skills.filter(skill_id__in=[demoted.skill_id, removed.skill_id]).update(must_have=False)
    posting.skills.filter(skill_id=gone.skill_id).delete()
    client.force_login(recruiter)

    page = client.post(action_url(posting, "build-rubric")).content.decode()

    assert f'name="nice-{demoted.pk}" value="demote" checked' in page
    assert f'name="nice-{demoted.pk}" value="remove">' in page
    assert f'name="remove" value="{gone.pk}" checked' in page
    assert f'name="remove" value="{demoted.pk}"' not in page

    response = client.post(
        action_url(posting, "build-rubric"),
        {
            "confirm": "1",
            f"nice-{demoted.pk}": "demote",
            f"nice-{removed.pk}": "remove",
            "remove": [gone.pk],
        },
    )

    assert response.status_code == 302
    left = {c.pk: c for c in posting.rubric.criteria.all()}
    assert removed.pk not in left and gone.pk not in left
    assert left[demoted.pk].weight == 1
    assert left[demoted.pk].weight_reason == "A nice-to-have in the posting."


def test_the_sync_keeps_a_nice_to_have_as_it_is_when_asked(client, recruiter, posting):
    criterion = posting.rubric.criteria.filter(skill__isnull=False).first()
    Criterion.objects.filter(pk=criterion.pk).update(weight=3)
    posting.skills.filter(skill_id=criterion.skill_id).update(must_have=False)
    client.force_login(recruiter)

    client.post(
        action_url(posting, "build-rubric"), {"confirm": "1", f"nice-{criterion.pk}": "keep"}
    )

    assert Criterion.objects.get(pk=criterion.pk).weight == 3
