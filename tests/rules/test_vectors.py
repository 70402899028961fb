import dataclasses
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Emphasis, RoleProfile
from hiring.rules.vectors import (
    best_family,
    compute_lean,
    cosine,
    posting_vector,
    role_vector,
    shares,
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
    assert all(0.0 <= v <= 1.0 for v in lean.scores.values())
    assert all(0.0 <= v <= 1.0 for v in lean.share.values())
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


@given(profiles, profiles)
def test_it_computes_a_symmetric_cosine(a, b):
    va = {k: float(v) for k, v in a.items()}
    vb = {k: float(v) for k, v in b.items()}
    assert cosine(va, vb) == cosine(vb, va)
    assert 0.0 <= cosine(va, vb) <= 1.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param({"x": 1.0}, {"x": 3.0}, 1.0, id="same direction"),
        pytest.param({"x": 1.0}, {"y": 1.0}, 0.0, id="orthogonal"),
        pytest.param({}, {"y": 1.0}, 0.0, id="empty"),
        pytest.param({"x": 1.0, "y": 1.0}, {"x": 1.0}, 1 / math.sqrt(2), id="half overlap"),
    ],
)
def test_it_computes_cosine_similarity(a, b, expected):
    assert math.isclose(cosine(a, b), expected)


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(skills=(skill("sql", "heavy"),)), {"sql": 3.0}, id="heavy must"),
        pytest.param(
            posting(skills=(skill("sql", "heavy", must=False),)), {"sql": 1.5}, id="heavy nice"
        ),
        pytest.param(
            posting(skills=(), responsibilities=(duty("Query", "sql"),)),
            {"sql": 1.0},
            id="responsibility only: MEDIUM x 0.5",
        ),
        pytest.param(
            posting(skills=(skill("sql", "light"),), responsibilities=(duty("Query", "sql"),)),
            {"sql": 1.0},
            id="largest wins, no sum",
        ),
    ],
)
def test_it_builds_the_posting_vector(post, expected):
    assert posting_vector(post, Thresholds()) == expected


def test_it_reads_a_ds_posting_as_ds():
    lean = compute_lean(posting(), CATALOG, Thresholds())
    assert lean.best == DS
    assert lean.share[DS] > lean.share[MLE]
    assert lean.reference == DS
    assert lean.categories["statistics"] == (3.0, 3.0)


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
