"""Language rules, and gender-decoder's and joblint's own cases replayed through them."""

import json
from pathlib import Path

import pytest

from hiring.rules import exclusion, language
from hiring.rules.language import PhraseRule, gender_coding, gender_tokens, lint, list_words
from tests.rules.sample import codes_from, duty, findings_from, posting

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
GENDER_CASES = REFERENCE / "gender_decoder_cases.json"
JOBLINT_CASES = REFERENCE / "joblint_cases.json"

# Inputs where rolekit differs from gender-decoder on purpose (rolekit_domain_exceptions).
GENDER_DELIBERATE = {
    "Responsibilities: build data-driven analytics; lead A/B tests": (
        "'Responsibilities' is a section heading and 'analytics' names the work, not a trait"
    ),
    "We're a cutting-edge, competitive team of analysts": (
        "'analysts' is a job title in a DS posting, not the trait 'analytical'"
    ),
}
# Inputs where rolekit differs from joblint on purpose (rolekit_triggers).
JOBLINT_DELIBERATE = {
    "We maintain a talent pool and connection pool.": (
        "a bare 'pool' is a talent, connection or thread pool in DS/MLE text, not a pool table"
    ),
}


def load_cases(path):
    if not path.exists():
        pytest.skip(f"{path} is missing")
    return json.loads(path.read_text("utf-8"))["cases"]


def case_id(number, case):
    return f"{number}: {case['input'][:40]!r}"


def gender_cases():
    if not GENDER_CASES.exists():
        return [pytest.param(None, id="missing")]
    return [pytest.param(c, id=case_id(i, c)) for i, c in enumerate(load_cases(GENDER_CASES))]


def joblint_cases():
    if not JOBLINT_CASES.exists():
        return [pytest.param(None, id="missing")]
    return [pytest.param(c, id=case_id(i, c)) for i, c in enumerate(load_cases(JOBLINT_CASES))]


def gender_outcome(text, expected, lists):
    """What our port says for each field of gender-decoder's expected output."""
    coding = gender_coding(text, lists)
    masculine = [c.token.word for c in coding.masculine]
    feminine = [c.token.word for c in coding.feminine]
    counter = {}
    for word in masculine + feminine:
        counter[word] = counter.get(word, 0) + 1
    known = {
        "clean_up_word_list": lambda: [t.word for t in gender_tokens(text, lists)],
        "masculine_coded_words": lambda: ",".join(masculine),
        "feminine_coded_words": lambda: ",".join(feminine),
        "masculine_word_count": lambda: len(masculine),
        "feminine_word_count": lambda: len(feminine),
        "coding": lambda: coding.verdict,
        "masc_equals_fem": lambda: len(masculine) == len(feminine),
        "list_words.masculine": lambda: list_words(coding.masculine),
        "list_words": lambda: {
            "masculine": list_words(coding.masculine),
            "feminine": list_words(coding.feminine),
        },
        "distinct_counters": lambda: len(counter),
        "masculine_words_sorted": lambda: sorted(set(masculine)),
        "feminine_words_sorted": lambda: sorted(set(feminine)),
        "total_count": lambda: sum(counter.values()),
    }
    outcome = {}
    for key in expected:
        if key.startswith("counter["):
            outcome[key] = counter.get(key[len("counter[") : -1], 0)
        else:
            outcome[key] = known[key]()
    return outcome


def joblint_outcome(case, rules):
    if case["rules"] != "default":
        rules = [
            PhraseRule(
                name=f"rule {i}", triggers=tuple(r["triggers"]), increment=r.get("increment", {})
            )
            for i, r in enumerate(case["rules"])
        ]
    result = lint(case["input"], rules)
    known = {
        "issue_count": lambda: len(result.issues),
        "occurances": lambda: [i.occurrence for i in result.issues],
        "positions": lambda: [i.position for i in result.issues],
        "contexts": lambda: [i.context for i in result.issues],
        "counts": lambda: dict(result.counts),
        "issues": lambda: [
            {
                "name": i.rule.name,
                "level": i.rule.level,
                "occurance": i.occurrence,
                "position": i.position,
                "context": i.context,
            }
            for i in result.issues
        ],
    }
    return {key: known[key]() for key in case["expected"]}


@pytest.mark.parametrize("case", gender_cases())
def test_it_agrees_with_gender_decoder(case):
    if case is None:
        pytest.skip(f"{GENDER_CASES} is missing")
    ours = gender_outcome(case["input"], case["expected"], language.word_lists())
    if case["input"] in GENDER_DELIBERATE:
        assert ours != case["expected"], GENDER_DELIBERATE[case["input"]]
        upstream = gender_outcome(case["input"], case["expected"], language.upstream_word_lists())
        assert upstream == case["expected"]
    else:
        assert ours == case["expected"]


