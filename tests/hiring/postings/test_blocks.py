"""The one writer of a posting's skill and responsibility rows: what it keeps, what it
refuses, and what it costs."""

import pytest
from django.core.exceptions import ValidationError

from hiring.models import PostingResponsibility
from hiring.postings.blocks import (
    DUPLICATE_ORDER,
    DUPLICATE_SKILL,
    posting_blocks_add,
    posting_blocks_copy,
    posting_blocks_set,
    rows_ordered,
)
from hiring.postings.errors import PostingError
from hiring.postings.services import posting_clone, posting_create
from roles.models import EmphasisLevel
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def skill_rows(posting):
    return list(posting.skills.values_list("pk", "skill__slug", "must_have", "order"))


@pytest.fixture
def blank(acme, mle, skill):
    return posting_create(
        company=acme,
        title="ML Engineer",
        role_family=mle,
        skills=[
            (skill("python"), True, EmphasisLevel.HEAVY),
            (skill("docker-kubernetes"), False, 2),
        ],
        responsibilities=["Ship models"],
    )


def test_it_updates_a_kept_row_in_place_and_deletes_the_rows_not_listed(blank, skill):
    python, docker = blank.skills.order_by("order")

    posting_blocks_set(
        posting=blank,
        skills=[
            {"id": docker.pk, "skill": skill("docker-kubernetes"), "must_have": True, "order": 1},
            {"skill": skill("sql"), "order": 2},
        ],
    )

    rows = skill_rows(blank)
    assert rows[0] == (docker.pk, "docker-kubernetes", True, 1)
    assert rows[1][1:] == ("sql", True, 2)
    assert python.pk not in [pk for pk, *_ in rows]


def test_it_lets_two_kept_rows_trade_their_orders(blank, skill):
    python, docker = blank.skills.order_by("order")

    posting_blocks_set(
        posting=blank,
        skills=[
            {"id": python.pk, "skill": python.skill, "order": 2},
            {"id": docker.pk, "skill": docker.skill, "order": 1},
        ],
    )

    assert [pk for pk, *_ in skill_rows(blank)] == [docker.pk, python.pk]


def test_it_leaves_a_block_that_is_not_given_as_it_is(blank):
    before = list(blank.responsibilities.values_list("pk", "text"))

    posting_blocks_set(posting=blank, skills=[])

    assert blank.skills.count() == 0
    assert list(blank.responsibilities.values_list("pk", "text")) == before


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [{"skill": "python", "order": 1}, {"skill": "python", "order": 2}],
            DUPLICATE_SKILL.format(name="Python"),
        ),
        (
            [{"skill": "python", "order": 1}, {"skill": "sql", "order": 1}],
            DUPLICATE_ORDER.format(order=1),
        ),
    ],
)
def test_it_refuses_a_skill_or_an_order_twice_and_writes_nothing(blank, skill, rows, message):
    before = skill_rows(blank)

    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        posting_blocks_set(
            posting=blank, skills=[{**row, "skill": skill(row["skill"])} for row in rows]
        )

    assert skill_rows(blank) == before


def test_it_refuses_another_companys_skill(blank, globex):
    theirs = SkillFactory(company=globex)

    with pytest.raises(PostingError, match="another company"):
        posting_blocks_set(posting=blank, skills=[{"skill": theirs, "order": 1}])


def test_it_adds_rows_after_the_posting_own(blank, skill):
    posting_blocks_add(posting=blank, skills=[{"skill": skill("sql")}])

    assert [slug for _, slug, _, _ in skill_rows(blank)] == ["python", "docker-kubernetes", "sql"]
    assert skill_rows(blank)[-1][3] == 3


def test_it_writes_the_skills_a_duty_in_its_own_words_names(blank, skill):
    posting_blocks_set(
        posting=blank,
        responsibilities=[
            {
                "text": "Serve models on Kubernetes",
                "skills": [skill("docker-kubernetes")],
                "order": 1,
            }
        ],
    )

    duty = PostingResponsibility.objects.get(posting=blank)
    assert [s.slug for s in duty.skills.all()] == ["docker-kubernetes"]


def test_it_copies_rows_and_named_skills_to_many_postings_in_fixed_queries(
    blank, skill, acme, mle, django_assert_num_queries
):
    posting_blocks_set(
        posting=blank,
        responsibilities=[{"text": "Own the feature store", "skills": [skill("sql")], "order": 1}],
    )
    copies = [posting_create(company=acme, title=f"Copy {n}", role_family=mle) for n in range(3)]

    # skills read, skills written, duties read, their named skills, duties written,
    # named skills written
    with django_assert_num_queries(6):
        posting_blocks_copy(copies=[(blank, copy) for copy in copies])

    for copy in copies:
        assert [slug for _, slug, _, _ in skill_rows(copy)] == ["python", "docker-kubernetes"]
        duty = copy.responsibilities.get()
        assert [s.slug for s in duty.skills.all()] == ["sql"]


def test_a_clone_keeps_every_row(blank):
    clone = posting_clone(posting=blank)

    assert [row[1:] for row in skill_rows(clone)] == [row[1:] for row in skill_rows(blank)]
    assert list(clone.responsibilities.values_list("text", "order")) == [("Ship models", 1)]


@pytest.mark.parametrize(
    ("orders", "expected"),
    [
        ([3, 1, 2], [2, 3, 1]),  # by their order
        ([None, 5, None], [2, 1, 3]),  # rows without an order follow, as listed
        ([], []),
    ],
)
def test_it_places_a_list_sent_whole(orders, expected):
    rows = [
        {"name": index} if order is None else {"name": index, "order": order}
        for index, order in enumerate(orders, start=1)
    ]

    placed = rows_ordered(rows)

    assert [row["order"] for row in placed] == list(range(1, len(rows) + 1))
    assert [row["name"] for row in placed] == expected
