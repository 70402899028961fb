"""What a posting says a skill asks of a candidate, and what an interviewer looks for.

`skill_requirement` gives the sentence for a posting's skill row, `anchors_for` the four
behavioural anchors of a rubric criterion, and `wording_problems` what the loader refuses.
Both readers use a skill's prefetched `requirements` and `anchors` when they are there.
"""

from django.core.exceptions import ObjectDoesNotExist

from .models import Emphasis, EmphasisLevel, Level, Requirement, Skill, SkillAnchors
from .validators import YEARS, sentence_problems

# A posting names years for a few skills only, or it reads like a checklist: the years
# phrase opens its sentence, and three bullets opening "Three or more years" read as one.
MOST_YEARS_PHRASES_PER_FAMILY = 2
ASKED = (EmphasisLevel.HEAVY, EmphasisLevel.MEDIUM, EmphasisLevel.LIGHT)
ANCHOR_FIELDS = ("strong_no", "no", "yes", "strong_yes")
NUMBER_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# What `{years}` reads when the level asks for no years (a junior step, or no level).
NO_YEARS = "Experience"

NO_REQUIREMENT = "skill {skill}: no {emphasis} requirement."
NO_ANCHORS = "skill {skill}: no behavioural anchors."
EMPTY_ANCHOR = "skill {skill}: the “{anchor}” anchor is empty."
TEMPLATED_ANCHOR = "skill {skill}: the “{anchor}” anchor repeats the “{other}” anchor."
NO_SOURCE = "skill {skill}: the {what} names no source article."
BAD_SENTENCE = "skill {skill}: the {emphasis} requirement {problem}"
TOO_MANY_YEARS = (
    "role family {family}: {count} heavy skills ask for years ({skills}); "
    "at most {most} may, or the posting reads like a checklist."
)


def years_phrase(level: Level | None) -> str:
    """ "Three or more years" for a level whose `skill_years` is 3; "Experience" without."""
    return _years(level.skill_years if level is not None else None)


def _years(years: int | None) -> str:
    if not years:
        return NO_YEARS
    if years == 1:
        return "At least one year"
    words = NUMBER_WORDS[years] if years < len(NUMBER_WORDS) else str(years)
    return f"{words.capitalize()} or more years"


def _requirement(skill: Skill, emphasis: int) -> Requirement | None:
    asked = asked_emphasis(emphasis)
    for requirement in skill.requirements.all():
        if requirement.emphasis == asked:
            return requirement
    return None


def skill_requirement(*, skill: Skill, emphasis: int, level: Level | None) -> str:
    """The sentence a posting shows for `skill` asked at `emphasis` at `level`.

    A skill with no wording (a company's own, until it writes some) shows its name.
    """
    requirement = _requirement(skill, emphasis)
    return requirement_sentence(
        wording=requirement.text if requirement is not None else "",
        name=skill.name,
        skill_years=level.skill_years if level is not None else None,
    )


def requirement_sentence(*, wording: str, name: str, skill_years: int | None) -> str:
    """The catalog's `wording` with its years filled in, or the skill's `name` without any:
    `skill_requirement` for readers that hold the columns rather than the rows."""
    if not wording:
        return name
    return wording.replace(YEARS, _years(skill_years))


def asked_emphasis(emphasis: int) -> int:
    """The emphasis whose wording a row asked at `emphasis` reads."""
    return max(emphasis, EmphasisLevel.LIGHT)  # a skill asked at all is asked lightly


def _anchors(skill: Skill) -> SkillAnchors | None:
    try:
        return skill.anchors
    except ObjectDoesNotExist:
        return None


def anchors_for(*, skill: Skill) -> dict[str, str]:
    """The four anchors, strong no to strong yes, keyed by field; empty without any."""
    anchors = _anchors(skill)
    if anchors is None:
        return {}
    return {name: getattr(anchors, name) for name in ANCHOR_FIELDS}


def _skill_problems(skill: Skill) -> list[str]:
    problems = []
    for emphasis in ASKED:
        requirement = _requirement(skill, emphasis)
        if requirement is None:
            problems.append(NO_REQUIREMENT.format(skill=skill.slug, emphasis=emphasis.label))
            continue
        for problem in sentence_problems(requirement.text, emphasis=emphasis):
            problems.append(
                BAD_SENTENCE.format(skill=skill.slug, emphasis=emphasis.label, problem=problem)
            )
        if not requirement.source:
            what = f"{emphasis.label} requirement"
            problems.append(NO_SOURCE.format(skill=skill.slug, what=what))
    anchors = _anchors(skill)
    if anchors is None:
        return [*problems, NO_ANCHORS.format(skill=skill.slug)]
    texts = {name: getattr(anchors, name).strip() for name in ANCHOR_FIELDS}
    for name, text in texts.items():
        label = name.replace("_", " ")
        if not text:
            problems.append(EMPTY_ANCHOR.format(skill=skill.slug, anchor=label))
            continue
        for other, other_text in texts.items():
            # "No" written as a hedge around the "Yes" text is a template, not an anchor.
            if other != name and other_text and other_text.casefold() in text.casefold():
                problems.append(
                    TEMPLATED_ANCHOR.format(
                        skill=skill.slug, anchor=label, other=other.replace("_", " ")
                    )
                )
    if not anchors.source:
        problems.append(NO_SOURCE.format(skill=skill.slug, what="anchors"))
    return problems


def wording_problems() -> list[str]:
    """Why the shared library's wording cannot be shown, or an empty list.

    Every shared skill needs a heavy, medium and light requirement and four distinct
    anchors, each naming its source; `{years}` only opens a heavy sentence, and each
    role family has at most MOST_YEARS_PHRASES_PER_FAMILY heavy skills that ask years.
    """
    skills = (
        Skill.objects.filter(company__isnull=True)
        .select_related("anchors")
        .prefetch_related("requirements")
        .order_by("slug")
    )
    problems = []
    asks_years = set()
    for skill in skills:
        problems += _skill_problems(skill)
        heavy = _requirement(skill, EmphasisLevel.HEAVY)
        if heavy is not None and YEARS in heavy.text:
            asks_years.add(skill.pk)
    by_family: dict[str, list[str]] = {}
    heavy_emphases = Emphasis.objects.filter(
        level=EmphasisLevel.HEAVY, skill__in=asks_years
    ).select_related("role_family", "skill")
    for emphasis in heavy_emphases.order_by("role_family__slug", "skill__slug"):
        by_family.setdefault(emphasis.role_family.slug, []).append(emphasis.skill.slug)
    for family, slugs in by_family.items():
        if len(slugs) > MOST_YEARS_PHRASES_PER_FAMILY:
            problems.append(
                TOO_MANY_YEARS.format(
                    family=family,
                    count=len(slugs),
                    skills=", ".join(slugs),
                    most=MOST_YEARS_PHRASES_PER_FAMILY,
                )
            )
    return problems