@pytest.mark.parametrize("case", joblint_cases())
def test_it_agrees_with_joblint(case):
    if case is None:
        pytest.skip(f"{JOBLINT_CASES} is missing")
    ours = joblint_outcome(case, language.phrase_rules())
    if case["input"] in JOBLINT_DELIBERATE:
        assert ours != case["expected"], JOBLINT_DELIBERATE[case["input"]]
        assert joblint_outcome(case, language.phrase_rules(upstream=True)) == case["expected"]
    else:
        assert ours == case["expected"]


def agreement(cases, outcome):
    agree = sum(outcome(c) == c["expected"] for c in cases)
    return agree, len(cases)


def test_it_reports_the_agreement_rates(capsys):
    gender = load_cases(GENDER_CASES)
    joblint = load_cases(JOBLINT_CASES)
    g_agree, g_total = agreement(
        gender, lambda c: gender_outcome(c["input"], c["expected"], language.word_lists())
    )
    j_agree, j_total = agreement(joblint, lambda c: joblint_outcome(c, language.phrase_rules()))
    with capsys.disabled():
        print(
            f"\ngender-decoder agreement {g_agree}/{g_total} ({g_agree / g_total:.0%}), "
            f"deliberate differences {len(GENDER_DELIBERATE)}; "
            f"joblint agreement {j_agree}/{j_total} ({j_agree / j_total:.0%}), "
            f"deliberate differences {len(JOBLINT_DELIBERATE)}"
        )
    assert g_total - g_agree == len(GENDER_DELIBERATE)
    assert j_total - j_agree == len(JOBLINT_DELIBERATE)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, [], id="neutral posting"),
        pytest.param(
            {"summary": "An independent, analytical engineer who will lead and decide."},
            ["rules.I601"] * 4 + ["rules.W602"],
            id="strongly masculine-coded",
        ),
        pytest.param(
            {"summary": "A competitive team."}, ["rules.I601", "rules.I603"], id="one coded word"
        ),
        pytest.param(
            {"summary": "A competitive, supportive team."}, ["rules.I601"], id="balanced: neutral"
        ),
        pytest.param(
            {"summary": "We value honest, supportive, collaborative people."},
            [],
            id="feminine-coded: nothing to report",
        ),
        pytest.param({"summary": "Run the analysis and own the analytics."}, [], id="domain words"),
    ],
)
def test_it_flags_masculine_coded_wording(changes, expected):
    codes = codes_from(language.check_gender_coded_words, posting(**changes))
    assert sorted(codes) == sorted(expected)


def test_it_gives_word_positions_per_field():
    post = posting(
        title="Lead Data Scientist",
        summary="You will lead experiments.",
        responsibilities=(duty("Lead the roadmap"),),
    )
    [word] = [
        f for f in findings_from(language.check_gender_coded_words, post) if f.code == "rules.I601"
    ]
    assert word.evidence["word"] == "lead"
    assert word.evidence["count"] == 3
    assert word.evidence["positions"] == [
        {"field": "title", "start": 0, "end": 4, "text": "Lead"},
        {"field": "summary", "start": 9, "end": 13, "text": "lead"},
        {"field": "responsibility", "start": 0, "end": 4, "index": 0, "id": None, "text": "Lead"},
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, [], id="plain posting"),
        pytest.param({"title": "Rockstar Data Ninja"}, ["rules.I621", "rules.I621"],
                     id="dumb job titles"),
        pytest.param({"summary": "Join the guys"}, ["rules.W611"], id="gendered word"),
        pytest.param({"summary": "He will own the models."}, ["rules.W612"], id="pronoun"),
        pytest.param({"benefits": "Beer fridge and ping pong."}, ["rules.I622", "rules.I622"],
                     id="hollow benefits"),
        pytest.param({"benefits": "Competitive compensation and equity."}, [],
                     id="competitive pay is fine"),
        pytest.param({"team": "We keep a connection pool warm."}, [], id="technical pool"),
        pytest.param({"team": "Dudes only."}, ["rules.W611", "rules.W616"],
                     id="one word, two rules"),
    ],
)  # fmt: skip
def test_it_flags_exclusionary_and_cliched_phrases(changes, expected):
    assert sorted(codes_from(language.check_phrases, posting(**changes))) == sorted(expected)


