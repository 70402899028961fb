"""Job titles as hiring teams write them, placed on a family, a hybrid, or nowhere."""

import dataclasses

import pytest

from hiring.rules.snapshot import RoleProfile
from hiring.rules.text.titles import read_title
from tests.rules.sample import CATALOG, DS, MLE


@pytest.mark.parametrize(
    ("title", "family", "hybrid", "level"),
    [
        ("Data Scientist", DS, None, None),
        ("Senior Data Scientist", DS, None, "ds-senior"),
        ("Product Data Scientist", DS, None, None),
        ("Decision Scientist", DS, None, None),
        ("Data Scientist, Analytics", DS, None, None),
        ("Experimentation Data Scientist", DS, None, None),
        ("Data Scientist, Machine Learning", DS, None, None),
        ("Senior Data Scientist – AI & ML | MLOps Enablement", DS, None, "ds-senior"),
        ("Data Science Graduate Programme", DS, None, "ds-junior"),
        ("Machine Learning Engineer", MLE, None, None),
        ("Sr. MLE", MLE, None, "mle-senior"),
        ("AI Engineer", MLE, None, None),
        ("AI/ML Engineer I", MLE, None, "mle-junior"),
        ("MLOps Engineer", MLE, None, None),
        ("Machine Learning Operations (MLOps) Specialist", MLE, None, None),
        ("ML Platform Engineer", MLE, None, None),
        ("Staff Machine Learning Infrastructure Engineer", MLE, None, "mle-staff"),
        ("Model Serving Engineer", MLE, None, None),
        ("Machine Learning Framework Engineer, Training", MLE, None, None),
        ("Applied Scientist", None, "Applied Scientist", None),
        ("Senior Applied Scientist – Matching", None, "Applied Scientist", None),
        ("Machine Learning Scientist II", None, "Machine Learning Scientist", None),
        ("Senior AI Scientist", None, "Machine Learning Scientist", None),
        ("Research Scientist, LLMs", None, "Research Scientist", None),
        ("Post-training Research Engineer", None, "Research Engineer", None),
        (
            "Machine Learning Engineer / Data Scientist",
            None,
            "Machine Learning Engineer / Data Scientist",
            None,
        ),
        ("Data Engineer", None, None, None),
        ("Quantitative Analyst", None, None, None),
        ("Senior Principal Data Scientist, Platform Engineering", DS, None, "ds-principal"),
    ],
)
def test_it_places_the_titles_teams_use(title, family, hybrid, level):
    reading = read_title(title, CATALOG)
    assert (reading.family, reading.hybrid, reading.level) == (family, hybrid, level)
    assert reading.placed == (family is not None or hybrid is not None)


def test_it_places_a_company_family_by_its_name():
    catalog = dataclasses.replace(
        CATALOG,
        roles={
            **CATALOG.roles,
            "data-engineer": RoleProfile("data-engineer", "Data Engineer", "DE"),
        },
    )
    assert read_title("Senior Data Engineer", catalog).family == "data-engineer"
