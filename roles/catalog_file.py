"""Reading and validating the catalog file before anything touches the database.

Every problem is collected with the row it is in, so a broken file is reported
whole and the loader can refuse it without writing anything.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from .models import Category, EmphasisLevel, InterviewQuestion, RoleFact, SalaryBand

SECTIONS = (
    "role_families",
    "role_facts",
    "skills",
    "emphases",
    "responsibilities",
    "levels",
    "salary_bands",
    "interview_questions",
    "requirements",
    "skill_anchors",
)
EMPHASIS_NAMES = tuple(level.label for level in EmphasisLevel)
ASKED_NAMES = tuple(level.label for level in EmphasisLevel if level)
ANCHOR_KEYS = ("strong_no", "no", "yes", "strong_yes")


class CatalogFileError(Exception):
    """The file cannot be loaded; `problems` names every offending row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Problems:
    items: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def read_catalog_file(path: Path | str) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogFileError([f"{path}: cannot read the file ({exc.strerror})."]) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogFileError([f"{path}: not valid JSON: {exc}."]) from exc
    validate_catalog(data)
    return data


def _where(section: str, index: int, row: dict) -> str:
    label = row.get("slug") if isinstance(row, dict) else None
    if label is None and isinstance(row, dict) and section == "emphases":
        label = f"{row.get('role_family')}/{row.get('skill')}"
    if label is None and isinstance(row, dict) and section == "requirements":
        label = f"{row.get('skill')}/{row.get('emphasis')}"
    if label is None and isinstance(row, dict) and section == "skill_anchors":
        label = row.get("skill")
    return f"{section}[{index}]" + (f" ({label})" if label else "")


def _require(problems, where, row, keys):
    ok = True
    for key in keys:
        if row.get(key) in (None, ""):
            problems.add(where, f"missing '{key}'")
            ok = False
    return ok


def _are_ints(problems, where, row, keys):
    ok = True
    for key in keys:
        value = row.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            problems.add(where, f"'{key}' must be a whole number, not {value!r}")
            ok = False
    return ok


