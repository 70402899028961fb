"""The guided "New posting": family, level, places, pay, then the pre-filled draft."""

import pytest
from django.urls import reverse

from hiring.models import JobPosting
from hiring.postings.guided import NO_COMPANY, pay_laws_for, pay_suggestion
from roles.models import Level, RoleFamily

pytestmark = pytest.mark.django_db

NEW = reverse("admin:hiring_new_posting")
DENVER = {
    "family": "machine-learning-engineer",
    "level": "mle-senior",
    "locations": "Denver, CO, US",
    "remote_policy": "hybrid",
}


@pytest.mark.parametrize(
    ("params", "step"),
    [
        ({}, 1),
        ({"family": "nope"}, 1),
        ({"family": "machine-learning-engineer"}, 2),
        ({"family": "machine-learning-engineer", "level": "ds-senior"}, 2),  # other ladder
        ({"family": "machine-learning-engineer", "level": "mle-senior"}, 3),
        ({**DENVER, "locations": ""}, 3),
        (DENVER, 4),
    ],
)
def test_it_shows_the_first_step_not_yet_answered(client, recruiter, params, step):
    client.force_login(recruiter)
    response = client.get(NEW, params)
    assert response.context["step"] == step
    assert response.status_code == (400 if params.get("locations") == "" else 200)


def test_it_offers_only_the_familys_own_ladder(client, recruiter, mle):
    client.force_login(recruiter)
    page = client.get(NEW, {"family": mle.slug})
    assert list(page.context["levels"]) == list(Level.objects.filter(role_family=mle))
    assert 1 < len(page.context["levels"]) < Level.objects.count()


def test_it_says_up_front_that_the_law_wants_a_pay_range_and_suggests_the_band(client, recruiter):
    client.force_login(recruiter)
    page = client.get(NEW, DENVER)
    html = page.content.decode()
    assert "Colorado requires a pay range in the posting." in html
    form = page.context["pay_form"]
    assert (form["salary_min"].value(), form["salary_max"].value()) == (170000, 220000)
    assert form["salary_currency"].value() == "USD"
    assert form["hiring_manager"].value() is None  # no manager at Acme yet
    assert "004_a9c1373954b2aa14" not in html  # the source by its title, not its file


@pytest.mark.parametrize(
    ("family", "level", "locations", "band"),
    [
        ("machine-learning-engineer", "mle-senior", ["Denver, CO, US"], (170000, 220000)),
        ("machine-learning-engineer", "mle-mid", ["Bengaluru, India"], (1500000, 3000000)),
        ("data-scientist", "ds-junior", ["Pune"], (600000, 3000000)),  # the role-wide band
        ("machine-learning-engineer", "mle-mid", ["Denver, CO, US"], None),
        ("data-scientist", "ds-senior", ["Atlantis"], None),
    ],
)
def test_it_suggests_the_reference_band_for_role_level_and_region(family, level, locations, band):
    suggestion = pay_suggestion(
        role_family=RoleFamily.objects.get(slug=family),
        level=Level.objects.get(slug=level),
        locations=locations,
    )
    found = suggestion and (suggestion.band.min_amount, suggestion.band.max_amount)
    assert found == band


@pytest.mark.parametrize(
    ("locations", "policy", "laws"),
    [
        (["Denver, CO, US"], "onsite", {"Colorado"}),
        (["London, UK"], "hybrid", set()),
        (["Remote (US)"], "remote", {"Colorado", "California", "Washington"}),
        (["Remote (US)"], "hybrid", set()),
    ],
)
def test_it_names_the_pay_transparency_laws_of_the_places(locations, policy, laws):
    found = {law.jurisdiction for law in pay_laws_for(locations=locations, remote_policy=policy)}
    assert laws <= found and (laws or not found)


def test_it_creates_the_prefilled_draft_and_opens_it(client, recruiter, hiring_manager):
    client.force_login(recruiter)
    response = client.post(
        NEW,
        {
            **DENVER,
            "salary_min": "165000",
            "salary_max": "210000",
            "salary_currency": "USD",
            "salary_period": "YEAR",
            "title": "ML Engineer, Search",
            "hiring_manager": hiring_manager.pk,
        },
    )
    posting = JobPosting.objects.get(title="ML Engineer, Search")
    assert response.status_code == 302
    assert response.url == reverse("admin:hiring_jobposting_change", args=[posting.pk])
    assert (posting.level.slug, posting.locations, posting.remote_policy) == (
        "mle-senior",
        "Denver, CO, US",
        "hybrid",
    )
    assert (posting.salary_min, posting.salary_max) == (165000, 210000)
    assert (posting.recruiter, posting.hiring_manager, posting.company) == (
        recruiter,
        hiring_manager,
        recruiter.membership.company,
    )
    assert posting.skills.count() > 5 and posting.responsibilities.exists()
    assert posting.years_min == posting.level.min_years

    form = client.get(response.url).content.decode()
    assert "Live version" not in form and 'class="form-row field-version' not in form
    assert 'name="expected_version"' in form


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"salary_min": "300000"}, "The minimum salary is above the maximum."),
        ({"salary_currency": "usd"}, "ISO 4217"),
        ({"title": ""}, "This field is required."),
    ],
)
def test_it_keeps_bad_pay_on_the_form(client, recruiter, change, error):
    client.force_login(recruiter)
    data = {
        **DENVER,
        "salary_min": "170000",
        "salary_max": "220000",
        "salary_currency": "USD",
        "salary_period": "YEAR",
        "title": "Senior ML Engineer",
        **change,
    }
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not JobPosting.objects.exists()


def test_it_tells_a_user_of_no_company_why_no_draft_was_made(client, superuser):
    client.force_login(superuser)
    data = {**DENVER, "salary_currency": "USD", "salary_period": "YEAR", "title": "X"}
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert NO_COMPANY in response.content.decode()


def test_it_keeps_hiring_managers_out(client, hiring_manager):
    client.force_login(hiring_manager)
    assert client.get(NEW).status_code == 302  # not staff: to the login page


def test_home_and_list_open_the_guided_flow(client, recruiter):
    client.force_login(recruiter)
    for url in (reverse("admin:index"), reverse("admin:hiring_jobposting_changelist")):
        assert f'href="{NEW}"' in client.get(url).content.decode()
