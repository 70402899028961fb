"""A small hand-built catalog and posting builders for the rule tables.

Emphasis follows the skills table of seeds/004 (e.g. statistics: DS heavy, MLE light;
Docker/Kubernetes: DS light, MLE heavy); pay bands are that article's US figures.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from hiring.rules.context import Rule
from hiring.rules.engine import check_posting
from hiring.rules.findings import Finding
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import (
    Catalog,
    CatalogSkill,
    Criterion,
    Emphasis,
    LevelInfo,
    Posting,
    PostingResponsibility,
    PostingSkill,
    RoleProfile,
    SalaryReference,
)

TODAY = datetime.date(2026, 1, 15)
DEFAULT = Thresholds()
DS = "data-scientist"
MLE = "machine-learning-engineer"

SKILLS = (
    CatalogSkill("python", "Python", "programming", ("python 3",), 1991),
    CatalogSkill("sql", "SQL", "data", ("window functions",), None),
    CatalogSkill("statistics", "Statistics", "statistics", ("hypothesis testing",), None),
    CatalogSkill(
        "ab-testing", "A/B testing", "statistics", ("controlled experiments", "experimentation")
    ),
    CatalogSkill("scikit-learn", "scikit-learn", "ml", ("classical ml",), 2007),
    CatalogSkill("pandas", "pandas", "data", ("numpy",), 2008),
    CatalogSkill("deep-learning", "Deep learning", "ml", ("pytorch", "tensorflow"), 2015),
    CatalogSkill(
        "docker-kubernetes", "Docker & Kubernetes", "mlops", ("docker", "kubernetes"), 2014
    ),
    CatalogSkill("cloud", "Cloud platforms", "cloud", ("aws", "gcp"), 2006),
    CatalogSkill("mlops", "MLOps tools", "mlops", ("mlflow", "kubeflow"), 2018),
    CatalogSkill("model-serving", "Model serving", "software engineering", ("fastapi",), 2018),
    CatalogSkill("software-engineering", "Software engineering", "software engineering", ()),
    CatalogSkill("communication", "Communication", "communication", ("storytelling",)),
    CatalogSkill("r", "R", "programming", (), 1993),
)

H, M, L = Emphasis.HEAVY, Emphasis.MEDIUM, Emphasis.LIGHT
DS_PROFILE = {
    "python": M, "sql": H, "statistics": H, "ab-testing": H, "scikit-learn": H, "pandas": H,
    "deep-learning": M, "docker-kubernetes": L, "cloud": L, "mlops": M, "model-serving": L,
    "software-engineering": L, "communication": H, "r": L,
}  # fmt: skip
MLE_PROFILE = {
    "python": M, "sql": M, "statistics": L, "ab-testing": L, "scikit-learn": M, "pandas": M,
    "deep-learning": M, "docker-kubernetes": H, "cloud": H, "mlops": H, "model-serving": H,
    "software-engineering": H, "communication": M,
}  # fmt: skip

LEVELS = (
    LevelInfo("ds-junior", "Junior Data Scientist", DS, 1, 0, 2),
    LevelInfo("ds-mid", "Data Scientist", DS, 2, 2, 5),
    LevelInfo("ds-senior", "Senior Data Scientist", DS, 3, 5, 8),
    LevelInfo("ds-principal", "Principal Data Scientist", DS, 4, 8, None),
    LevelInfo("mle-junior", "Junior ML Engineer", MLE, 1, 0, 2),
    LevelInfo("mle-mid", "ML Engineer", MLE, 2, 2, 5),
    LevelInfo("mle-senior", "Senior ML Engineer", MLE, 3, 5, 8),
    LevelInfo("mle-staff", "Staff ML Engineer", MLE, 4, 8, None),
)

SEED = "004_a9c1373954b2aa14.txt"
BANDS = (
    SalaryReference(DS, "ds-junior", "US", "USD", "YEAR", 80_000, 105_000, 120_000, 2026, SEED),
    SalaryReference(DS, "ds-senior", "US", "USD", "YEAR", 140_000, 180_000, 220_000, 2026, SEED),
    SalaryReference(MLE, "mle-junior", "US", "USD", "YEAR", 110_000, 140_000, 160_000, 2026, SEED),
    SalaryReference(MLE, "mle-senior", "US", "USD", "YEAR", 170_000, 220_000, 300_000, 2026, SEED),
    SalaryReference(
        DS, None, "IN", "INR", "YEAR", 600_000, 3_000_000, None, 2026, "001_a2e84385d3077740.txt"
    ),
)

CATALOG = Catalog(
    skills={s.slug: s for s in SKILLS},
    roles={
        DS: RoleProfile(DS, "Data Scientist", "DS", DS_PROFILE),
        MLE: RoleProfile(MLE, "Machine Learning Engineer", "MLE", MLE_PROFILE),
    },
    levels={lv.slug: lv for lv in LEVELS},
    salary_bands=BANDS,
)


def skill(
    slug: str, emphasis: str = "medium", *, must: bool = True, id: int | None = None
) -> PostingSkill:
    return PostingSkill(slug, must, Emphasis.from_name(emphasis), order=0, id=id)


def duty(text: str, *skills: str) -> PostingResponsibility:
    return PostingResponsibility(text, tuple(skills))


def criterion(
    skill: str | None,
    stage: str = "technical",
    weight: str = "1",
    *,
    questions: tuple[str, ...] = ("Walk me through it.",),
    anchors: tuple[str, str, str, str] = ("Cannot", "Partly", "Can", "Teaches it"),
    reason: str = "",
    id: int | None = None,
) -> Criterion:
    return Criterion(skill, stage, Decimal(weight), questions, anchors, reason, id)


# A plain Data Scientist posting that should raise nothing but the lean.
DS_SKILLS = (
    skill("sql", "heavy"),
    skill("statistics", "heavy"),
    skill("ab-testing", "heavy"),
    skill("scikit-learn", "heavy"),
    skill("pandas", "heavy"),
    skill("communication", "heavy"),
    skill("python", "medium"),
)
MLE_SKILLS = (
    skill("docker-kubernetes", "heavy"),
    skill("cloud", "heavy"),
    skill("mlops", "heavy"),
    skill("model-serving", "heavy"),
    skill("software-engineering", "heavy"),
    skill("python", "medium"),
)


def posting(**changes: Any) -> Posting:
    base = Posting(
        title="Data Scientist",
        role_family=DS,
        level="ds-mid",
        years_min=3,
        years_max=5,
        locations=("Austin, TX",),
        remote_policy="onsite",
        salary_min=Decimal(120_000),
        salary_max=Decimal(150_000),
        salary_currency="USD",
        salary_period="YEAR",
        summary="Help product teams choose what to build, using data and experiments.",
        team="A team of six data scientists and analysts.",
        benefits="Health insurance and a learning budget.",
        skills=DS_SKILLS,
    )
    return dataclasses.replace(base, **changes)


def mle_posting(**changes: Any) -> Posting:
    mle = {
        "title": "Machine Learning Engineer",
        "role_family": MLE,
        "level": "mle-mid",
        "skills": MLE_SKILLS,
        "salary_min": Decimal(150_000),
        "salary_max": Decimal(180_000),
    }
    return posting(**{**mle, **changes})


def codes_from(
    rule: Rule,
    post: Posting,
    thresholds: Thresholds = DEFAULT,
    today: datetime.date = TODAY,
) -> list[str]:
    """Codes one rule raises for a posting, through the engine so the context is real."""
    return [f.code for f in findings_from(rule, post, thresholds, today)]


def findings_from(
    rule: Rule,
    post: Posting,
    thresholds: Thresholds = DEFAULT,
    today: datetime.date = TODAY,
) -> list[Finding]:
    return list(check_posting(post, CATALOG, thresholds, today=today, rules=(rule,)).findings)