def validate_catalog(data: object) -> None:
    """Raise CatalogFileError listing every row that cannot be loaded."""
    problems = Problems()
    if not isinstance(data, dict):
        raise CatalogFileError(["the file must hold a JSON object with the catalog sections."])
    for section in SECTIONS:
        rows = data.get(section, [])
        if not isinstance(rows, list):
            problems.add(section, "must be a list")
            continue
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                problems.add(f"{section}[{index}]", "must be an object")
    if problems.items:
        raise CatalogFileError(problems.items)

    def slugs(section):
        seen = set()
        for index, row in enumerate(data.get(section, [])):
            slug = row.get("slug")
            if slug in seen:
                problems.add(_where(section, index, row), "duplicate slug")
            seen.add(slug)
        return seen

    families = slugs("role_families")
    skills = slugs("skills")
    levels = slugs("levels")
    for section in ("role_facts", "responsibilities", "salary_bands", "interview_questions"):
        slugs(section)

    def check_ref(where, value, known, what):
        if value not in known:
            problems.add(where, f"unknown {what} '{value}'")

    for index, row in enumerate(data.get("role_families", [])):
        _require(problems, _where("role_families", index, row), row, ("slug", "name", "source"))

    for index, row in enumerate(data.get("role_facts", [])):
        where = _where("role_facts", index, row)
        if _require(problems, where, row, ("slug", "role_family", "kind", "text", "source")):
            check_ref(where, row["role_family"], families, "role family")
            if row["kind"] not in RoleFact.Kind.values:
                problems.add(where, f"kind '{row['kind']}' is not one of {RoleFact.Kind.values}")

    level_family = {}
    for index, row in enumerate(data.get("levels", [])):
        where = _where("levels", index, row)
        if _require(problems, where, row, ("slug", "role_family", "name", "rank", "source")):
            check_ref(where, row["role_family"], families, "role family")
            level_family[row["slug"]] = row["role_family"]
            low, high = row.get("min_years"), row.get("max_years")
            if not _are_ints(problems, where, row, ("rank", "min_years", "max_years")):
                continue
            if not _are_ints(problems, where, row, ("skill_years",)):
                continue
            if low is not None and high is not None and low > high:
                problems.add(where, f"min_years {low} is above max_years {high}")
            skill_years = row.get("skill_years")
            if skill_years is not None and (low is None or skill_years > low):
                problems.add(
                    where, f"skill_years {skill_years} asks more years than the level's min_years"
                )

    for index, row in enumerate(data.get("skills", [])):
        where = _where("skills", index, row)
        if _require(problems, where, row, ("slug", "name", "category", "source")):
            if row["category"] not in Category.values:
                problems.add(where, f"category '{row['category']}' is not one of {Category.values}")
            aliases = row.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                problems.add(where, "aliases must be a list of strings")

    pairs = set()
    for index, row in enumerate(data.get("emphases", [])):
        where = _where("emphases", index, row)
        if _require(problems, where, row, ("role_family", "skill", "level", "source")):
            check_ref(where, row["role_family"], families, "role family")
            check_ref(where, row["skill"], skills, "skill")
            if row["level"] not in EMPHASIS_NAMES:
                problems.add(where, f"level '{row['level']}' is outside the scale {EMPHASIS_NAMES}")
            pair = (row["role_family"], row["skill"])
            if pair in pairs:
                problems.add(where, "duplicate emphasis for this role family and skill")
            pairs.add(pair)
            defining = row.get("defining", False)
            if not isinstance(defining, bool):
                problems.add(where, f"'defining' must be true or false, not {defining!r}")
            elif defining and row["level"] != "heavy":
                problems.add(where, "a defining skill must be heavy for its role family")

    for index, row in enumerate(data.get("responsibilities", [])):
        where = _where("responsibilities", index, row)
        if _require(problems, where, row, ("slug", "text", "source")):
            for skill in row.get("skills", []):
                check_ref(where, skill, skills, "skill")
            for family in row.get("core_for", []):
                check_ref(where, family, families, "role family")

    for index, row in enumerate(data.get("salary_bands", [])):
        where = _where("salary_bands", index, row)
        required = ("slug", "role_family", "region", "currency", "min_amount", "max_amount")
        if _require(problems, where, row, (*required, "year", "source")):
            check_ref(where, row["role_family"], families, "role family")
            if row.get("level") is not None:
                check_ref(where, row["level"], levels, "level")
            if row.get("period", "YEAR") not in SalaryBand.Period.values:
                problems.add(where, f"period '{row['period']}' is not one of YEAR/MONTH/HOUR")
            numbers = ("min_amount", "max_amount", "top_of_band", "year")
            if not _are_ints(problems, where, row, numbers):
                continue
            if row["min_amount"] > row["max_amount"]:
                problems.add(where, "min_amount is above max_amount")

    for index, row in enumerate(data.get("interview_questions", [])):
        where = _where("interview_questions", index, row)
        keys = ("slug", "skill", "question", "strong_answer", "weak_answer", "source")
        if _require(problems, where, row, keys):
            check_ref(where, row["skill"], skills, "skill")
            stage = row.get("stage", InterviewQuestion.Stage.TECHNICAL)
            if stage not in InterviewQuestion.Stage.values:
                problems.add(
                    where, f"stage '{stage}' is not one of {InterviewQuestion.Stage.values}"
                )

    asked = set()
    for index, row in enumerate(data.get("requirements", [])):
        where = _where("requirements", index, row)
        if _require(problems, where, row, ("skill", "emphasis", "text", "source")):
            check_ref(where, row["skill"], skills, "skill")
            if row["emphasis"] not in ASKED_NAMES:
                problems.add(where, f"emphasis '{row['emphasis']}' is not one of {ASKED_NAMES}")
            pair = (row["skill"], row["emphasis"])
            if pair in asked:
                problems.add(where, "duplicate requirement for this skill and emphasis")
            asked.add(pair)

    anchored = set()
    for index, row in enumerate(data.get("skill_anchors", [])):
        where = _where("skill_anchors", index, row)
        if _require(problems, where, row, ("skill", *ANCHOR_KEYS, "source")):
            check_ref(where, row["skill"], skills, "skill")
            if row["skill"] in anchored:
                problems.add(where, "duplicate anchors for this skill")
            anchored.add(row["skill"])

    if problems.items:
        raise CatalogFileError(problems.items)