def test_it_groups_a_phrase_across_fields_with_context():
    post = posting(title="Ninja", summary="We need a ninja who ships.")
    [finding] = findings_from(language.check_phrases, post)
    assert finding.evidence["count"] == 2
    assert [p["field"] for p in finding.evidence["positions"]] == ["title", "summary"]
    assert finding.evidence["positions"][1]["context"] == "We need a {{occurance}} who ships."


def test_it_keeps_offsets_out_of_the_fingerprint():
    first = findings_from(language.check_phrases, posting(summary="A ninja."))[0]
    moved = findings_from(language.check_phrases, posting(summary="We want a ninja."))[0]
    assert first.evidence["positions"] != moved.evidence["positions"]
    assert first.fingerprint == moved.fingerprint


def test_it_speaks_in_its_own_words():
    [finding] = findings_from(language.check_phrases, posting(summary="We want a ninja."))
    assert finding.message == 'Cliché job title: "ninja".'
    assert finding.hint.startswith('"Rockstar", "ninja" and "guru" say nothing about the work')
    assert finding.evidence["rule"] == "Use of dumb job titles"  # joblint's name, API only


@pytest.mark.parametrize("rule", language.phrase_rules(), ids=lambda rule: rule.code)
def test_every_phrase_rule_has_its_own_label_and_hint(rule):
    assert rule.label and rule.hint
    assert rule.label != rule.name
    assert rule.reason not in rule.hint and rule.solution not in rule.hint


# ---------------------------------------------------------------------------------------
# The company's texts a posting shows: read like the posting's own
# ---------------------------------------------------------------------------------------

COMPANY_TEXTS = ("about_company", "equal_opportunity", "pay_statement")
LANGUAGE_RULES = (
    language.check_gender_coded_words,
    language.check_phrases,
    exclusion.check_exclusionary_language,
)


@pytest.mark.parametrize("field", COMPANY_TEXTS)
@pytest.mark.parametrize(
    ("rule", "text", "code", "word"),
    [
        pytest.param(
            language.check_gender_coded_words,
            "We hire people who dominate their market.",
            "rules.I601",
            "dominate",
            id="gender-coded word",
        ),
        pytest.param(
            language.check_phrases,
            "Our rockstar team ships weekly.",
            "rules.I621",
            "rockstar",
            id="cliche title",
        ),
        pytest.param(
            exclusion.check_exclusionary_language,
            "We are a young team that likes to learn.",
            "rules.W641",
            "young",
            id="exclusionary phrase",
        ),
    ],
)
def test_it_reads_the_company_texts_a_posting_shows(field, rule, text, code, word):
    post = posting(**{field: text})
    [finding] = [f for f in findings_from(rule, post) if f.code == code]
    assert finding.subject.label == word
    [position] = finding.evidence["positions"]
    assert position["field"] == field
    assert text[position["start"] : position["end"]].lower() == word


@pytest.mark.parametrize("field", COMPANY_TEXTS)
@pytest.mark.parametrize(
    "text",
    [
        "Acme builds forecasting tools for hospitals.",
        "Acme is an equal-opportunity employer. We welcome applicants of every background.",
        "The range is the base salary for Colorado; equity comes on top.",
    ],
    ids=["about", "equal opportunity", "pay"],
)
@pytest.mark.parametrize("rule", LANGUAGE_RULES, ids=lambda rule: rule.__name__)
def test_clean_company_texts_find_nothing(field, text, rule):
    assert codes_from(rule, posting(**{field: text})) == []


@pytest.mark.parametrize(
    ("company_texts", "expected"),
    [
        pytest.param(frozenset({"about_company"}), {"company": True}, id="the company's text"),
        pytest.param(frozenset(), {}, id="the posting's own text"),
    ],
)
def test_it_marks_a_word_in_the_companys_own_text(company_texts, expected):
    post = posting(about_company="A ninja team.", company_texts=company_texts)
    [finding] = findings_from(language.check_phrases, post)
    [position] = finding.evidence["positions"]
    assert {k: v for k, v in position.items() if k == "company"} == expected


def test_a_word_in_a_company_text_keeps_its_fingerprint_wherever_the_text_comes_from():
    """Acknowledging it on a posting survives the company's text being copied in as its own."""
    own = findings_from(language.check_phrases, posting(about_company="A ninja team."))
    shared = findings_from(
        language.check_phrases,
        posting(about_company="A ninja team.", company_texts=frozenset({"about_company"})),
    )
    assert own[0].fingerprint == shared[0].fingerprint
