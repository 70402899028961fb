import copy
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from roles.catalog_file import validate_catalog
from roles.management.commands.load_catalog import REWORDED
from roles.management.commands.load_catalog import Command as LoadCatalog
from roles.models import (
    Emphasis,
    EmphasisLevel,
    Level,
    Requirement,
    Responsibility,
    RoleFamily,
    Skill,
    SkillAnchors,
)
from roles.services import Reworded, catalog_load
from roles.signals import catalog_loaded
from tests.factories import SkillFactory

SOURCE = "004_a9c1373954b2aa14.txt"

SMALL = {
    "role_families": [
        {"slug": "fam-a", "name": "Family A", "short_name": "A", "source": SOURCE},
    ],
    "role_facts": [
        {
            "slug": "fam-a-question",
            "role_family": "fam-a",
            "kind": "key_question",
            "text": "What does the data tell us?",
            "source": SOURCE,
        }
    ],
    "skills": [
        {"slug": "sk-one", "name": "One", "category": "data", "aliases": ["one"], "source": SOURCE},
    ],
    "emphases": [{"role_family": "fam-a", "skill": "sk-one", "level": "heavy", "source": SOURCE}],
    "responsibilities": [
        {
            "slug": "resp-one",
            "text": "Do one thing",
            "skills": ["sk-one"],
            "core_for": ["fam-a"],
            "source": SOURCE,
        }
    ],
    "levels": [
        {
            "slug": "fam-a-junior",
            "role_family": "fam-a",
            "name": "Junior A",
            "rank": 1,
            "min_years": 0,
            "max_years": 2,
            "source": SOURCE,
        }
    ],
    "salary_bands": [
        {
            "slug": "band-one",
            "role_family": "fam-a",
            "level": "fam-a-junior",
            "region": "US",
            "currency": "USD",
            "min_amount": 100,
            "max_amount": 200,
            "year": 2026,
            "source": SOURCE,
        }
    ],
    "interview_questions": [
        {
            "slug": "q-one",
            "skill": "sk-one",
            "question": "How?",
            "strong_answer": "Well",
            "weak_answer": "Badly",
            "source": SOURCE,
        }
    ],
    "requirements": [
        {"skill": "sk-one", "emphasis": "heavy", "text": "{years} doing one", "source": SOURCE},
        {"skill": "sk-one", "emphasis": "medium", "text": "Working at one", "source": SOURCE},
        {"skill": "sk-one", "emphasis": "light", "text": "Familiarity with one", "source": SOURCE},
    ],
    "skill_anchors": [
        {
            "skill": "sk-one",
            "strong_no": "Cannot name the thing.",
            "no": "Names the thing but cannot do it.",
            "yes": "Does the thing without help.",
            "strong_yes": "Teaches others to do the thing well.",
            "source": SOURCE,
        }
    ],
}


