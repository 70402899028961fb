"""The curated catalog carries what the five seed articles say.

Pure pytest: reads fixtures/catalog.json and the seed articles in shared/seeds/. No Django,
no database. The expected values are parsed from the article text, not copied into the test;
the only hand-written knowledge here is which catalog skill each article label names.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
CATALOG_FILE = REPO / "fixtures" / "catalog.json"

SEEDS_MISSING = (
    "The seed articles are not in {seeds}: they are part of the build (shared/seeds/ beside "
    "the repository), and the catalog is checked against them. Put them back; do not skip."
)

SEED_FILES = sorted(path.name for path in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
if not SEED_FILES:
    # A missing piece of the build fails loudly: a skip here hid 30 checks of the catalog.
    pytest.fail(SEEDS_MISSING.format(seeds=SEEDS), pytrace=False)

DS = "data-scientist"
MLE = "machine-learning-engineer"
ARTICLES = {name: (SEEDS / name).read_text(encoding="utf-8") for name in SEED_FILES}
CATALOG = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))


def article(prefix: str) -> tuple[str, str]:
    """The (file name, text) of the seed article whose name starts with `prefix`."""
    (name,) = [name for name in SEED_FILES if name.startswith(prefix)]
    return name, ARTICLES[name]


# --- which catalog skill(s) each article label names ------------------------------------

# Row labels of the per-role skills tables (000's "Skills Comparison", 004's "Skills
# required"). A row split into two skills maps to both; both must carry the row's levels.
TABLE_ROW_SKILLS = {
    "Python": ("python",),
    "SQL": ("sql",),
    "Pandas / numpy": ("pandas-numpy",),
    "Statistics (A/B tests, hypothesis testing)": ("statistics", "ab-testing"),
    "scikit-learn / classical ML": ("classical-ml",),
    "Deep learning frameworks (PyTorch)": ("deep-learning",),
    "Docker / Kubernetes": ("docker-kubernetes",),
    "Cloud (AWS / GCP)": ("cloud-platforms",),
    "MLOps tools (MLflow, Weights & Biases)": ("mlops", "experiment-tracking"),
    "FastAPI / serving": ("fastapi", "model-serving"),
    "Distributed training": ("distributed-training",),
    "Communication / writing": ("communication",),
    "Programming": ("python",),
    "Statistics": ("statistics",),
    "ML/DL Knowledge": ("classical-ml", "deep-learning"),
    "Software Engineering": ("software-engineering",),
    "MLOps": ("mlops",),
    "Cloud Platforms": ("cloud-platforms",),
    "Communication": ("communication",),
    "Domain Knowledge": ("domain-knowledge",),
}

# Skills named in prose lists: 003's "core skills" bullets and 001's skill sentences.
LISTED_SKILLS = {
    "SQL": "sql",
    "Statistics": "statistics",
    "Experimentation": "ab-testing",
    "Data analysis": "pandas-numpy",
    "Modeling fundamentals": "classical-ml",
    "Software engineering": "software-engineering",
    "ML frameworks": "deep-learning",
    "Data engineering basics": "data-engineering",
    "MLOps": "mlops",
    "Systems thinking": "system-design",
    "Python": "python",
    "TensorFlow / PyTorch": "deep-learning",
    "Feature engineering": "feature-engineering",
    "Machine learning": "classical-ml",
    "scikit-learn": "classical-ml",
    "Model deployment": "model-deployment",
    "Docker & Kubernetes": "docker-kubernetes",
    "Cloud ML (AWS/GCP/Azure)": "cloud-platforms",
}

# How 004's table vocabulary may be resolved. Hyphenated levels allow either neighbour, and
# 'required' (Python) sits outside the scale, so the catalog reads it as heavy.
SCALE = {"none", "light", "medium", "heavy"}
ALLOWED_FOR = {
    **{word: {word} for word in SCALE},
    "light-medium": {"light", "medium"},
    "medium-heavy": {"medium", "heavy"},
    "required": {"heavy"},
}
NEEDS_NOTE = {"light-medium", "medium-heavy", "required"}


# --- article parsing --------------------------------------------------------------------


def words(text: str) -> str:
    """Lower-case alphanumeric words only: survives bullets, quotes and mojibake dashes."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def role_of(label: str) -> str | None:
    if re.search(r"\bData Scientists?\b", label):
        return DS
    if re.search(r"\b(ML|Machine Learning) Engineers?\b", label):
        return MLE
    return None


