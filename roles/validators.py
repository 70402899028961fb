"""Checks of the wording a candidate or an interviewer reads, shared by the model forms,
the catalog file and the loader. Standard library only."""

from string import Formatter

YEARS = "{years}"
HEAVY = 3  # EmphasisLevel.HEAVY; kept here so the check needs no Django

UNKNOWN_PLACEHOLDER = "“{{{name}}}” is not a placeholder; only {{years}} is."
YEARS_NOT_FIRST = "{years} must open the sentence, where “Three or more years” reads."
YEARS_NOT_HEAVY = "only a heavy requirement may ask for years with {years}."
BROKEN_BRACES = "has an unmatched “{” or “}”."
NOT_A_SENTENCE = "must start with a capital letter and not end with a full stop."


def sentence_problems(text: str, *, emphasis: int) -> list[str]:
    """What keeps `text` from being shown as a requirement at `emphasis` (0..3)."""
    try:
        names = [name for _, name, _, _ in Formatter().parse(text) if name is not None]
    except ValueError:
        return [BROKEN_BRACES]
    problems = [UNKNOWN_PLACEHOLDER.format(name=name) for name in names if name != "years"]
    if "years" in names:
        if not text.startswith(YEARS) or names.count("years") > 1:
            problems.append(YEARS_NOT_FIRST)
        if emphasis != HEAVY:
            problems.append(YEARS_NOT_HEAVY)
    shown = text.replace(YEARS, "Experience")
    if not shown[:1].isupper() or shown.rstrip().endswith("."):
        problems.append(NOT_A_SENTENCE)
    return problems
