import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import hiring.rules
from hiring.rules import check_posting, engine, language, registry, role_fit
from hiring.rules.findings import Finding, Severity, Subject
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Emphasis
from tests.rules.sample import CATALOG, TODAY, criterion, mle_posting, posting, skill

RULES_DIR = Path(hiring.rules.__file__).parent
ROOT = RULES_DIR.parents[1]
CODE = re.compile(r"^rules\.[EWI]\d{3}$")


def test_it_imports_no_django():
    script = (
        "import hiring.rules, hiring.rules.engine, sys; "
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'django')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""


def test_it_imports_only_the_standard_library():
    script = (
        "import sys; before = set(sys.modules); import hiring.rules; "
        "print('\\n'.join(sorted({m.split('.')[0] for m in set(sys.modules) - before})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    third_party = {
        name
        for name in done.stdout.split()
        if name not in sys.stdlib_module_names and name != "hiring" and not name.startswith("_")
    }
    assert third_party == set()


def test_it_sorts_errors_first_then_by_code():
    messy = mle_posting(
        level="mle-junior",
        years_min=8,
        years_max=None,
        salary_min=Decimal(200_000),
        salary_max=Decimal(100_000),
        tool_years=(("mlops", 20),),
        summary="Rockstar ninja wanted.",
        skills=(*mle_posting().skills, skill("ab-testing", "heavy")),
        criteria=(criterion("sql", questions=()),),
        has_rubric=True,
    )
    findings = check_posting(messy, CATALOG, today=TODAY).findings
    keys = [(f.severity.rank, f.code) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].severity is Severity.ERROR
    assert {"rules.E301", "rules.E403", "rules.E501", "rules.W201", "rules.W103"} <= {
        f.code for f in findings
    }


def test_it_finds_nothing_but_the_lean_in_a_sound_posting(catalog):
    report = check_posting(posting(), catalog, today=TODAY)
    assert [f.code for f in report.findings] == ["rules.I101"]
    assert report.lean.best == "data-scientist"


def test_it_gives_json_ready_findings(catalog):
    messy = mle_posting(
        salary_min=Decimal("200000.50"),
        salary_max=Decimal(100_000),
        summary="Rockstar guys wanted to lead and decide.",
        skills=(*mle_posting().skills, skill("ab-testing", "heavy")),
        criteria=(criterion("sql", weight="2.5", questions=()), criterion(None)),
        has_rubric=True,
        locations=("Denver, CO",),
    )
    findings = check_posting(messy, catalog, today=TODAY).findings
    assert len({f.code for f in findings}) > 8
    json.dumps([f.as_dict() for f in findings])


def test_it_runs_every_registered_rule_once():
    assert len(set(registry.RULES)) == len(registry.RULES)


def test_it_runs_the_rules_it_is_given():
    """Only the rules passed run: the lean rule alone gives the lean and nothing else,
    while the full registry finds more on the same posting."""
    messy = posting(level="ds-junior", years_min=9, years_max=None, summary="Rockstar guys.")
    only_lean = engine.check_posting(messy, CATALOG, today=TODAY, rules=(role_fit.check_lean,))
    everything = engine.check_posting(messy, CATALOG, today=TODAY)
    assert only_lean.codes == {"rules.I101"}
    assert {"rules.I101", "rules.W201", "rules.I621"} <= everything.codes


def all_codes():
    codes = set()
    for module in RULES_DIR.glob("*.py"):
        codes |= set(re.findall(r'"(rules\.[EWI]\d{3})"', module.read_text("utf-8")))
    codes |= {rule.code for rule in language.phrase_rules()}
    return codes


def test_it_documents_every_code_in_the_readme():
    readme = (RULES_DIR / "README.md").read_text("utf-8")
    missing = {code for code in all_codes() if f"`{code}`" not in readme}
    assert missing == set()


def test_it_keeps_codes_unique_and_well_formed():
    codes = [rule.code for rule in language.phrase_rules()]
    assert len(codes) == len(set(codes))
    assert all(CODE.match(code) for code in all_codes())


def test_it_matches_the_severity_letter_of_each_code():
    report = check_posting(
        posting(summary="Rockstar guys, he must decide.", level="ds-junior", years_min=9),
        CATALOG,
        today=TODAY,
    )
    for f in report.findings:
        assert f.code[len("rules.")] == f.severity.name[0]


def finding(**changes):
    base = {
        "code": "rules.W999",
        "severity": Severity.WARNING,
        "message": "m",
        "hint": "h",
        "subject": Subject("skill", 3, "SQL"),
        "evidence": {"skill": "sql", "levels": [1, 2]},
    }
    return Finding(**{**base, **changes})


@pytest.mark.parametrize(
    ("other", "same"),
    [
        pytest.param(finding(), True, id="equal"),
        pytest.param(finding(message="reworded", hint="new hint"), True, id="wording only"),
        pytest.param(finding(evidence={"levels": [1, 2], "skill": "sql"}), True, id="key order"),
        pytest.param(finding(evidence={"skill": "sql", "levels": [1, 3]}), False, id="evidence"),
        pytest.param(finding(code="rules.W998"), False, id="code"),
        pytest.param(finding(subject=Subject("skill", 4, "SQL")), False, id="subject"),
        pytest.param(
            finding(evidence={"skill": "sql", "levels": [1, 2], "positions": [9]}),
            True,
            id="positions are ignored",
        ),
    ],
)
def test_it_fingerprints_code_subject_and_evidence(other, same):
    assert (finding().fingerprint == other.fingerprint) is same
    assert len(finding().fingerprint) == 16


def test_it_serialises_a_finding():
    data = finding().as_dict()
    assert data["severity"] == "warning"
    assert data["subject"] == {"kind": "skill", "id": 3, "label": "SQL"}
    assert data["fingerprint"] == finding().fingerprint


def test_it_rejects_an_unknown_subject_kind():
    with pytest.raises(ValueError, match="Unknown subject kind"):
        Subject("company")


@pytest.mark.parametrize(("name", "value"), [("heavy", 3), ("Light", 1), (" none ", 0)])
def test_it_reads_emphasis_names(name, value):
    assert Emphasis.from_name(name) == value


def test_it_rejects_an_unknown_emphasis():
    with pytest.raises(ValueError, match="Unknown emphasis"):
        Emphasis.from_name("extreme")


def test_it_builds_thresholds_from_a_settings_dict():
    assert Thresholds(**{"max_must_haves": 12, "drift_margin": 0.2}).max_must_haves == 12
    with pytest.raises(ValueError, match="must not be negative"):
        Thresholds(max_must_haves=-1)
    with pytest.raises(TypeError):
        Thresholds(**{"no_such_threshold": 1})
