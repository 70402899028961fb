"""Requirement sentences, behavioural anchors and defining skills, on the loaded catalog."""

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from hiring.rules import exclusion, language
from roles import requirements, validators
from roles.models import Emphasis, EmphasisLevel, Level, Requirement, Skill, SkillAnchors
from roles.requirements import (
    anchors_for,
    skill_requirement,
    wording_problems,
    years_phrase,
)
from tests.factories import SkillFactory

ASKED = [EmphasisLevel.HEAVY, EmphasisLevel.MEDIUM, EmphasisLevel.LIGHT]
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
NUMBERS |= {"eight": 8, "nine": 9, "ten": 10}
TEMPLATE = "Shows only part of this, with major gaps:"


def shared_skills():
    return Skill.objects.filter(company__isnull=True).prefetch_related("requirements")


def years_asked(sentence: str) -> int:
    """The years a rendered sentence asks: 0 for "Experience ...", n for "N or more years"."""
    if sentence.startswith("At least one year"):
        return 1
    match = re.match(r"(\w+) or more years", sentence)
    return NUMBERS[match[1].lower()] if match else 0


def test_it_finds_nothing_wrong_with_the_catalogs_wording(db):
    assert wording_problems() == []


@pytest.mark.parametrize("emphasis", ASKED, ids=lambda e: e.label)
def test_it_words_every_shared_skill_at_every_emphasis(db, emphasis):
    for skill in shared_skills():
        sentence = skill_requirement(skill=skill, emphasis=emphasis, level=None)
        assert sentence != skill.name, skill.slug
        assert "{" not in sentence and "}" not in sentence, skill.slug
        assert sentence[0].isupper() and not sentence.endswith("."), sentence
        assert "ize" not in sentence.replace("size", ""), sentence  # British spelling


def test_it_words_every_sentence_without_coded_or_exclusionary_words(db):
    """The checks a posting's own text gets, on the catalog's sentences: a posting shows
    them without the recruiter writing a word, so they must pass before anyone sees them."""
    for requirement in Requirement.objects.filter(skill__company__isnull=True):
        text = requirement.text.replace("{years}", "Experience")
        coding = language.gender_coding(text)
        words = [coded.token.word for coded in (*coding.masculine, *coding.feminine)]
        assert words == [], (requirement.skill.slug, requirement.emphasis, words)
        assert language.lint(text).issues == (), text
        assert exclusion.find_exclusions([language.Field("requirement", text)]) == [], text


def test_it_words_each_emphasis_differently(db):
    for skill in shared_skills():
        sentences = {skill_requirement(skill=skill, emphasis=e, level=None) for e in ASKED}
        assert len(sentences) == 3, skill.slug


def test_it_never_asks_more_years_of_a_skill_than_the_level_starts_at(db):
    levels = list(Level.objects.all())
    asking = [s for s in shared_skills() if "{years}" in s.requirements.get(emphasis=3).text]
    assert asking
    for level in levels:
        for skill in asking:
            sentence = skill_requirement(skill=skill, emphasis=EmphasisLevel.HEAVY, level=level)
            assert years_asked(sentence) <= (level.min_years or 0), (level.slug, sentence)
            assert years_asked(sentence) == (level.skill_years or 0), (level.slug, sentence)


@pytest.mark.parametrize(
    ("skill_years", "phrase"),
    [
        (None, "Experience"),
        (0, "Experience"),
        (1, "At least one year"),
        (3, "Three or more years"),
        (10, "Ten or more years"),
        (12, "12 or more years"),
    ],
)
def test_it_spells_the_years_phrase_from_the_level(skill_years, phrase):
    assert years_phrase(Level(min_years=12, skill_years=skill_years)) == phrase


def test_it_asks_no_years_without_a_level():
    assert years_phrase(None) == "Experience"


@pytest.mark.parametrize(
    ("level", "sentence"),
    [
        (
            "mle-senior",
            "Three or more years taking models from prototype to production and keeping them "
            "running reliably at scale",
        ),
        (
            "mle-junior",
            "Experience taking models from prototype to production and keeping them running "
            "reliably at scale",
        ),
        (
            "mle-staff",
            "Five or more years taking models from prototype to production and keeping them "
            "running reliably at scale",
        ),
    ],
)
def test_it_fills_the_years_phrase_for_the_posting_level(db, skill, level, sentence):
    level = Level.objects.get(slug=level)
    heavy = EmphasisLevel.HEAVY
    assert skill_requirement(skill=skill("model-deployment"), emphasis=heavy, level=level) == (
        sentence
    )


