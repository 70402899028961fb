import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hiring.models import JobPosting
from hiring.models.posting import CURRENCY_NOT_ISO_4217
from hiring.postings.services import posting_save
from hiring.postings.workflow import posting_publish, posting_review, posting_revise, posting_submit
from tests.factories import JobPostingFactory

Status = JobPosting.Status
CHANGELIST = reverse("admin:hiring_jobposting_changelist")


def change_url(posting):
    return reverse("admin:hiring_jobposting_change", args=[posting.pk])


def action_url(posting, action):
    return reverse("admin:hiring_jobposting_action", args=[posting.pk, action])


def form_data(response):
    """The change form's current values, as the browser would post them back."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value if not isinstance(value, bool) else ("on" if value else "")
        if isinstance(value, bool) and not value:
            data.pop(name)
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update(
            {
                f"{fs.prefix}-TOTAL_FORMS": str(fs.total_form_count()),
                f"{fs.prefix}-INITIAL_FORMS": str(fs.initial_form_count()),
            }
        )
        for sub in fs.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is None or value is False:
                    continue
                data[sub.add_prefix(name)] = "on" if value is True else value
    return data


def test_it_creates_a_posting_from_its_role_family_in_the_admin(
    client, recruiter, hiring_manager, mle, level, acme
):
    client.force_login(recruiter)
    response = client.get(reverse("admin:hiring_jobposting_add"))
    assert response.status_code == 200
    data = form_data(response)
    data.update(
        {
            "title": "Machine Learning Engineer",
            "role_family": mle.pk,
            "level": level("mle-mid").pk,
            "hiring_manager": hiring_manager.pk,
            "prefill_from_role": "on",
        }
    )
    response = client.post(reverse("admin:hiring_jobposting_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    posting = JobPosting.objects.get(title="Machine Learning Engineer")
    assert posting.company == acme and posting.recruiter == recruiter
    assert posting.skills.count() > 3 and posting.responsibilities.count() > 2


def test_it_refuses_a_new_posting_with_a_level_of_the_other_ladder(client, recruiter, ds, level):
    client.force_login(recruiter)
    data = form_data(client.get(reverse("admin:hiring_jobposting_add")))
    data.update({"title": "Data Scientist", "role_family": ds.pk, "level": level("mle-mid").pk})

    response = client.post(reverse("admin:hiring_jobposting_add"), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Machine Learning Engineer ladder" in " ".join(errors["level"])
    assert not JobPosting.objects.filter(title="Data Scientist").exists()


def test_it_refuses_moving_a_posting_to_the_other_family_under_its_level(
    client, recruiter, posting, ds
):
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    data["role_family"] = ds.pk

    response = client.post(change_url(posting), data)

    assert response.status_code == 200
    assert "Data Scientist" in " ".join(response.context["adminform"].form.errors["level"])
    posting.refresh_from_db()
    assert posting.role_family.slug == "machine-learning-engineer"


def test_it_refuses_a_currency_that_is_not_an_iso_4217_code_and_keeps_the_input(
    client, recruiter, posting
):
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    data["salary_currency"] = "U<>"

    response = client.post(change_url(posting), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["salary_currency"] == [CURRENCY_NOT_ISO_4217]
    assert form["salary_currency"].value() == "U<>"
    assert JobPosting.objects.get(pk=posting.pk).salary_currency == "USD"


def test_it_saves_an_edit_and_bumps_the_version(client, recruiter, posting):
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    data["title"] = "Senior ML Engineer"
    response = client.post(change_url(posting), data)
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title == "Senior ML Engineer" and posting.version == 3


def test_it_refuses_a_stale_save_and_keeps_the_input(client, recruiter, second_recruiter, posting):
    client.force_login(recruiter)
    mine = form_data(client.get(change_url(posting)))
    other = JobPosting.objects.get(pk=posting.pk)
    other.title = "Their title"
    posting_save(posting=other, expected_version=other.version)

    mine["title"] = "My title"
    response = client.post(change_url(posting), mine)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Someone else saved this posting" in str(form.non_field_errors())
    assert form["title"].value() == "My title"
    assert JobPosting.objects.get(pk=posting.pk).title == "Their title"


def test_it_orders_new_rows_left_without_an_order_after_the_others(
    client, recruiter, posting, skill
):
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    total = int(data["skills-TOTAL_FORMS"])
    data.update(
        {
            "skills-TOTAL_FORMS": str(total + 1),
            f"skills-{total}-skill": skill("sql").pk
            if not posting.skills.filter(skill__slug="sql").exists()
            else skill("statistics").pk,
            f"skills-{total}-emphasis": "2",
            f"skills-{total}-order": "",
        }
    )
    response = client.post(change_url(posting), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    orders = list(posting.skills.values_list("order", flat=True))
    assert orders == sorted(orders) and len(set(orders)) == total + 1


@pytest.mark.parametrize("inline", ["skills", "responsibilities"])
def test_it_swaps_two_rows_orders_in_one_save(client, recruiter, posting, inline):
    """Reordering is renumbering: rows may trade numbers, as a recruiter expects."""
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    first, second = data[f"{inline}-0-order"], data[f"{inline}-1-order"]
    data[f"{inline}-0-order"], data[f"{inline}-1-order"] = second, first
    rows = getattr(posting, inline)
    first_id, second_id = rows.order_by("order")[0].pk, rows.order_by("order")[1].pk

    response = client.post(change_url(posting), data)

    assert response.status_code == 302, response.context["adminform"].form.errors or [
        f.formset.errors for f in response.context["inline_admin_formsets"]
    ]
    assert [row.pk for row in rows.order_by("order")[:2]] == [second_id, first_id]


def test_it_swaps_two_criteria_orders_in_one_save(client, recruiter, posting):
    client.force_login(recruiter)
    url = reverse("admin:hiring_rubric_change", args=[posting.rubric.pk])
    data = form_data(client.get(url))
    data["criteria-0-order"], data["criteria-1-order"] = (
        data["criteria-1-order"],
        data["criteria-0-order"],
    )
    first, second = posting.rubric.criteria.order_by("order")[:2]

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(posting.rubric.criteria.order_by("order")[:2]) == [second, first]


def rubric_url(posting):
    return reverse("admin:hiring_rubric_change", args=[posting.rubric.pk])


@pytest.mark.parametrize(
    ("first_edit", "second_edit"),
    [
        # The report: one saves the notes, the other a criterion's weight.
        ({"notes": "Ask about on-call."}, {"criteria-0-weight": "3.00"}),
        ({"criteria-0-questions": "Walk me through a rollback."}, {"notes": "Shorter loop."}),
        ({"criteria-0-weight": "2.00"}, {"criteria-0-weight": "3.00"}),
    ],
)
def test_it_refuses_a_stale_rubric_save_and_keeps_the_input(
    client, recruiter, second_recruiter, posting, first_edit, second_edit
):
    client.force_login(second_recruiter)
    theirs = form_data(client.get(rubric_url(posting)))
    client.force_login(recruiter)
    mine = form_data(client.get(rubric_url(posting)))
    client.force_login(second_recruiter)
    assert client.post(rubric_url(posting), {**theirs, **first_edit}).status_code == 302
    saved = JobPosting.objects.get(pk=posting.pk)

    client.force_login(recruiter)
    response = client.post(rubric_url(posting), {**mine, **second_edit})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Someone else saved this posting" in str(form.non_field_errors())
    # What I typed is still on the page, to apply again after a reload.
    criteria = response.context["inline_admin_formsets"][0].formset
    shown = {"notes": form["notes"].value(), "criteria-0-weight": criteria[0]["weight"].value()}
    for name, value in second_edit.items():
        if name in shown:
            assert str(shown[name]) == value
    # And the first save is intact.
    rubric = posting.rubric.__class__.objects.get(pk=posting.rubric.pk)
    first = rubric.criteria.order_by("order")[0]
    expected = {
        "notes": rubric.notes,
        "criteria-0-weight": f"{first.weight:.2f}",
        "criteria-0-questions": first.questions,
    }
    for name, value in first_edit.items():
        assert expected[name] == value
    assert JobPosting.objects.get(pk=posting.pk).version == saved.version


def test_it_saves_a_rubric_edit_and_bumps_the_postings_version(client, recruiter, posting):
    client.force_login(recruiter)
    data = form_data(client.get(rubric_url(posting)))
    opened_at = JobPosting.objects.get(pk=posting.pk).version

    response = client.post(rubric_url(posting), {**data, "notes": "Pair on a real incident."})

    assert response.status_code == 302
    posting.rubric.refresh_from_db()
    assert posting.rubric.notes == "Pair on a real incident."
    # One save, one version: the posting form and the API's If-Match see the rubric moved.
    assert JobPosting.objects.get(pk=posting.pk).version == opened_at + 1


def test_it_refuses_a_rubric_save_opened_before_a_posting_edit(
    client, recruiter, second_recruiter, posting
):
    client.force_login(recruiter)
    mine = form_data(client.get(rubric_url(posting)))
    other = JobPosting.objects.get(pk=posting.pk)
    posting_save(posting=other, expected_version=other.version)

    response = client.post(rubric_url(posting), {**mine, "notes": "Mine."})

    assert response.status_code == 200
    assert "Someone else saved this posting" in response.content.decode()


def test_it_refuses_two_rows_with_the_same_order(client, recruiter, posting):
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    data["skills-1-order"] = data["skills-0-order"]

    response = client.post(change_url(posting), data)

    assert response.status_code == 200
    errors = str(response.context["inline_admin_formsets"][0].formset.non_form_errors())
    assert "order" in errors.lower()


def test_it_shows_non_drafts_read_only_and_refuses_their_edits(
    client, recruiter, hiring_manager, posting
):
    posting_submit(posting=posting, by=recruiter)
    client.force_login(recruiter)
    response = client.get(change_url(posting))
    assert response.status_code == 200 and b'name="title"' not in response.content
    assert client.post(change_url(posting), {"title": "x"}).status_code == 403


@pytest.mark.parametrize(
    ("action", "status"),
    [("submit", Status.IN_REVIEW), ("archive", Status.ARCHIVED)],
)
def test_it_runs_status_actions_from_the_change_page(client, recruiter, posting, action, status):
    client.force_login(recruiter)
    response = client.post(action_url(posting, action))
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == status


def test_it_explains_a_refused_action(client, recruiter, posting):
    client.force_login(recruiter)
    response = client.post(action_url(posting, "publish"), follow=True)
    assert "draft cannot be published" in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == Status.DRAFT


def test_it_builds_the_rubric_and_opens_it(client, recruiter, posting):
    posting.rubric.criteria.all().delete()
    client.force_login(recruiter)
    page = client.post(action_url(posting, "build-rubric"))
    assert "Add a criterion for" in page.content.decode()
    assert posting.rubric.criteria.count() == 0  # a proposal only, until confirmed
    must = posting.skills.filter(must_have=True).values_list("skill_id", flat=True)
    response = client.post(action_url(posting, "build-rubric"), {"confirm": "1", "add": list(must)})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:hiring_rubric_change", args=[posting.rubric.pk])
    assert posting.rubric.criteria.count() == posting.skills.filter(must_have=True).count()
    assert client.get(response["Location"]).status_code == 200


def test_it_previews_the_posting_as_a_candidate_sees_it(client, recruiter, posting):
    client.force_login(recruiter)
    response = client.get(reverse("admin:hiring_preview", args=[posting.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert posting.title in content and "What you bring" in content
    # The rubric is for interviewers, never for candidates.
    assert posting.rubric.criteria.first().anchor_strong_yes not in content


def test_it_diffs_two_published_versions(client, recruiter, hiring_manager, posting):
    for title in ("ML Engineer v1", "ML Engineer v2"):
        posting.refresh_from_db()
        if posting.status != Status.DRAFT:
            posting_revise(posting=posting, by=recruiter)
        posting.title = title
        posting_save(posting=posting, expected_version=posting.version)
        posting_submit(posting=posting, by=recruiter)
        posting_review(posting=posting, by=hiring_manager, decision="approve")
        posting_publish(posting=posting, by=recruiter)
    client.force_login(recruiter)
    response = client.get(reverse("admin:hiring_versions", args=[posting.pk]), {"a": 1, "b": 2})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Title: ML Engineer v1 → ML Engineer v2" in content
    assert "title" not in content.split('id="diff"')[1]  # field names stay out of it


def test_it_clones_selected_postings_from_the_changelist(client, recruiter, posting):
    client.force_login(recruiter)
    response = client.post(
        CHANGELIST, {"action": "clone_selected", "_selected_action": [posting.pk]}
    )
    assert response.status_code == 302
    assert JobPosting.objects.filter(cloned_from=posting).count() == 1


def test_it_filters_and_searches_the_changelist(client, recruiter, posting, hiring_manager):
    client.force_login(recruiter)
    for params in (
        {"status": "draft"},
        {"role_family__id__exact": posting.role_family_id},
        {"hiring_manager": hiring_manager.pk},
        {"q": "ML"},
    ):
        response = client.get(CHANGELIST, params)
        assert response.status_code == 200
        assert posting in response.context["cl"].result_list


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_renders_the_change_form_in_queries_that_do_not_grow_with_blocks(
    client, recruiter, posting, grow
):
    client.force_login(recruiter)
    posting.skills.all().delete()
    posting.responsibilities.all().delete()
    grow(posting, 5)
    small = queries(client, change_url(posting))
    grow(posting, 35)
    assert queries(client, change_url(posting)) == small


def test_it_lists_postings_in_queries_that_do_not_grow(client, recruiter, acme, mle):
    client.force_login(recruiter)
    JobPostingFactory.create_batch(10, company=acme, role_family=mle)
    small = queries(client, CHANGELIST)
    JobPostingFactory.create_batch(190, company=acme, role_family=mle)
    assert queries(client, CHANGELIST) == small


def test_it_proposes_removing_a_demoted_skill_and_applies_only_what_is_ticked(
    client, recruiter, posting
):
    rows = list(posting.skills.filter(must_have=True).order_by("order"))
    posting.rubric.criteria.all().delete()
    client.force_login(recruiter)
    client.post(
        action_url(posting, "build-rubric"),
        {"confirm": "1", "add": [row.skill_id for row in rows]},
    )
    demoted, kept = rows[0], rows[1]
    posting.skills.filter(pk__in=[demoted.pk, kept.pk]).update(must_have=False)
    page = client.post(action_url(posting, "build-rubric")).content.decode()
    assert "Remove the criterion" in page and "is now a nice-to-have" in page
    drop = posting.rubric.criteria.get(skill_id=demoted.skill_id)
    client.post(action_url(posting, "build-rubric"), {"confirm": "1", "remove": [drop.pk]})
    assessed = set(posting.rubric.criteria.values_list("skill_id", flat=True))
    assert demoted.skill_id not in assessed and kept.skill_id in assessed


def test_the_list_is_titled_and_counts_findings_in_words(client, recruiter, acme, mle):
    JobPostingFactory(
        company=acme, role_family=mle, recruiter=recruiter, open_errors=1, open_warnings=2
    )
    JobPostingFactory(company=acme, role_family=mle, recruiter=recruiter, title="Clean")
    client.force_login(recruiter)
    content = client.get(CHANGELIST).content.decode()
    assert "<h1>Job postings</h1>" in content
    assert "1 error</span>, <span" in content and "2 warnings</span>" in content
    clean_row = content.split(">Clean<")[1].split("</tr>")[0]
    assert ">None<" in clean_row


def test_people_are_offered_and_filtered_by_name(client, recruiter, hiring_manager, posting):
    hiring_manager.first_name, hiring_manager.last_name = "Hugo", "Manager"
    hiring_manager.save()
    client.force_login(recruiter)
    form = client.get(change_url(posting)).context["adminform"].form
    labels = [label for _, label in form.fields["hiring_manager"].choices]
    assert "Hugo Manager" in labels and "hugo" not in labels
    content = client.get(CHANGELIST).content.decode()
    assert f'<a href="?hiring_manager={hiring_manager.pk}">Hugo Manager</a>' in content