def markdown_tables(text: str) -> list[dict]:
    """Every pipe table in the text, as a header and its rows (blank lines between rows ok)."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.strip().startswith("|")
    ]

    def separator(cells):
        return all(re.fullmatch(r":?-+:?", cell) for cell in cells)

    tables = []
    for index, cells in enumerate(rows):
        if separator(cells):
            continue
        if index + 1 < len(rows) and separator(rows[index + 1]):
            tables.append({"header": cells, "rows": []})
        elif tables:
            tables[-1]["rows"].append(cells)
    return tables


def emphasis_table_cells() -> list[tuple[str, str, str, str, bool]]:
    """(file, row label, role family, cell text, uses heavy/medium/light) for every cell."""
    cells = []
    for name, text in ARTICLES.items():
        for table in markdown_tables(text):
            columns = {index: role_of(label) for index, label in enumerate(table["header"])}
            roles = {index: role for index, role in columns.items() if role and index > 0}
            if set(roles.values()) != {DS, MLE}:
                continue
            vocabulary = all(
                row[index].lower() in ALLOWED_FOR for row in table["rows"] for index in roles
            )
            for row in table["rows"]:
                for index, role in roles.items():
                    cells.append((name, row[0], role, row[index], vocabulary))
    return cells


def salary_figures() -> list[tuple[str, str, int, int | None, str]]:
    """(file, currency, low, high or None, as printed) for every money figure in the text."""
    patterns = (
        ("USD", 1_000, r"\\?\$(\d+)(?:-(\d+))?K\+?"),
        ("INR", 100_000, r"₹(\d+)(?:-(\d+))?\+? LPA"),
        ("INR", 100_000, r"₹(\d+)L(?:[–-]₹(\d+)L)?"),
    )
    figures = []
    for name, text in ARTICLES.items():
        for currency, unit, pattern in patterns:
            for match in re.finditer(pattern, text):
                low = int(match.group(1)) * unit
                high = int(match.group(2)) * unit if match.group(2) else None
                figure = (name, currency, low, high, match.group(0).replace("\\", ""))
                if figure not in figures:
                    figures.append(figure)
    return figures


def salary_table_rows() -> list[tuple[str, str, str, str]]:
    """(file, role label, range, top of band) for tables with a 'Range' column."""
    rows = []
    for name, text in ARTICLES.items():
        for table in markdown_tables(text):
            if [h.lower() for h in table["header"]] == ["role", "range", "top of band"]:
                rows.extend((name, *row[:3]) for row in table["rows"])
    return rows


def ladder_steps() -> list[tuple[str, str, str, str | None]]:
    """(file, role family, step name, scope or None) for every career step an article names."""
    steps = []
    # 000: "Data Scientist Path" / "ML Engineer Path", alternating title and scope lines.
    name, text = article("000_")
    lines = [line.strip() for line in text.splitlines()]
    sections = (
        ("Data Scientist Path", "ML Engineer Path", DS),
        ("ML Engineer Path", "Salary Comparison", MLE),
    )
    for start, end, role in sections:
        block = [line for line in lines[lines.index(start) + 1 : lines.index(end)] if line]
        for title, scope in zip(block[::2], block[1::2], strict=True):
            steps.append((name, role, title, scope))
    # 002: the leadership roles each career "can move into".
    name, text = article("002_")
    for phrase, role in (("leadership positions such as", DS), ("senior roles including", MLE)):
        (listed,) = re.findall(re.escape(phrase) + r" (.+?)\.", text)[:1]
        for title in re.split(r",\s*(?:or\s+)?(?:even\s+)?|\s+or\s+(?:even\s+)?", listed):
            steps.append((name, role, title.strip(), None))
    # 004 (and any article): roles priced in a salary table.
    for name, label, _range, _top in salary_table_rows():
        steps.append((name, role_of(label), label, None))
    return steps


def bullets_after(text: str, heading: str, until: str, after: str | None = None) -> list[str]:
    """Bullets between the line `heading` (the first one past the line `after`) and the next
    line starting with `until`."""
    lines = [line.strip() for line in text.splitlines()]
    first = lines.index(after) + 1 if after else 0
    start = next(i for i in range(first, len(lines)) if lines[i] == heading)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(until))
    return [
        re.sub(r"^[-•\s]+", "", line)
        for line in lines[start + 1 : end]
        if line.startswith(("-", "•"))
    ]


FILLER = {
    "you",
    "re",
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "in",
    "for",
    "with",
    "is",
    "are",
    "don",
    "doesn",
    "t",
    "s",
    "probably",
}


def stems(text: str) -> set[str]:
    """Content words, crudely singularised, so 'You like X' matches 'Likes X'."""
    return {
        word[:-1] if len(word) > 4 and word.endswith("s") else word
        for word in words(text).split()
        if word not in FILLER
    }


def covered(item: str, text: str) -> bool:
    return stems(item) <= stems(text)


def level_name_words(name: str) -> str:
    return words(re.sub(r"\bDS\b", "Data Scientist", name))


# --- catalog lookups --------------------------------------------------------------------

SKILLS = {row["slug"]: row for row in CATALOG["skills"]}
EMPHASES = {(row["role_family"], row["skill"]): row for row in CATALOG["emphases"]}
LEVELS = {row["slug"]: row for row in CATALOG["levels"]}
FAMILIES = {row["slug"] for row in CATALOG["role_families"]}
SLUGGED = (
    "role_families",
    "role_facts",
    "skills",
    "responsibilities",
    "levels",
    "salary_bands",
    "interview_questions",
)


def facts(role: str, kind: str | None = None) -> list[dict]:
    return [
        row
        for row in CATALOG["role_facts"]
        if row["role_family"] == role and (kind is None or row["kind"] == kind)
    ]


# --- the skills tables ------------------------------------------------------------------

TABLE_CELLS = emphasis_table_cells()


def cell_id(cell):
    name, label, role, text, _vocabulary = cell
    return f"{name[:3]}-{label}-{'DS' if role == DS else 'MLE'}-{text}"


def test_it_finds_the_per_role_skills_tables_in_the_articles():
    files = {cell[0] for cell in TABLE_CELLS}
    assert {article("000_")[0], article("004_")[0]} <= files
    assert len(TABLE_CELLS) >= 2 * (8 + 12)


def test_it_knows_which_catalog_skill_every_skills_table_row_names():
    unmapped = sorted({label for _name, label, *_ in TABLE_CELLS} - set(TABLE_ROW_SKILLS))
    assert unmapped == [], f"add these article rows to TABLE_ROW_SKILLS: {unmapped}"
    missing = sorted({s for slugs in TABLE_ROW_SKILLS.values() for s in slugs} - set(SKILLS))
    assert missing == [], f"the catalog has no skill {missing}"


@pytest.mark.parametrize("cell", TABLE_CELLS, ids=cell_id)
def test_it_records_the_articles_wording_as_an_emphasis_claim(cell):
    name, label, role, text, _vocabulary = cell
    for slug in TABLE_ROW_SKILLS[label]:
        claims = EMPHASES[(role, slug)]["claims"]
        said = [c["says"].casefold() for c in claims if c["source"] == name]
        assert text.casefold() in said, f"{slug}/{role}: no claim '{text}' from {name}"


@pytest.mark.parametrize("cell", [c for c in TABLE_CELLS if c[4]], ids=cell_id)
def test_it_chooses_the_tables_level_where_the_article_uses_heavy_medium_light(cell):
    name, label, role, text, _vocabulary = cell
    word = text.lower()
    for slug in TABLE_ROW_SKILLS[label]:
        emphasis = EMPHASES[(role, slug)]
        assert emphasis["level"] in ALLOWED_FOR[word], f"{slug}/{role} says '{text}' in {name}"
        if word in NEEDS_NOTE:
            assert word in emphasis["note"].lower(), f"{slug}/{role}: explain '{text}' in note"


def test_it_explains_every_level_that_no_claim_states_verbatim():
    for (role, slug), emphasis in EMPHASES.items():
        said = {c["says"].lower() for c in emphasis.get("claims", [])}
        if emphasis["level"] not in said:
            assert emphasis.get("note", "").strip(), f"{slug}/{role} needs a note"


def listed_skills() -> list[tuple[str, str, str]]:
    """(file, role family, label) for skills named in 003's core-skill lists and 001's prose."""
    listed = []
    name, text = article("003_")
    for heading, until, role in (
        ("Data scientist core skills", "Machine learning engineer core skills", DS),
        ("Machine learning engineer core skills", "Education paths", MLE),
    ):
        listed.extend(
            (name, role, item.split(" (")[0]) for item in bullets_after(text, heading, until)
        )
    name, text = article("001_")
    (shared,) = set(re.findall(r"share 3 core skills \(([^)]+)\)", text))
    for item in shared.split(", "):
        listed.extend([(name, DS, item), (name, MLE, item)])
    ds_needs, mle_needs = re.search(
        r"A Data Scientist also needs (.+?), while a Machine Learning Engineer additionally "
        r"needs (.+?)\.\n",
        text,
    ).groups()
    listed.extend((name, DS, item) for item in ds_needs.split(", "))
    listed.extend((name, MLE, item) for item in mle_needs.split(", "))
    return listed


@pytest.mark.parametrize("listed", listed_skills(), ids=lambda x: f"{x[0][:3]}-{x[1][:3]}-{x[2]}")
def test_it_carries_every_skill_the_articles_list_for_a_role_as_a_claim(listed):
    name, role, label = listed
    assert label in LISTED_SKILLS, f"add '{label}' to LISTED_SKILLS"
    slug = LISTED_SKILLS[label]
    sources = {c["source"] for c in EMPHASES[(role, slug)]["claims"]}
    assert name in sources, f"{slug}/{role} has no claim from {name}"
    assert EMPHASES[(role, slug)]["level"] in {"medium", "heavy"}


# --- salaries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "figure", salary_figures(), ids=lambda f: f"{f[0][:3]}-{f[4].replace('₹', 'INR ')}"
)
def test_it_carries_every_salary_figure_in_the_articles_as_a_band(figure):
    name, currency, low, high, printed = figure
    bands = [
        b for b in CATALOG["salary_bands"] if b["source"] == name and b["currency"] == currency
    ]
    if high is not None:
        assert any(b["min_amount"] == low and b["max_amount"] == high for b in bands), printed
    else:
        assert any(low in (b["min_amount"], b["max_amount"], b["top_of_band"]) for b in bands), (
            printed
        )


def test_it_finds_salary_figures_in_every_article_that_prints_one():
    assert {f[0] for f in salary_figures()} == {
        article("000_")[0],
        article("001_")[0],
        article("004_")[0],
    }


def test_it_takes_every_band_from_a_figure_printed_in_its_article():
    printed = Counter()
    for name, currency, low, high, _text in salary_figures():
        printed.update({(name, currency, low), (name, currency, high or low)})
    for band in CATALOG["salary_bands"]:
        key = (band["source"], band["currency"])
        for amount in (band["min_amount"], band["max_amount"], band["top_of_band"]):
            if amount is not None:
                assert (*key, amount) in printed, f"{band['slug']}: {amount} is not in the article"


@pytest.mark.parametrize("row", salary_table_rows(), ids=lambda r: r[1])
def test_it_prices_each_salary_table_row_for_its_role_and_level(row):
    name, label, price_range, top = row
    low, high = (int(n) * 1_000 for n in re.findall(r"\d+", price_range))
    (top_amount,) = (int(n) * 1_000 for n in re.findall(r"\d+", top))
    role = role_of(label)
    matches = [
        b
        for b in CATALOG["salary_bands"]
        if b["source"] == name
        and b["role_family"] == role
        and b["level"]
        and level_name_words(LEVELS[b["level"]]["name"]) == level_name_words(label)
    ]
    assert [(b["min_amount"], b["max_amount"], b["top_of_band"]) for b in matches] == [
        (low, high, top_amount)
    ]


# --- career ladders ---------------------------------------------------------------------


@pytest.mark.parametrize("step", ladder_steps(), ids=lambda s: f"{s[0][:3]}-{s[2]}")
def test_it_carries_every_ladder_step_in_the_articles_as_a_level(step):
    _name, role, title, scope = step
    levels = [
        lv
        for lv in CATALOG["levels"]
        if lv["role_family"] == role and level_name_words(lv["name"]) == level_name_words(title)
    ]
    assert len(levels) == 1, f"no {role} level named '{title}'"
    if scope:
        assert words(scope) in words(levels[0]["scope"])


def test_it_ranks_each_ladder_from_one_without_gaps_or_ties():
    for family in FAMILIES:
        ranks = sorted(lv["rank"] for lv in CATALOG["levels"] if lv["role_family"] == family)
        assert ranks == list(range(1, len(ranks) + 1)), family


def test_it_orders_the_000_ladders_by_seniority():
    for role in (DS, MLE):
        titles = [s[2] for s in ladder_steps() if s[1] == role and s[0].startswith("000_")]
        by_name = {level_name_words(lv["name"]): lv["rank"] for lv in CATALOG["levels"]}
        ranks = [by_name[level_name_words(title)] for title in titles]
        assert ranks == sorted(ranks), role


# --- role facts and responsibilities ----------------------------------------------------


def test_it_carries_the_key_questions_each_role_answers():
    _name, text = article("000_")
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index("The Key Question Each Role Answers:")
    for label, quoted in zip(
        lines[start + 1 : start + 5 : 2], lines[start + 2 : start + 6 : 2], strict=True
    ):
        role = role_of(label)
        asked = {words(f["text"]) for f in facts(role, "key_question")}
        for question in re.findall(r'"([^"]+)"', quoted):
            assert words(question) in asked, question


@pytest.mark.parametrize(
    ("label", "kind", "split"),
    [
        ("Typical output", "typical_output", True),
        ("Key success metric", "success_metric", False),
        ("Primary goal", "primary_output", False),
    ],
)
def test_it_carries_the_outputs_and_metrics_in_003s_comparison(label, kind, split):
    _name, text = article("003_")
    ds_text, mle_text = re.search(
        rf"^- {label}: Data Scientist = (.+?)\. (?:Machine Learning Engineer|MLE) = (.+?)\.$",
        text,
        re.MULTILINE,
    ).groups()
    for role, said in ((DS, ds_text), (MLE, mle_text)):
        known = [words(f["text"]) for f in facts(role, kind)]
        items = said.split(", ") if split else [said]
        for item in items:
            assert any(words(item) in fact for fact in known), f"{role} {kind}: {item}"


def test_it_carries_004s_primary_outputs():
    _name, text = article("004_")
    outputs = re.findall(r"Their primary output: (.+)", text)
    for role, output in zip((DS, MLE), outputs, strict=True):
        known = [words(f["text"]) for f in facts(role, "primary_output")]
        assert words(output) in known, output


ROLE_FACT_LISTS = [
    ("000_", DS, "Typical Day:", "Work Environment:", None),
    ("000_", DS, "Work Environment:", "ML Engineer Working Style", None),
    ("000_", MLE, "Typical Day:", "Work Environment:", "ML Engineer Working Style"),
    ("000_", MLE, "Work Environment:", "Career Paths", "ML Engineer Working Style"),
    ("004_", DS, "What a Data Scientist does in a typical week", "Their primary output", None),
    ("004_", MLE, "What an ML Engineer does in a typical week", "Their primary output", None),
    ("004_", DS, "You probably want Data Scientist if:", "You probably want ML Engineer", None),
    ("004_", MLE, "You probably want ML Engineer if:", "Common myths", None),
    ("003_", DS, "Choose data scientist if you prefer:", "Choose machine learning", None),
    ("003_", MLE, "Choose machine learning engineer if you prefer:", "If you want the", None),
]


@pytest.mark.parametrize(
    "listing", ROLE_FACT_LISTS, ids=lambda x: f"{x[0]}{'DS' if x[1] == DS else 'MLE'}-{x[2]}"
)
def test_it_carries_every_typical_day_and_working_style_bullet_as_a_role_fact(listing):
    prefix, role, heading, until, after = listing
    items = bullets_after(article(prefix)[1], heading, until, after)
    assert len(items) >= 4
    known = [f["text"] for f in facts(role)]
    for item in items:
        assert any(covered(item, fact) for fact in known), f"{prefix} {role}: {item}"


RESPONSIBILITY_LISTS = [
    ("000_", "Core Activities:", "ML Engineer", None),
    ("000_", "Core Activities:", "The Key Question", "ML Engineer"),
    ("001_", "Core responsibilities", "Machine Learning Engineer", None),
    ("001_", "Core responsibilities", "Shared vs unique skills", "Machine Learning Engineer"),
    ("003_", "Common responsibilities", "A day-in-the-life", None),
    (
        "003_",
        "Common responsibilities",
        "A day-in-the-life",
        "What a machine learning engineer does (with concrete examples)",
    ),
    ("004_", "What a Data Scientist does in a typical week", "Their primary output", None),
    ("004_", "What an ML Engineer does in a typical week", "Their primary output", None),
]


@pytest.mark.parametrize("listing", RESPONSIBILITY_LISTS, ids=lambda x: f"{x[0]}{x[1]}-{x[3]}")
def test_it_carries_every_responsibility_the_articles_list(listing):
    prefix, heading, until, after = listing
    items = bullets_after(article(prefix)[1], heading, until, after)
    assert len(items) >= 5
    texts = [f"{r['text']} {r['note']}" for r in CATALOG["responsibilities"]]
    for item in items:
        label, _colon, _detail = item.partition(":")
        wanted = label if _colon and len(label.split()) > 1 else item
        assert any(covered(wanted, text) for text in texts), f"{prefix}: {item}"


def test_it_keeps_001s_core_responsibilities_verbatim_and_core_for_their_role():
    text = article("001_")[1]
    by_text = {r["text"]: r for r in CATALOG["responsibilities"]}
    for role, until, after in (
        (DS, "Machine Learning Engineer", None),
        (MLE, "Shared vs unique skills", "Machine Learning Engineer"),
    ):
        for item in bullets_after(text, "Core responsibilities", until, after):
            assert item in by_text, item
            assert role in by_text[item]["core_for"], item


def test_it_carries_both_day_in_the_life_scenarios_from_003():
    for role, phrase in ((DS, "delivery cancellations"), (MLE, "personalized recommendations")):
        assert any(phrase in f["text"] for f in facts(role, "day_in_the_life")), phrase


# --- integrity and counts ---------------------------------------------------------------


def test_it_reads_all_five_seed_articles():
    assert len(SEED_FILES) == 5


def test_it_names_one_of_the_five_articles_as_every_rows_source():
    for section, rows in CATALOG.items():
        for row in rows:
            assert row["source"] in SEED_FILES, (section, row.get("slug"))
            for claim in row.get("claims", []):
                assert claim["source"] in SEED_FILES, (section, row)


def test_it_keeps_slugs_unique_and_kebab_case():
    for section in SLUGGED:
        slugs = [row["slug"] for row in CATALOG[section]]
        assert [s for s, n in Counter(slugs).items() if n > 1] == [], section
        for slug in slugs:
            assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug


def test_it_resolves_every_referenced_slug():
    for row in CATALOG["role_facts"] + CATALOG["levels"] + CATALOG["salary_bands"]:
        assert row["role_family"] in FAMILIES
    for row in CATALOG["salary_bands"]:
        if row["level"] is not None:
            assert LEVELS[row["level"]]["role_family"] == row["role_family"], row["slug"]
    for row in CATALOG["responsibilities"]:
        assert row["skills"] and set(row["skills"]) <= set(SKILLS), row["slug"]
        assert set(row["core_for"]) <= FAMILIES, row["slug"]
    for row in CATALOG["interview_questions"]:
        assert row["skill"] in SKILLS, row["slug"]


def test_it_has_exactly_one_emphasis_for_every_skill_and_role_family():
    pairs = Counter((row["role_family"], row["skill"]) for row in CATALOG["emphases"])
    assert set(pairs) == {(family, skill) for family in FAMILIES for skill in SKILLS}
    assert set(pairs.values()) == {1}
    assert {row["level"] for row in CATALOG["emphases"]} <= SCALE


def test_it_uses_only_the_known_choices():
    kinds = {
        "key_question",
        "primary_output",
        "typical_output",
        "success_metric",
        "day_in_the_life",
        "working_style",
        "typical_tools",
        "background",
        "career_path",
    }
    categories = {
        "programming",
        "statistics",
        "ml",
        "software_engineering",
        "mlops",
        "cloud",
        "data",
        "communication",
        "domain",
    }
    stages = {"screen", "technical", "case_study", "system_design", "behavioural"}
    assert {row["kind"] for row in CATALOG["role_facts"]} == kinds
    assert {row["category"] for row in CATALOG["skills"]} <= categories
    assert {row["stage"] for row in CATALOG["interview_questions"]} == stages
    for skill in CATALOG["skills"]:
        assert skill["aliases"] == [a.lower() for a in skill["aliases"]], skill["slug"]
        year = skill["first_release_year"]
        assert year is None or (isinstance(year, int) and 1950 <= year <= 2026), skill["slug"]


def test_it_keeps_amounts_and_years_whole_and_ordered():
    for band in CATALOG["salary_bands"]:
        for key in ("min_amount", "max_amount", "year"):
            assert type(band[key]) is int, (band["slug"], key)
        assert band["min_amount"] <= band["max_amount"], band["slug"]
        top = band["top_of_band"]
        assert top is None or (type(top) is int and top >= band["max_amount"]), band["slug"]
    for level in CATALOG["levels"]:
        low, high = level["min_years"], level["max_years"]
        assert type(low) is int, level["slug"]
        assert high is None or (type(high) is int and low <= high), level["slug"]


def test_it_has_at_least_25_skills_and_30_responsibilities():
    assert len(CATALOG["skills"]) >= 25
    assert len(CATALOG["responsibilities"]) >= 30


def test_it_has_at_least_three_interview_questions_for_every_heavy_skill():
    asked = Counter(row["skill"] for row in CATALOG["interview_questions"])
    heavy = {row["skill"] for row in CATALOG["emphases"] if row["level"] == "heavy"}
    short = {skill: asked[skill] for skill in heavy if asked[skill] < 3}
    assert short == {}


def test_it_gives_each_role_core_responsibilities():
    for family in FAMILIES:
        core = [r for r in CATALOG["responsibilities"] if family in r["core_for"]]
        assert len(core) >= 10, family


# --- requirement sentences, anchors and defining skills --------------------------------

QUOTED = re.compile(r"(?<!\w)'([^']+)'(?!\w)")


def _said_in_an_article(phrase: str) -> bool:
    words = " ".join(phrase.split()).casefold()
    return any(words in " ".join(text.split()).casefold() for text in ARTICLES.values())


def test_it_quotes_the_articles_where_it_says_why_a_skill_defines_a_role():
    for row in CATALOG["emphases"]:
        if row.get("defining"):
            why = row["note"][row["note"].index("Defining:") :]
            quotes = QUOTED.findall(why)
            assert quotes, (row["role_family"], row["skill"])
            for quote in quotes:
                assert _said_in_an_article(quote), quote


def test_it_quotes_the_articles_where_a_requirement_asks_for_years():
    for row in CATALOG["requirements"]:
        for quote in QUOTED.findall(row.get("note", "")):
            assert _said_in_an_article(quote), (row["skill"], quote)


def test_it_asks_years_of_the_defining_skills_only():
    defining = {row["skill"] for row in CATALOG["emphases"] if row.get("defining")}
    asking = {row["skill"] for row in CATALOG["requirements"] if "{years}" in row["text"]}
    assert asking and asking <= defining


def test_it_makes_only_heavy_skills_defining_and_gives_each_role_some():
    for family in FAMILIES:
        rows = [r for r in CATALOG["emphases"] if r["role_family"] == family and r.get("defining")]
        assert 1 <= len(rows) <= 3, family
        assert {r["level"] for r in rows} == {"heavy"}, family
    assert EMPHASES[(DS, "python")]["defining"] and EMPHASES[(MLE, "python")]["defining"]


def test_it_words_every_skill_at_each_emphasis_with_four_anchors():
    asked = Counter((row["skill"], row["emphasis"]) for row in CATALOG["requirements"])
    assert set(asked) == {(s, e) for s in SKILLS for e in ("heavy", "medium", "light")}
    assert set(asked.values()) == {1}
    anchored = Counter(row["skill"] for row in CATALOG["skill_anchors"])
    assert set(anchored) == set(SKILLS) and set(anchored.values()) == {1}


def test_it_never_asks_more_years_of_a_skill_than_a_level_starts_at():
    for level in CATALOG["levels"]:
        assert 0 <= level["skill_years"] <= level["min_years"], level["slug"]