def test_it_asks_years_only_in_heavy_sentences(db):
    for requirement in Requirement.objects.all():
        if "{years}" in requirement.text:
            assert requirement.emphasis == EmphasisLevel.HEAVY, requirement


def test_it_asks_years_of_at_most_two_heavy_skills_per_family(db):
    heavy = Emphasis.objects.filter(level=EmphasisLevel.HEAVY, skill__company__isnull=True)
    asked = {}
    for emphasis in heavy.select_related("role_family", "skill"):
        if "{years}" in emphasis.skill.requirements.get(emphasis=3).text:
            asked.setdefault(emphasis.role_family.slug, set()).add(emphasis.skill.slug)
    assert asked == {
        "data-scientist": {"sql", "statistics"},
        "machine-learning-engineer": {"software-engineering", "model-deployment"},
    }


def test_it_words_a_skill_asked_at_no_emphasis_as_a_light_one(db, skill):
    sql = skill("sql")
    none = skill_requirement(skill=sql, emphasis=EmphasisLevel.NONE, level=None)
    assert none == skill_requirement(skill=sql, emphasis=EmphasisLevel.LIGHT, level=None)


def test_it_shows_the_name_of_a_skill_without_wording(acme):
    own = SkillFactory(company=acme, name="Fraud rules")
    assert skill_requirement(skill=own, emphasis=EmphasisLevel.HEAVY, level=None) == "Fraud rules"
    assert anchors_for(skill=own) == {}


def test_it_reads_prefetched_wording_without_a_query(db):
    skills = list(shared_skills().select_related("anchors"))
    level = Level.objects.get(slug="ds-senior")
    with CaptureQueriesContext(connection) as ctx:
        for skill in skills:
            skill_requirement(skill=skill, emphasis=EmphasisLevel.HEAVY, level=level)
            anchors_for(skill=skill)
    assert ctx.captured_queries == []


# --- anchors ------------------------------------------------------------------------------


def test_it_gives_every_shared_skill_four_distinct_written_anchors(db):
    for skill in Skill.objects.filter(company__isnull=True).select_related("anchors"):
        anchors = anchors_for(skill=skill)
        assert list(anchors) == ["strong_no", "no", "yes", "strong_yes"], skill.slug
        texts = list(anchors.values())
        assert len(set(texts)) == 4 and all(texts), skill.slug
        for text in texts:
            assert TEMPLATE not in text, skill.slug
            others = [other for other in texts if other is not text]
            assert not any(other in text for other in others), skill.slug


def test_it_writes_no_anchor_as_a_hedge_around_another(db):
    # The old anchors were "Shows only part of this, with major gaps:" + the Yes text.
    openings = {anchors_for(skill=s)["no"].split()[0] for s in Skill.objects.all() if s.is_shared}
    assert len(openings) > 10


# --- defining skills ----------------------------------------------------------------------


def test_it_marks_the_skills_that_define_each_family(db):
    defining = Emphasis.objects.filter(defining=True)
    assert set(defining.values_list("role_family__slug", "skill__slug")) == {
        ("data-scientist", "python"),
        ("data-scientist", "sql"),
        ("data-scientist", "statistics"),
        ("machine-learning-engineer", "python"),
        ("machine-learning-engineer", "software-engineering"),
        ("machine-learning-engineer", "model-deployment"),
    }


