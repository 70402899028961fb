"""Postings through the API: list and filters, nested blocks, drafts written with blocks,
ETags and If-Match, the lifecycle actions, versions and their diff, findings."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from hiring.api import conditional, pagination
from hiring.api.serializers.postings import (
    DUPLICATE_SKILL,
    UNKNOWN_SKILL,
    PostingDetailSerializer,
    PostingSerializer,
)
from hiring.findings.services import UNKNOWN_FINDING
from hiring.models import JobPosting, Review
from hiring.models.posting import CURRENCY_NOT_ISO_4217
from hiring.postings.selectors import (
    posting_detail_item,
    posting_detail_row,
    posting_list_items,
    posting_list_rows,
    postings_with_blocks,
)
from hiring.postings.services import (
    LEVEL_OF_OTHER_FAMILY,
    NOT_EDITABLE,
    posting_create,
    posting_save,
)
from hiring.postings.workflow import (
    ILLEGAL_TRANSITION,
    posting_archive,
    posting_publish,
    posting_review,
    posting_revise,
    posting_submit,
)
from roles.models import Requirement
from tests.factories import JobPostingFactory, SkillFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/postings/"


def postings_for_detail(queryset):
    """What `PostingDetailSerializer` reads: the postings with blocks and rubric."""
    return postings_with_blocks(queryset).select_related("rubric__approved_by")


@pytest.fixture(autouse=True)
def people(recruiter, hiring_manager):
    """Rita and Hugo work at Acme, so that postings can name them."""


def detail(posting) -> str:
    return f"/api/v1/postings/{posting.pk}/"


def etag(posting) -> str:
    posting.refresh_from_db()
    return conditional.posting_etag(posting)


def publish(posting, recruiter, hiring_manager):
    posting_submit(posting=posting, by=recruiter)
    posting_review(posting=posting, by=hiring_manager, decision=Review.Decision.APPROVE)
    posting_publish(posting=posting, by=recruiter)
    posting.refresh_from_db()
    return posting


NEW = {
    "title": "Senior ML Engineer, Ranking",
    "role_family": "machine-learning-engineer",
    "level": "mle-senior",
    "locations": ["Denver, CO, US", "Remote, US"],
    "salary_min": "160000",
    "salary_max": 200000,
    "years_min": 5,
    "years_max": 8,
    "hiring_manager": "hugo",
    "skills": [
        {"skill": "python", "must_have": True, "emphasis": "heavy"},
        {"skill": "docker-kubernetes", "emphasis": "heavy", "order": 1},
        {"skill": "ab-testing", "must_have": False, "emphasis": "light"},
    ],
    "responsibilities": [
        {"responsibility": "serve-predictions-via-low-latency-apis"},
        {"text": "Keep our ranking service under 50 ms at p99"},
        {"responsibility": "maintain-ml-infrastructure", "text": "Run our GPU fleet"},
    ],
}


# Reading


def test_it_lists_the_company_postings_with_their_blocks(api, posting, globex):
    JobPostingFactory(company=globex, role_family=posting.role_family)

    response = api.get(LIST)

    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["id"] == posting.pk
    assert item["skills"][0]["skill"] == posting.skills.first().skill.slug
    assert len(item["responsibilities"]) == posting.responsibilities.count()
    assert "rubric" not in item


def test_it_builds_list_items_exactly_as_the_serializer_would(posting, hiring_manager, grow):
    """The list reads `values()` for speed; the serializer documents it: they must agree."""
    posting.salary_min, posting.salary_max, posting.locations = 1000, 2500.5, "A\nB, C"
    posting.save()
    posting.responsibilities.create(text="Custom wording", order=999)
    grow(posting, 2)
    queryset = JobPosting.objects.filter(pk=posting.pk)

    fast = posting_list_items(list(posting_list_rows(queryset)))

    assert fast == PostingSerializer(queryset, many=True).data


def test_it_builds_the_detail_exactly_as_the_serializer_would(posting, hiring_manager, grow):
    """Retrieve reads `values()` too; `PostingDetailSerializer` documents it."""
    criterion = posting.rubric.criteria.first()
    criterion.title, criterion.weight, criterion.questions = "Own title", 2.5, "One\n\n Two "
    criterion.anchor_no = "Vague"
    criterion.save()
    posting.rubric.criteria.create(title="Culture add", order=999)
    posting.rubric.approved_by, posting.rubric.approved_at = hiring_manager, timezone.now()
    posting.rubric.save()
    grow(posting, 2)
    queryset = postings_for_detail(JobPosting.objects.filter(pk=posting.pk))

    fast = posting_detail_item(posting_detail_row(queryset))

    assert fast == PostingDetailSerializer(queryset.get()).data


def test_the_detail_of_a_posting_without_a_rubric_has_none(posting):
    posting.rubric.delete()
    queryset = JobPosting.objects.filter(pk=posting.pk)

    item = posting_detail_item(posting_detail_row(queryset))

    assert item["rubric"] is None
    assert item == PostingDetailSerializer(postings_for_detail(queryset).get()).data


def test_it_retrieves_a_posting_with_its_rubric_and_etag(api, posting):
    response = api.get(detail(posting))

    assert response.status_code == 200
    assert response["ETag"] == f'W/"{posting.pk}-{posting.version}"'
    body = response.json()
    assert body["rubric"]["criteria"][0]["skill"] == body["skills"][0]["skill"]
    assert set(body["rubric"]["criteria"][0]["anchors"]) == {"strong_no", "no", "yes", "strong_yes"}


def test_it_answers_304_when_the_etag_is_still_current(api, posting):
    response = api.get(detail(posting), HTTP_IF_NONE_MATCH=etag(posting))

    assert response.status_code == 304
    assert response["ETag"] == etag(posting)


def test_it_filters_by_status_role_family_level_and_search(api, acme, posting, ds, level):
    other = posting_create(
        company=acme, title="Analytics lead", role_family=ds, level=level("ds-lead")
    )
    posting_archive(posting=other, by=posting.recruiter)

    def ids(query):
        response = api.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["results"]}

    assert ids("status=archived") == {other.pk}
    assert ids("status=archived&status=draft") == {other.pk, posting.pk}
    assert ids("role_family=machine-learning-engineer") == {posting.pk}
    assert ids("level=ds-lead") == {other.pk}
    assert ids("search=analytics") == {other.pk}
    assert ids("search=ML engineer") == {posting.pk}


def test_it_refuses_unknown_filter_values(api, posting):
    response = api.get(f"{LIST}?status=open&role_family=pilot&updated_since=yesterday")

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"status", "role_family", "updated_since"}


def test_it_pages_with_a_cursor_in_update_order(api, acme, mle):
    created = [posting_create(company=acme, title=f"P{n}", role_family=mle) for n in range(5)]
    posting_save(posting=created[0], expected_version=1)  # now the latest change

    seen, url = [], f"{LIST}?page_size=2"
    while url:
        page = api.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]

    assert seen == [p.pk for p in created[1:]] + [created[0].pk]


def test_it_caps_the_page_size_and_refuses_nonsense(api, posting):
    assert api.get(f"{LIST}?page_size=1000").status_code == 200
    assert api.get(f"{LIST}?page_size=0").status_code == 400
    assert api.get(f"{LIST}?page_size=ten").status_code == 400
    assert api.get(f"{LIST}?cursor=not-a-cursor").status_code == 400


@pytest.mark.parametrize(
    "cursor",
    [
        "AAAA",  # three NUL bytes once decoded
        "%00",
        "",
        "not-a-cursor",
        "cD0yMDI2LTAxLTAx",  # base64 of p=2026-01-01: well formed, but not handed out
        "eD0x",  # base64 of x=1
    ],
)
def test_it_refuses_every_cursor_it_did_not_hand_out(api, acme, mle, cursor):
    for n in range(3):
        posting_create(company=acme, title=f"P{n}", role_family=mle)

    response = api.get(f"{LIST}?page_size=2&cursor={cursor}")

    assert response.status_code == 400, response.content
    assert response.json()["fields"] == {"cursor": [pagination.INVALID_CURSOR]}


def test_it_refuses_a_cursor_that_was_altered_or_stripped_of_its_signature(api, acme, mle):
    for n in range(3):
        posting_create(company=acme, title=f"P{n}", role_family=mle)
    next_link = api.get(LIST, {"page_size": 2}).json()["next"]
    [cursor] = parse_qs(urlsplit(next_link).query)["cursor"]
    assert api.get(LIST, {"page_size": 2, "cursor": cursor}).status_code == 200

    altered = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")
    unsigned = cursor.rsplit(":", 1)[0]  # what DRF alone would have handed out

    for tampered in (altered, unsigned):
        response = api.get(LIST, {"page_size": 2, "cursor": tampered})
        assert response.json()["fields"] == {"cursor": [pagination.INVALID_CURSOR]}


def test_it_lists_changes_since_a_time_including_archived_ones(api, acme, mle, recruiter):
    old = posting_create(company=acme, title="Old", role_family=mle)
    JobPosting.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    archived = posting_create(company=acme, title="Gone", role_family=mle)
    posting_archive(posting=archived, by=recruiter)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    response = api.get(LIST, {"updated_since": since})

    assert [item["id"] for item in response.json()["results"]] == [archived.pk]
    assert response.json()["results"][0]["status"] == "archived"


# Creating


def test_it_creates_a_draft_with_blocks_in_order(api, acme):
    response = api.post(LIST, NEW, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"] == f"/api/v1/postings/{body['id']}/"
    assert response["ETag"] == f'W/"{body["id"]}-{body["version"]}"'
    assert body["status"] == "draft"
    assert body["company"] == "acme"
    assert body["locations"] == ["Denver, CO, US", "Remote, US"]
    assert (body["salary_min"], body["salary_max"]) == ("160000.00", "200000.00")
    assert [s["skill"] for s in body["skills"]] == ["docker-kubernetes", "python", "ab-testing"]
    assert body["skills"][1]["must_have"] is True
    assert [r["display_text"] for r in body["responsibilities"]][1:] == [
        "Keep our ranking service under 50 ms at p99",
        "Run our GPU fleet",
    ]
    assert body["responsibilities"][2]["responsibility"] == "maintain-ml-infrastructure"
    posting = JobPosting.objects.get(pk=body["id"])
    assert posting.company == acme and posting.hiring_manager.username == "hugo"
    assert posting.open_warnings + posting.open_infos + posting.open_errors > 0


def test_it_keeps_a_skill_rows_own_sentence_and_words_the_others_from_the_catalog(api):
    own = "Ships Python that a colleague can review in an afternoon"
    skills = [{**NEW["skills"][0], "requirement": own}, *NEW["skills"][1:]]
    body = api.post(LIST, {**NEW, "skills": skills}, format="json").json()

    rows = {row["skill"]: row for row in body["skills"]}
    assert (rows["python"]["requirement"], rows["python"]["display_requirement"]) == (own, own)
    assert rows["docker-kubernetes"]["requirement"] == ""
    assert rows["docker-kubernetes"]["display_requirement"].startswith("Production experience")


def test_a_catalog_rewording_reaches_the_cached_detail(api, posting):
    row = posting.skills.select_related("skill").filter(requirement="").first()
    assert api.get(detail(posting)).status_code == 200  # now cached
    wording = Requirement.objects.get(skill=row.skill, emphasis=max(row.emphasis, 1))
    wording.text = "Reworded by the catalog editor"
    wording.save()

    rows = {r["skill"]: r for r in api.get(detail(posting)).json()["skills"]}
    assert rows[row.skill.slug]["display_requirement"] == "Reworded by the catalog editor"


def test_it_prefills_from_the_role_when_asked(api):
    response = api.post(
        LIST,
        {**NEW, "skills": [], "responsibilities": [], "prefill_from_role": True},
        format="json",
    )

    assert response.status_code == 201
    assert len(response.json()["skills"]) > 5


def test_it_names_unknown_and_repeated_skills_by_position(api):
    skills = [{"skill": "python"}, {"skill": "quantum-yoga"}, {"skill": "python"}]

    response = api.post(LIST, {**NEW, "skills": skills}, format="json")

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "skills.1.skill": [UNKNOWN_SKILL.format(slug="quantum-yoga")],
        "skills.2.skill": [DUPLICATE_SKILL.format(slug="python")],
    }
    assert not JobPosting.objects.exists()


def test_it_keeps_other_companies_skills_out_of_reach(api, globex):
    SkillFactory(company=globex, slug="globex-secret-sauce")

    response = api.post(LIST, {**NEW, "skills": [{"skill": "globex-secret-sauce"}]}, format="json")

    assert response.status_code == 400
    assert "skills.0.skill" in response.json()["fields"]


def test_it_refuses_inconsistent_fields(api):
    body = {**NEW, "level": "ds-senior", "salary_min": 300000, "years_min": 10}

    response = api.post(LIST, body, format="json")

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields["level"] == [
        LEVEL_OF_OTHER_FAMILY.format(
            level="ds-senior",
            name="Senior Data Scientist",
            family="Data Scientist",
            declared="Machine Learning Engineer",
        )
    ]
    assert set(fields) == {"level", "salary_min", "years_min"}


@pytest.mark.parametrize("code", ["U<>", "ZZZ", "US$", "usd"])
def test_it_refuses_a_salary_currency_that_is_not_an_iso_4217_code(api, code):
    response = api.post(LIST, {**NEW, "salary_currency": code}, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["fields"] == {"salary_currency": [CURRENCY_NOT_ISO_4217]}
    assert not JobPosting.objects.exists()


def test_it_takes_an_iso_4217_currency_code(api):
    response = api.post(LIST, {**NEW, "salary_currency": "INR"}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["salary_currency"] == "INR"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", 12),
        ("title", ""),
        ("title", "x" * 201),
        ("role_family", None),
        ("years_min", "5"),
        ("years_min", -1),
        ("years_min", 2.5),
        ("salary_min", True),
        ("salary_min", "lots"),
        ("salary_currency", "dollars"),
        ("remote_policy", "moon"),
        ("locations", "Denver"),
        ("locations", ["Denver\nBoulder"]),
        ("hiring_manager", "rita"),
        ("hiring_manager", ""),
        ("level", ""),
        ("apply_url", "javascript:alert(1)"),
        ("skills", {"skill": "python"}),
        ("skills", [{"skill": "python", "emphasis": "extreme"}]),
        ("skills", [{"skill": "python", "must_have": "yes"}]),
        ("skills", [{"skill": "python", "order": 1}, {"skill": "sql", "order": 1}]),
        ("responsibilities", [{}]),
        ("responsibilities", [{"responsibility": "no-such-duty"}]),
    ],
)
def test_it_refuses_wrong_types_and_values_with_a_field_message(api, field, value):
    response = api.post(LIST, {**NEW, field: value}, format="json")

    assert response.status_code == 400, response.content
    assert any(key.split(".")[0] == field for key in response.json()["fields"]), response.json()


def test_it_ignores_read_only_fields_on_create(api, globex):
    body = {
        **NEW,
        "id": 999_999,
        "status": "published",
        "version": 42,
        "company": "globex",
        "published_version": 3,
        "open_findings": {"error": 0},
    }

    response = api.post(LIST, body, format="json")

    assert response.status_code == 201
    posting = JobPosting.objects.get(pk=response.json()["id"])
    assert posting.pk != 999_999
    assert (posting.status, posting.version, posting.company.slug) == ("draft", 1, "acme")
    assert posting.published_version is None


# Updating


def test_it_requires_if_match_to_update(api, posting):
    response = api.patch(detail(posting), {"title": "New"}, format="json")

    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"


def test_it_refuses_an_update_based_on_an_older_version(api, posting):
    stale = etag(posting)
    posting_save(posting=posting, expected_version=posting.version)

    response = api.patch(detail(posting), {"title": "New"}, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert JobPosting.objects.get(pk=posting.pk).title == "ML Engineer"


def test_it_maps_a_save_that_loses_the_race_to_412(api, posting, monkeypatch):
    """The version is checked again, atomically, inside the service."""
    current = etag(posting)
    original = posting_save

    def racing_save(**kwargs):
        JobPosting.objects.filter(pk=posting.pk).update(version=posting.version + 1)
        return original(**kwargs)

    monkeypatch.setattr("hiring.postings.services.posting_save", racing_save)

    response = api.patch(detail(posting), {"title": "New"}, format="json", HTTP_IF_MATCH=current)

    assert response.status_code == 412
    assert "Someone else saved this posting" in response.json()["message"]


def test_it_refuses_a_malformed_if_match(api, posting):
    response = api.patch(detail(posting), {"title": "New"}, format="json", HTTP_IF_MATCH="*")

    assert response.status_code == 400
    assert "If-Match" in response.json()["fields"]


def test_it_updates_fields_and_replaces_block_lists(api, posting):
    skills = [{"skill": "python", "emphasis": "heavy"}, {"skill": "sql"}]

    response = api.patch(
        detail(posting),
        {"title": "Staff ML Engineer", "skills": skills},
        format="json",
        HTTP_IF_MATCH=etag(posting),
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["title"] == "Staff ML Engineer"
    assert [(s["skill"], s["emphasis"]) for s in body["skills"]] == [
        ("python", "heavy"),
        ("sql", "medium"),
    ]
    assert body["version"] == posting.version + 1
    assert response["ETag"] == etag(posting)
    assert len(body["responsibilities"]) == posting.responsibilities.count() > 0


def test_it_ignores_read_only_fields_on_update(api, posting):
    response = api.patch(
        detail(posting),
        {"status": "published", "version": 99, "company": "globex", "id": 1, "title": "T"},
        format="json",
        HTTP_IF_MATCH=etag(posting),
    )

    assert response.status_code == 200
    posting.refresh_from_db()
    assert (posting.status, posting.company.slug, posting.title) == ("draft", "acme", "T")
    assert posting.version == response.json()["version"] != 99


@pytest.mark.parametrize(
    "body",
    [{"status": "published", "version": 99, "company": "globex"}, {}, {"title": "ML Engineer"}],
)
def test_it_keeps_the_version_when_a_patch_changes_nothing(api, posting, body):
    """Read-only fields are ignored, so a PATCH of only those (or of today's values) is not
    an edit: bumping the version would make every other writer's ETag stale for nothing."""
    before = etag(posting)
    updated_at = posting.updated_at

    response = api.patch(detail(posting), body, format="json", HTTP_IF_MATCH=before)

    assert response.status_code == 200, response.json()
    assert response["ETag"] == before == etag(posting)
    assert response.json()["version"] == posting.version
    assert posting.updated_at == updated_at
    assert posting.status == JobPosting.Status.DRAFT


def test_it_still_refuses_a_patch_that_changes_nothing_on_a_stale_version(api, posting):
    stale = etag(posting)
    posting_save(posting=posting, expected_version=posting.version)

    response = api.patch(detail(posting), {"status": "draft"}, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412


def test_it_refuses_to_edit_a_posting_that_is_not_a_draft(api, posting, recruiter):
    posting_submit(posting=posting, by=recruiter)

    for body in ({"title": "New"}, {"status": "draft"}):
        response = api.patch(detail(posting), body, format="json", HTTP_IF_MATCH=etag(posting))

        assert response.status_code == 409
        assert response.json()["message"] == NOT_EDITABLE.format(status="in review")


# Lifecycle


def test_it_runs_the_whole_lifecycle(api, manager, posting):
    for path, client, status in [
        ("submit/", api, "in_review"),
        ("rubric/approve/", manager, "approved"),
        ("publish/", api, "published"),
        ("revise/", api, "draft"),
        ("archive/", api, "archived"),
    ]:
        response = client.post(detail(posting) + path, HTTP_IF_MATCH=etag(posting))
        assert response.status_code == 200, (path, response.json())
        assert response.json()["status"] == status
        assert response["ETag"] == etag(posting)
    assert response.json()["published_version"] == 1
    assert posting.reviews.get().reviewer.api_key.name == "Approvals"


def test_it_explains_an_illegal_transition(api, posting):
    response = api.post(detail(posting) + "publish/")

    assert response.status_code == 409
    assert response.json() == {
        "code": "conflict",
        "message": ILLEGAL_TRANSITION.format(current="draft", action="published"),
        "fields": {},
    }


def test_it_refuses_an_action_on_a_stale_etag(api, posting):
    response = api.post(detail(posting) + "submit/", HTTP_IF_MATCH=f'W/"{posting.pk}-1"')

    assert response.status_code == 412
    assert JobPosting.objects.get(pk=posting.pk).status == "draft"


def test_it_sends_back_for_changes_with_a_comment(manager, posting, recruiter):
    posting_submit(posting=posting, by=recruiter)
    url = detail(posting) + "rubric/request-changes/"

    assert manager.post(url, {}, format="json").status_code == 400
    response = manager.post(url, {"comment": "Drop A/B testing."}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "changes_requested"
    assert posting.reviews.get().comment == "Drop A/B testing."


def test_it_sends_back_with_comments_on_sections(manager, posting, recruiter):
    posting_submit(posting=posting, by=recruiter)
    url = detail(posting) + "rubric/request-changes/"
    unknown = {"comments": [{"section": "benefits", "text": "More."}]}
    response = manager.post(url, unknown, format="json")
    assert response.status_code == 400 and "comments.0.section" in response.json()["fields"]

    body = {"comments": [{"section": "requirements", "block": "Python", "text": "How much?"}]}
    response = manager.post(url, body, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "changes_requested"
    comment = posting.reviews.get().section_comments.get()
    assert (comment.section, comment.block, comment.text) == ("requirements", "Python", "How much?")
    listed = manager.get("/api/v1/postings/", {"status": "changes_requested"}).json()
    assert [item["id"] for item in listed["results"]] == [posting.pk]


# Versions


def test_it_lists_shows_and_diffs_published_versions(
    api, posting, recruiter, hiring_manager, skill
):
    publish(posting, recruiter, hiring_manager)
    posting_revise(posting=posting, by=recruiter)
    posting.title = "Staff ML Engineer"
    posting_save(posting=posting, expected_version=posting.version)
    posting.skills.create(skill=skill("spark"), must_have=False, order=500)
    publish(posting, recruiter, hiring_manager)

    versions = api.get(detail(posting) + "versions/").json()
    first = api.get(detail(posting) + "versions/1/").json()
    diff = api.get(detail(posting) + "versions/diff/").json()

    assert [v["number"] for v in versions] == [2, 1]
    assert versions[1]["created_by"] == "rita"
    assert first["snapshot"]["title"] == "ML Engineer"
    assert (diff["from_version"], diff["to_version"]) == (1, 2)
    assert {
        "field": "title",
        "kind": "changed",
        "before": "ML Engineer",
        "after": "Staff ML Engineer",
    } in diff["changes"]
    assert any(c["field"] == "skills" and c["kind"] == "added" for c in diff["changes"])
    assert api.get(detail(posting) + "versions/diff/?from=2&to=1").status_code == 200
    assert api.get(detail(posting) + "versions/3/").status_code == 404
    assert api.get(detail(posting) + "versions/diff/?from=7").status_code == 404
    assert api.get(detail(posting) + "versions/diff/?from=x").status_code == 400


def test_it_has_no_diff_before_the_first_publish(api, posting):
    assert api.get(detail(posting) + "versions/").json() == []
    assert api.get(detail(posting) + "versions/diff/").status_code == 404


# Findings


def test_it_lists_findings_and_acknowledges_one(api, posting):
    findings = api.get(detail(posting) + "findings/").json()
    [finding] = findings["findings"]
    assert findings["open"] == {"error": 0, "warning": 0, "info": 1}
    assert finding["acknowledged"] is False

    response = api.post(
        detail(posting) + "findings/acknowledge/",
        {"fingerprint": finding["fingerprint"], "reason": "We mean it."},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["reason"] == "We mean it."
    again = api.get(detail(posting) + "findings/").json()
    assert again["open"]["info"] == 0
    assert again["findings"][0]["acknowledgement"]["reason"] == "We mean it."


def test_it_says_when_a_finding_is_gone(api, posting):
    response = api.post(
        detail(posting) + "findings/acknowledge/",
        {"fingerprint": "0" * 16, "reason": "x"},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["message"] == UNKNOWN_FINDING
