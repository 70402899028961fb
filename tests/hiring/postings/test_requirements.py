"""A posting's skill rows read as requirement sentences: the catalog's for the row's
emphasis and the posting's level, or the recruiter's own, kept with the skill link."""

import pytest
from django.urls import reverse

from hiring.exports.display import PostingView
from hiring.exports.document import Branding, Document
from hiring.findings.selectors import posting_analysis
from hiring.postings.selectors import posting_item
from hiring.postings.services import posting_blocks_set, posting_clone, posting_create
from hiring.postings.versions import posting_snapshot, snapshot_diff
from roles.models import EmphasisLevel
from tests.factories import SkillFactory

DEPLOYMENT = "taking models from prototype to production and keeping them running reliably at scale"
OWN_WORDS = "Shipped at least one model that real customers depend on"


def sentence_of(posting, slug: str) -> dict:
    [row] = [row for row in posting_item(posting=posting)["skills"] if row["skill"] == slug]
    return row


@pytest.mark.parametrize(
    ("level_slug", "emphasis", "sentence"),
    [
        ("mle-senior", EmphasisLevel.HEAVY, f"Three or more years {DEPLOYMENT}"),
        ("mle-mid", EmphasisLevel.HEAVY, f"Two or more years {DEPLOYMENT}"),
        ("mle-junior", EmphasisLevel.HEAVY, f"Experience {DEPLOYMENT}"),
        (None, EmphasisLevel.HEAVY, f"Experience {DEPLOYMENT}"),
        (
            "mle-senior",
            EmphasisLevel.MEDIUM,
            "A model you have deployed to production with your team's tools and release process",
        ),
        # A skill asked at all is asked lightly: "none" reads the light sentence.
        (
            "mle-senior",
            EmphasisLevel.NONE,
            "An idea of what it takes to move a model from prototype to production",
        ),
    ],
)
def test_it_reads_the_catalog_sentence_for_the_emphasis_and_level(
    acme, mle, skill, level, level_slug, emphasis, sentence
):
    posting = posting_create(
        company=acme,
        title="MLE",
        role_family=mle,
        level=level(level_slug) if level_slug else None,
        skills=[(skill("model-deployment"), True, emphasis)],
    )
    row = sentence_of(posting, "model-deployment")
    assert (row["requirement"], row["display_requirement"]) == ("", sentence)


def test_it_keeps_the_recruiters_own_sentence_and_the_skill_link(acme, mle, skill, level):
    posting = posting_create(
        company=acme,
        title="MLE",
        role_family=mle,
        level=level("mle-senior"),
        skills=[(skill("model-deployment"), True, EmphasisLevel.HEAVY)],
    )
    [row] = posting.skills.all()
    posting_blocks_set(
        posting=posting,
        skills=[
            {
                "id": row.pk,
                "skill": row.skill,
                "must_have": True,
                "emphasis": row.emphasis,
                "requirement": f"  {OWN_WORDS}  ",
                "order": 1,
            }
        ],
    )
    item = sentence_of(posting, "model-deployment")
    assert (item["requirement"], item["display_requirement"]) == (OWN_WORDS, OWN_WORDS)
    # The checks still see the skill, and read the recruiter's words like the summary.
    assert posting.skills.get().skill.slug == "model-deployment"
    posting.skills.update(requirement="15 years of Kubernetes experience")
    messages = [row.finding.message for row in posting_analysis(posting=posting).rows]
    assert any("15 years" in m and "Kubernetes" in m for m in messages), messages


def test_a_company_skill_without_wording_reads_its_name(acme, mle):
    own = SkillFactory(company=acme, name="Our feature store")
    posting = posting_create(
        company=acme, title="MLE", role_family=mle, skills=[(own, True, EmphasisLevel.HEAVY)]
    )
    assert sentence_of(posting, own.slug)["display_requirement"] == "Our feature store"


def test_a_clone_keeps_the_sentences(acme, mle, skill):
    posting = posting_create(
        company=acme,
        title="MLE",
        role_family=mle,
        skills=[{"skill": skill("python"), "requirement": OWN_WORDS}],
    )
    clone = posting_clone(posting=posting)
    assert sentence_of(clone, "python")["requirement"] == OWN_WORDS


def test_a_published_version_keeps_the_sentence_candidates_read(acme, mle, skill, level):
    posting = posting_create(
        company=acme,
        title="MLE",
        role_family=mle,
        level=level("mle-senior"),
        skills=[(skill("model-deployment"), True, EmphasisLevel.HEAVY)],
    )
    [row] = posting_snapshot(posting=posting)["skills"]
    assert row["requirement"] == f"Three or more years {DEPLOYMENT}"
    assert row["name"] == "Model deployment"


def test_a_version_published_before_sentences_still_shows_the_skill_name(acme, mle, skill):
    """Published data is never rewritten: an old snapshot renders as it did."""
    posting = posting_create(
        company=acme,
        title="MLE",
        role_family=mle,
        skills=[(skill("model-deployment"), True, EmphasisLevel.HEAVY)],
    )
    old = posting_snapshot(posting=posting)
    for row in old["skills"]:
        del row["requirement"]
    view = PostingView(
        Document(posting_id=posting.pk, snapshot=old, branding=Branding(name="Acme"))
    )
    assert view.must_haves == ["Model deployment"]
    # Nor does a draft that only gained the sentence read as changed against it.
    assert snapshot_diff(old, posting_snapshot(posting=posting)) == []


def test_a_changed_sentence_shows_in_the_diff(acme, mle, skill):
    posting = posting_create(
        company=acme,
        title="MLE",
        role_family=mle,
        skills=[(skill("python"), True, EmphasisLevel.HEAVY)],
    )
    before = posting_snapshot(posting=posting)
    [row] = posting.skills.all()
    posting_blocks_set(
        posting=posting,
        skills=[{"id": row.pk, "skill": row.skill, "requirement": OWN_WORDS, "order": 1}],
    )
    [change] = snapshot_diff(before, posting_snapshot(posting=posting))
    assert (change.field, change.kind) == ("skills", "changed")
    assert change.after.endswith(OWN_WORDS)


def test_the_admin_edits_the_sentence_and_the_preview_shows_it(client, recruiter, posting):
    client.force_login(recruiter)
    change = client.get(reverse("admin:hiring_jobposting_change", args=[posting.pk]))
    assert 'name="skills-0-requirement"' in change.content.decode()
    row = posting.skills.filter(must_have=True).first()
    posting_blocks_set(
        posting=posting,
        skills=[
            {
                "id": r.pk,
                "skill": r.skill,
                "must_have": r.must_have,
                "emphasis": r.emphasis,
                "requirement": OWN_WORDS if r.pk == row.pk else r.requirement,
                "order": r.order,
            }
            for r in posting.skills.select_related("skill")
        ],
    )
    preview = client.get(reverse("admin:hiring_preview", args=[posting.pk])).content.decode()
    assert OWN_WORDS in preview
    assert f"<li>{row.skill.name}</li>" not in preview