def write(tmp_path, data, name="catalog.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def counts():
    return (
        RoleFamily.objects.count(),
        Skill.objects.count(),
        Emphasis.objects.count(),
        Responsibility.objects.count(),
    )


def test_it_loads_the_real_catalog_twice_without_duplicating(db):
    before = counts()
    call_command("load_catalog", verbosity=0)
    assert counts() == before
    assert before[1] >= 25 and before[3] >= 30


def test_it_reports_what_it_did(db, capsys):
    call_command("load_catalog", str(settings.ROLEKIT_CATALOG_FIXTURE))
    out = capsys.readouterr().out
    assert "0 created" in out and "0 removed" in out


def test_it_updates_an_edited_row_instead_of_adding_one(db, tmp_path):
    call_command("load_catalog", write(tmp_path, SMALL), verbosity=0)
    edited = copy.deepcopy(SMALL)
    edited["skills"][0]["name"] = "One, renamed"
    edited["emphases"][0]["level"] = "light"
    call_command("load_catalog", write(tmp_path, edited), verbosity=0)
    assert Skill.objects.get(slug="sk-one").name == "One, renamed"
    assert Emphasis.objects.get(skill__slug="sk-one").level == EmphasisLevel.LIGHT
    assert Skill.objects.filter(slug="sk-one").count() == 1


def test_it_reports_and_signals_the_shared_rows_whose_wording_it_changed(db, tmp_path):
    catalog_load(path=write(tmp_path, SMALL))
    edited = copy.deepcopy(SMALL)
    edited["skills"][0]["name"] = "One, renamed"
    edited["skills"][0]["aliases"] = ["uno"]  # not wording a posting shows
    edited["responsibilities"][0]["text"] = "Do one thing well"
    heard = []

    def listener(result, **kwargs):
        heard.append(result)

    catalog_loaded.connect(listener)
    try:
        result = catalog_load(path=write(tmp_path, edited))
    finally:
        catalog_loaded.disconnect(listener)

    skill = Skill.objects.get(slug="sk-one")
    duty = Responsibility.objects.get(slug="resp-one")
    assert result.reworded == [
        Reworded(kind="skill", pk=skill.pk, before="One", after="One, renamed"),
        Reworded(
            kind="responsibility", pk=duty.pk, before="Do one thing", after="Do one thing well"
        ),
    ]
    assert heard == [result]
    assert catalog_load(path=write(tmp_path, edited)).reworded == []


def test_it_says_which_shared_rows_it_reworded(db, tmp_path, capsys):
    call_command("load_catalog", write(tmp_path, SMALL), verbosity=0)
    edited = copy.deepcopy(SMALL)
    edited["skills"][0]["name"] = "One, renamed"
    call_command("load_catalog", write(tmp_path, edited))
    out = capsys.readouterr().out
    assert REWORDED.format(kind="skill", before="One", after="One, renamed") in out


def test_it_removes_shared_rows_that_left_the_file(db, tmp_path):
    call_command("load_catalog", write(tmp_path, SMALL), verbosity=0)
    assert not Skill.objects.filter(slug="sql").exists()
    assert RoleFamily.objects.count() == 1


def _broken(path, value):
    data = copy.deepcopy(SMALL)
    section, index, key = path
    data[section][index][key] = value
    return data


BROKEN = [
    (
        ("emphases", 0, "skill"),
        "no-such-skill",
        "emphases[0] (fam-a/no-such-skill)",
        "unknown skill",
    ),
    (("emphases", 0, "level"), "extreme", "emphases[0] (fam-a/sk-one)", "outside the scale"),
    (("skills", 0, "category"), "astrology", "skills[0] (sk-one)", "category 'astrology'"),
    (("responsibilities", 0, "skills"), ["ghost"], "responsibilities[0]", "unknown skill 'ghost'"),
    (("salary_bands", 0, "min_amount"), 500, "salary_bands[0] (band-one)", "above max_amount"),
    (("salary_bands", 0, "max_amount"), "lots", "salary_bands[0]", "must be a whole number"),
    (("levels", 0, "min_years"), 9, "levels[0] (fam-a-junior)", "above max_years"),
    (("interview_questions", 0, "skill"), "ghost", "interview_questions[0]", "unknown skill"),
    (("role_facts", 0, "kind"), "gossip", "role_facts[0]", "kind 'gossip'"),
    (("skills", 0, "source"), "", "skills[0] (sk-one)", "missing 'source'"),
    (("requirements", 0, "skill"), "ghost", "requirements[0] (ghost/heavy)", "unknown skill"),
    (("requirements", 1, "emphasis"), "none", "requirements[1] (sk-one/none)", "is not one of"),
    (("requirements", 2, "source"), "", "requirements[2] (sk-one/light)", "missing 'source'"),
    (("requirements", 1, "emphasis"), "heavy", "requirements[1] (sk-one/heavy)", "duplicate"),
    (("skill_anchors", 0, "no"), "", "skill_anchors[0] (sk-one)", "missing 'no'"),
    (("skill_anchors", 0, "skill"), "ghost", "skill_anchors[0] (ghost)", "unknown skill"),
    (("emphases", 0, "defining"), "yes", "emphases[0] (fam-a/sk-one)", "true or false"),
    (("levels", 0, "skill_years"), 3, "levels[0] (fam-a-junior)", "skill_years 3 asks more"),
    (("levels", 0, "skill_years"), 1.5, "levels[0] (fam-a-junior)", "must be a whole number"),
]


@pytest.mark.parametrize(("where", "value", "row", "message"), BROKEN)
def test_it_refuses_a_broken_file_naming_the_row_and_changes_nothing(
    db, tmp_path, where, value, row, message
):
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        call_command("load_catalog", write(tmp_path, _broken(where, value)), verbosity=0)
    assert row in str(excinfo.value)
    assert message in str(excinfo.value)
    assert "nothing was changed" in str(excinfo.value)
    assert counts() == before


def test_it_refuses_a_defining_skill_that_is_not_heavy(db, tmp_path):
    data = copy.deepcopy(SMALL)
    data["emphases"][0] |= {"level": "medium", "defining": True}
    with pytest.raises(CommandError, match="a defining skill must be heavy"):
        call_command("load_catalog", write(tmp_path, data), verbosity=0)


def _spoil(section, index, **values):
    data = copy.deepcopy(SMALL)
    data[section][index] |= values
    return data


WORDING = [
    (
        _spoil("requirements", 1, text="Working at {level}"),
        "skill sk-one: the medium requirement “{level}” is not a placeholder",
    ),
    (
        _spoil("requirements", 2, text="{years} with one"),
        "skill sk-one: the light requirement only a heavy requirement may ask for years",
    ),
    (
        _spoil("skill_anchors", 0, no="Shows only part of this: Does the thing without help."),
        "skill sk-one: the “no” anchor repeats the “yes” anchor.",
    ),
    ({**SMALL, "requirements": SMALL["requirements"][:2]}, "skill sk-one: no light requirement."),
    ({**SMALL, "skill_anchors": []}, "skill sk-one: no behavioural anchors."),
]


@pytest.mark.parametrize(("data", "message"), WORDING)
def test_it_refuses_wording_it_cannot_show_and_changes_nothing(db, tmp_path, data, message):
    before = snapshot()
    with pytest.raises(CommandError) as excinfo:
        call_command("load_catalog", write(tmp_path, data), verbosity=0)
    assert message in str(excinfo.value)
    assert "nothing was changed" in str(excinfo.value)
    assert snapshot() == before


def test_it_exits_non_zero_with_the_message_from_the_command_line(db, tmp_path, capsys):
    # As `manage.py load_catalog FILE` runs it from a shell, `make run` or CI.
    path = write(tmp_path, _spoil("requirements", 1, emphasis="extreme"))
    with pytest.raises(SystemExit) as excinfo:
        LoadCatalog().run_from_argv(["manage.py", "load_catalog", path])
    assert excinfo.value.code != 0
    err = capsys.readouterr().err
    assert "requirements[1] (sk-one/extreme): emphasis 'extreme' is not one of" in err


def snapshot():
    """Every catalog row the wording concerns, as values: equal means nothing changed."""
    return (
        list(Requirement.objects.order_by("pk").values()),
        list(SkillAnchors.objects.order_by("pk").values()),
        list(Emphasis.objects.order_by("pk").values()),
        list(Level.objects.order_by("pk").values()),
        counts(),
    )


def test_it_changes_nothing_when_the_real_catalog_is_loaded_again(db):
    before = snapshot()
    result = catalog_load(path=settings.ROLEKIT_CATALOG_FIXTURE)
    assert snapshot() == before
    assert result.created == {} and result.removed == {}
    assert before[0] and before[1]


def test_it_leaves_a_companys_own_emphases_and_wording_alone(db, tmp_path, acme, ds):
    own = SkillFactory(company=acme, slug="acme-fraud", name="Fraud rules")
    Emphasis.objects.create(role_family=ds, skill=own, level=EmphasisLevel.HEAVY, defining=True)
    Requirement.objects.create(skill=own, emphasis=EmphasisLevel.LIGHT, text="Some fraud rules")
    SkillAnchors.objects.create(skill=own, strong_no="a", no="b", yes="c", strong_yes="d")
    before = snapshot()
    catalog_load(path=settings.ROLEKIT_CATALOG_FIXTURE)
    assert snapshot() == before
    assert own.emphases.get().defining
    catalog_load(path=write(tmp_path, SMALL))  # without most shared skills, nor the DS family
    assert own.requirements.get().text == "Some fraud rules"
    assert SkillAnchors.objects.get(skill=own).yes == "c"


def test_it_removes_shared_wording_that_left_the_file(db, tmp_path):
    catalog_load(path=write(tmp_path, SMALL))
    assert set(Requirement.objects.values_list("skill__slug", flat=True)) == {"sk-one"}
    assert set(SkillAnchors.objects.values_list("skill__slug", flat=True)) == {"sk-one"}


def test_it_refuses_a_file_that_is_not_json(db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_catalog", str(path), verbosity=0)


def test_it_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("load_catalog", str(tmp_path / "nope.json"), verbosity=0)


def test_it_accepts_the_small_catalog_as_valid():
    validate_catalog(SMALL)
