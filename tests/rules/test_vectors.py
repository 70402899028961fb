import dataclasses
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import (
    Catalog,
    CatalogResponsibility,
    Emphasis,
    Mention,
    PostingResponsibility,
    RoleProfile,
)
from hiring.rules.vectors import (
    DUTY,
    SKILL,
    best_family,
    compute_lean,
    duty_pointing,
    duty_strengths,
    pointing_weights,
    posting_vector,
    role_vector,
    shares,
    skill_strengths,
)
from tests.rules.sample import CATALOG, DS, MLE, duty, posting, skill

SLUGS = sorted(CATALOG.skills)
emphases = st.sampled_from(list(Emphasis))
profiles = st.dictionaries(st.sampled_from(SLUGS), emphases, max_size=len(SLUGS))
rows = st.lists(
    st.builds(
        skill,
        st.sampled_from(SLUGS),
        st.sampled_from(["none", "light", "medium", "heavy"]),
        must=st.booleans(),
    ),
    max_size=12,
)
duties = st.lists(
    st.builds(
        lambda skills: duty("Do the work", *skills), st.lists(st.sampled_from(SLUGS), max_size=3)
    ),
    max_size=4,
)


def catalog_with(ds, mle):
    return dataclasses.replace(
        CATALOG,
        roles={
            DS: RoleProfile(DS, "Data Scientist", "DS", ds),
            MLE: RoleProfile(MLE, "Machine Learning Engineer", "MLE", mle),
        },
    )


@given(rows, duties, profiles, profiles)
def test_it_keeps_the_lean_between_zero_and_one(skills, responsibilities, ds, mle):
    lean = compute_lean(
        posting(skills=tuple(skills), responsibilities=tuple(responsibilities)),
        catalog_with(ds, mle),
        Thresholds(),
    )
    if lean is None:
        return
    assert all(v >= 0.0 for v in lean.scores.values())
    assert all(0.0 < v < 1.0 for v in lean.share.values())
    assert math.isclose(sum(lean.share.values()), 1.0)
    assert all(0.0 <= a <= 3.0 and 0.0 <= b <= 3.0 for a, b in lean.categories.values())


@given(rows, profiles, profiles)
def test_it_is_symmetric_when_the_profiles_are_swapped(skills, ds, mle):
    post = posting(skills=tuple(skills), role_family=None)
    lean = compute_lean(post, catalog_with(ds, mle), Thresholds())
    swapped = compute_lean(post, catalog_with(mle, ds), Thresholds())
    if lean is None:
        assert swapped is None
        return
    assert lean.scores[DS] == swapped.scores[MLE]
    assert lean.scores[MLE] == swapped.scores[DS]
    assert lean.share[DS] == swapped.share[MLE]
    flip = {DS: MLE, MLE: DS, None: None}
    assert swapped.best == flip[lean.best]


@given(rows, duties, st.randoms(use_true_random=False))
def test_it_does_not_care_about_the_order_of_skills(skills, responsibilities, random):
    post = posting(skills=tuple(skills), responsibilities=tuple(responsibilities))
    shuffled_skills, shuffled_duties = list(skills), list(responsibilities)
    random.shuffle(shuffled_skills)
    random.shuffle(shuffled_duties)
    reordered = posting(skills=tuple(shuffled_skills), responsibilities=tuple(shuffled_duties))
    assert compute_lean(post, CATALOG, Thresholds()) == compute_lean(
        reordered, CATALOG, Thresholds()
    )


def test_it_reads_a_ds_posting_as_clearly_ds():
    lean = compute_lean(posting(), CATALOG, Thresholds())
    assert lean.best == DS
    assert lean.share[DS] > 0.8
    assert lean.reference == DS
    assert lean.categories["statistics"] == (3.0, 3.0)


@pytest.mark.parametrize(
    ("ds", "mle", "expected"),
    [
        pytest.param(Emphasis.HEAVY, Emphasis.LIGHT, {DS: 2 / 3}, id="DS heavy, MLE light"),
        pytest.param(Emphasis.LIGHT, Emphasis.HEAVY, {MLE: 2 / 3}, id="MLE heavy, DS light"),
        pytest.param(Emphasis.MEDIUM, Emphasis.NONE, {DS: 2 / 3}, id="MLE none"),
        pytest.param(Emphasis.HEAVY, Emphasis.HEAVY, None, id="shared: points nowhere"),
        pytest.param(Emphasis.NONE, Emphasis.NONE, None, id="neither"),
    ],
)
def test_it_points_a_skill_at_the_family_holding_it_above_the_others(ds, mle, expected):
    catalog = catalog_with({"sql": ds}, {"sql": mle})
    assert pointing_weights(catalog).get("sql") == expected


