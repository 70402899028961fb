"""The rules the engine runs, in one list; a rule is ``(posting, catalog, thresholds, context)
-> Iterable[Finding]``. Add a rule here and document its codes in README.md."""

from __future__ import annotations

from hiring.rules import exclusion, experience, language, pay, realism, role_fit, rubric
from hiring.rules.context import Rule

RULES: tuple[Rule, ...] = (
    role_fit.check_lean,
    role_fit.check_drift,
    role_fit.check_skills_above_role,
    role_fit.check_skills_below_role,
    role_fit.check_core_skills_missing,
    role_fit.check_two_jobs,
    role_fit.check_hybrid_title,
    role_fit.check_title_placed,
    experience.check_years_inverted,
    experience.check_years_for_level,
    pay.check_salary_inverted,
    pay.check_salary_band,
    pay.check_pay_transparency,
    pay.check_pay_range_width,
    realism.check_too_many_must_haves,
    realism.check_tool_years,
    rubric.check_must_haves_assessed,
    rubric.check_criteria_skills_asked,
    rubric.check_weights_follow_emphasis,
    rubric.check_criteria_complete,
    rubric.check_unequal_weights_explained,
    rubric.check_criteria_per_stage,
    rubric.check_nice_to_haves_weigh_less,
    language.check_gender_coded_words,
    language.check_phrases,
    exclusion.check_exclusionary_language,
)