def test_it_refuses_a_defining_skill_that_is_not_heavy(ds, skill):
    light = Emphasis.objects.get(role_family=ds, skill=skill("docker-kubernetes"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Emphasis.objects.filter(pk=light.pk).update(defining=True)


# --- what wording_problems refuses --------------------------------------------------------


def _drop_light(skill):
    skill.requirements.filter(emphasis=EmphasisLevel.LIGHT).delete()


def _unknown_placeholder(skill):
    skill.requirements.filter(emphasis=EmphasisLevel.MEDIUM).update(text="Working {level} SQL")


def _years_in_light(skill):
    skill.requirements.filter(emphasis=EmphasisLevel.LIGHT).update(text="{years} with SQL")


def _years_not_first(skill):
    skill.requirements.filter(emphasis=EmphasisLevel.HEAVY).update(text="SQL for {years}")


def _full_stop(skill):
    skill.requirements.filter(emphasis=EmphasisLevel.MEDIUM).update(text="Working SQL.")


def _no_source(skill):
    skill.requirements.filter(emphasis=EmphasisLevel.HEAVY).update(source="")


def _no_anchors(skill):
    SkillAnchors.objects.filter(skill=skill).delete()


def _empty_anchor(skill):
    SkillAnchors.objects.filter(skill=skill).update(strong_yes=" ")


def _templated_anchor(skill):
    anchors = skill.anchors
    anchors.no = f"{TEMPLATE} {anchors.yes}"
    anchors.save()


def _anchors_without_source(skill):
    SkillAnchors.objects.filter(skill=skill).update(source="")


PROBLEMS = [
    (_drop_light, requirements.NO_REQUIREMENT.format(skill="sql", emphasis="light")),
    (_unknown_placeholder, "skill sql: the medium requirement “{level}” is not a placeholder"),
    (_years_in_light, "skill sql: the light requirement only a heavy requirement may ask"),
    (_years_not_first, "skill sql: the heavy requirement {years} must open the sentence"),
    (_full_stop, "skill sql: the medium requirement must start with a capital letter"),
    (_no_source, requirements.NO_SOURCE.format(skill="sql", what="heavy requirement")),
    (_no_anchors, requirements.NO_ANCHORS.format(skill="sql")),
    (_empty_anchor, requirements.EMPTY_ANCHOR.format(skill="sql", anchor="strong yes")),
    (
        _templated_anchor,
        requirements.TEMPLATED_ANCHOR.format(skill="sql", anchor="no", other="yes"),
    ),
    (_anchors_without_source, requirements.NO_SOURCE.format(skill="sql", what="anchors")),
]


@pytest.mark.parametrize(("spoil", "problem"), PROBLEMS, ids=lambda p: getattr(p, "__name__", ""))
def test_it_names_what_is_wrong_with_a_skills_wording(skill, spoil, problem):
    spoil(skill("sql"))
    problems = wording_problems()
    assert len(problems) == 1, problems
    assert problems[0].startswith(problem), problems


def test_it_refuses_a_third_heavy_skill_asking_years_in_a_family(skill):
    Requirement.objects.filter(skill=skill("ab-testing"), emphasis=EmphasisLevel.HEAVY).update(
        text="{years} running A/B tests"
    )
    assert wording_problems() == [
        requirements.TOO_MANY_YEARS.format(
            family="data-scientist",
            count=3,
            skills="ab-testing, sql, statistics",
            most=2,
        )
    ]


def test_it_leaves_a_companys_own_skills_out_of_the_check(acme):
    SkillFactory(company=acme)
    assert wording_problems() == []


# --- the sentence check itself, without a database ----------------------------------------

HEAVY, MEDIUM = EmphasisLevel.HEAVY, EmphasisLevel.MEDIUM
SENTENCES = [
    ("{years} running models in production", HEAVY, []),
    ("Working SQL", MEDIUM, []),
    ("{years} running models", MEDIUM, [validators.YEARS_NOT_HEAVY]),
    ("Models for {years}", HEAVY, [validators.YEARS_NOT_FIRST]),
    ("{years} and {years} again", HEAVY, [validators.YEARS_NOT_FIRST]),
    ("Working {level} SQL", MEDIUM, [validators.UNKNOWN_PLACEHOLDER.format(name="level")]),
    ("Working {} SQL", MEDIUM, [validators.UNKNOWN_PLACEHOLDER.format(name="")]),
    ("Working SQL {", MEDIUM, [validators.BROKEN_BRACES]),
    ("working SQL", MEDIUM, [validators.NOT_A_SENTENCE]),
    ("Working SQL.", MEDIUM, [validators.NOT_A_SENTENCE]),
]


@pytest.mark.parametrize(("text", "emphasis", "problems"), SENTENCES)
def test_it_checks_a_requirement_sentence(text, emphasis, problems):
    assert validators.sentence_problems(text, emphasis=emphasis) == problems