@pytest.mark.parametrize(
    ("core_for", "expected"),
    [
        pytest.param((DS,), {DS: 1.0}, id="core for one family"),
        pytest.param((DS, MLE), None, id="core for both: tells nothing"),
        pytest.param((), None, id="core for none"),
    ],
)
def test_it_points_a_duty_at_the_family_it_is_core_for(core_for, expected):
    catalog = dataclasses.replace(
        CATALOG, responsibilities={"d": CatalogResponsibility("d", "Do it", (), core_for)}
    )
    assert duty_pointing(catalog).get("d") == expected


def test_it_reads_a_posting_of_shared_skills_as_neither():
    lean = compute_lean(
        posting(skills=(skill("python", "heavy"), skill("deep-learning", "medium"))),
        catalog_with(
            {"python": Emphasis.HEAVY, "deep-learning": Emphasis.MEDIUM},
            {"python": Emphasis.HEAVY, "deep-learning": Emphasis.MEDIUM},
        ),
        Thresholds(),
    )
    assert lean.best is None
    assert lean.share == {DS: 0.5, MLE: 0.5}
    assert lean.signals == ()


@pytest.mark.parametrize(
    ("post", "vector", "strengths"),
    [
        pytest.param(posting(skills=(skill("sql", "heavy"),)), 3.0, 3.0, id="heavy must"),
        pytest.param(posting(skills=(skill("sql", "heavy", must=False),)), 1.5, 1.5, id="nice"),
        pytest.param(
            posting(skills=(), responsibilities=(duty("Query", "sql"),)),
            1.0,
            1.0,
            id="responsibility: MEDIUM x 0.5",
        ),
        pytest.param(
            posting(skills=(skill("sql", "light"),), responsibilities=(duty("Query", "sql"),)),
            1.0,
            1.0 + 1.0 / 2,
            id="the vector keeps the largest ask; strength adds them up",
        ),
        pytest.param(
            posting(skills=(skill("sql", "heavy"),), responsibilities=(duty("Q", "sql"),) * 2),
            3.0,
            3.0 + 1.0 / 2 + 1.0 / 4,
            id="each further ask counts half the one before",
        ),
        pytest.param(
            posting(
                skills=(skill("sql", "heavy"),),
                from_text=True,
                mentions=(Mention("sql", 0, 3, "SQL"), Mention("sql", 9, 18, "warehouse", 0.5)),
            ),
            3.0,
            1.0 + 0.5 / 2,
            id="free text: strength from its mentions, not its rows",
        ),
    ],
)
def test_it_weighs_what_asks_for_a_skill(post, vector, strengths):
    assert posting_vector(post, Thresholds()) == {"sql": vector}
    assert skill_strengths(post, Thresholds()) == pytest.approx({"sql": strengths})


def test_it_counts_stated_duties():
    linked = PostingResponsibility("Design A/B tests", (), responsibility="design-ab-tests")
    strengths = duty_strengths(
        posting(responsibilities=(linked, linked, duty("Free"))), Thresholds()
    )
    assert strengths == {"design-ab-tests": 1.5}


def test_it_names_the_skills_and_duties_behind_the_lean():
    catalog = dataclasses.replace(
        CATALOG,
        responsibilities={"run-tests": CatalogResponsibility("run-tests", "Run tests", (), (DS,))},
    )
    linked = PostingResponsibility("Run A/B tests", (), responsibility="run-tests")
    lean = compute_lean(posting(responsibilities=(linked,)), catalog, Thresholds())
    kinds = {(s.kind, s.key) for s in lean.signals_for(DS)}
    assert (DUTY, "run-tests") in kinds
    assert (SKILL, "statistics") in kinds
    assert lean.signals == tuple(sorted(lean.signals, key=lambda s: -s.evidence))


@pytest.mark.parametrize(
    ("prior", "expected"),
    [(0.0, {DS: 0.75, MLE: 0.25}), (1.0, {DS: 4 / 6, MLE: 2 / 6})],
)
def test_it_starts_each_family_with_the_prior(prior, expected):
    assert shares({DS: 3.0, MLE: 1.0}, prior) == pytest.approx(expected)


def test_it_has_no_lean_without_skills():
    assert compute_lean(posting(skills=()), CATALOG, Thresholds()) is None


@pytest.mark.parametrize(
    ("scores", "best"),
    [
        ({DS: 0.9, MLE: 0.5}, DS),
        ({DS: 0.5, MLE: 0.5}, None),
        ({DS: 0.0, MLE: 0.0}, None),
        ({}, None),
    ],
)
def test_it_names_no_best_family_on_a_tie(scores, best):
    assert best_family(scores) == best


def test_it_splits_shares_evenly_when_nothing_fits():
    assert shares({DS: 0.0, MLE: 0.0}) == {DS: 0.5, MLE: 0.5}


def test_it_ignores_none_emphasis_in_role_vectors():
    role = RoleProfile("x", "X", "X", {"sql": Emphasis.NONE, "r": Emphasis.LIGHT})
    assert role_vector(role) == {"r": 1.0}


def test_it_has_no_lean_without_roles():
    empty = Catalog(skills=CATALOG.skills, roles={})
    assert compute_lean(posting(), empty, Thresholds()) is None
