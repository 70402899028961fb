"""Examples shown in the API docs: what an integrator sends and gets back."""

from drf_spectacular.utils import OpenApiExample

_SKILLS = [
    {"skill": "python", "name": "Python", "must_have": True, "emphasis": "heavy", "order": 1},
    {
        "skill": "docker-kubernetes",
        "name": "Docker & Kubernetes",
        "must_have": True,
        "emphasis": "heavy",
        "order": 2,
    },
    {
        "skill": "ab-testing",
        "name": "A/B testing & experimentation",
        "must_have": False,
        "emphasis": "light",
        "order": 3,
    },
]
_RESPONSIBILITIES = [
    {
        "responsibility": "serve-predictions-via-low-latency-apis",
        "text": "",
        "display_text": "Serve predictions via low-latency APIs",
        "order": 1,
    },
    {
        "responsibility": None,
        "text": "Keep our ranking service under 50 ms at p99",
        "display_text": "Keep our ranking service under 50 ms at p99",
        "order": 2,
    },
]
_CRITERION = {
    "id": 311,
    "skill": "python",
    "title": "",
    "display_title": "Python",
    "stage": "technical",
    "weight": "1.00",
    "weight_reason": "",
    "questions": ["Walk me through how you would structure a Python project that others reuse."],
    "anchors": {
        "strong_no": "Writes one long script with no tests.",
        "no": "Shows only part of this, with major gaps.",
        "yes": "Separates library code from scripts, packages it and tests it.",
        "strong_yes": "Does all that and explains trade-offs from their own work.",
    },
    "order": 1,
}
_RUBRIC = {
    "posting": 42,
    "version": 7,
    "notes": "Two technical rounds, one system design.",
    "approved_by": None,
    "approved_at": None,
    "updated_at": "2026-03-02T10:15:00.123456Z",
    "criteria": [_CRITERION],
    "interviewers": [
        {"stage": "technical", "interviewer": "hugo", "name": "Hugo Manager"},
        {"stage": "technical", "interviewer": "ada", "name": "Ada Admin"},
    ],
}
_POSTING = {
    "id": 42,
    "title": "Senior ML Engineer, Ranking",
    "status": "draft",
    "version": 7,
    "company": "acme",
    "role_family": "machine-learning-engineer",
    "level": "mle-senior",
    "locations": ["Denver, CO, US"],
    "remote_policy": "hybrid",
    "employment_type": "FULL_TIME",
    "salary_min": "160000.00",
    "salary_max": "200000.00",
    "salary_currency": "USD",
    "salary_period": "YEAR",
    "years_min": 5,
    "years_max": 8,
    "summary": "Build and run the models that rank our catalog.",
    "team": "Search & ranking, 6 engineers.",
    "benefits": "",
    "apply_url": "https://jobs.example.com/42",
    # Blank: the company's texts; the pay statement is this posting's own.
    "about_company": "",
    "equal_opportunity": "",
    "accommodations_contact": "",
    "pay_statement": "The range is the base salary; a bonus of up to 10% comes on top.",
    "recruiter": "rita",
    "hiring_manager": "hugo",
    "published_version": None,
    "public_url": None,
    "open_findings": {"error": 0, "warning": 2, "info": 1},
    "skills": _SKILLS,
    "responsibilities": _RESPONSIBILITIES,
    "created_at": "2026-03-01T09:00:00.000000Z",
    "updated_at": "2026-03-02T10:15:00.123456Z",
}

# Lists wrap this in a page ({"next", "previous", "results": [...]}).
POSTING_PAGE = OpenApiExample("A posting in a page", value=_POSTING, response_only=True)
POSTING_DETAIL = OpenApiExample(
    "A posting", value={**_POSTING, "rubric": _RUBRIC}, response_only=True
)
POSTING_CREATE = OpenApiExample(
    "A new MLE draft",
    value={
        "title": "Senior ML Engineer, Ranking",
        "role_family": "machine-learning-engineer",
        "level": "mle-senior",
        "locations": ["Denver, CO, US"],
        "salary_min": "160000",
        "salary_max": "200000",
        "salary_currency": "USD",
        "years_min": 5,
        "years_max": 8,
        "summary": "Build and run the models that rank our catalog.",
        "skills": [
            {"skill": "python", "must_have": True, "emphasis": "heavy"},
            {"skill": "docker-kubernetes", "must_have": True, "emphasis": "heavy"},
            {"skill": "ab-testing", "must_have": False, "emphasis": "light"},
        ],
        "responsibilities": [
            {"responsibility": "serve-predictions-via-low-latency-apis"},
            {"text": "Keep our ranking service under 50 ms at p99"},
        ],
        "prefill_from_role": False,
    },
    request_only=True,
)
POSTING_UPDATE = OpenApiExample(
    "Change the title and the skills",
    value={
        "title": "Staff ML Engineer, Ranking",
        "skills": [
            {"skill": "python", "must_have": True, "emphasis": "heavy"},
            {"skill": "model-serving", "must_have": True, "emphasis": "heavy"},
        ],
    },
    request_only=True,
)


def conflict(current: str, action: str) -> OpenApiExample:
    return OpenApiExample(
        "Wrong state",
        value={
            "code": "conflict",
            "message": f"A posting that is {current} cannot be {action}.",
            "fields": {},
        },
        response_only=True,
        status_codes=["409"],
    )


VERSIONS = OpenApiExample(
    "Two versions",
    value=[
        {"number": 2, "created_at": "2026-03-09T08:00:00Z", "created_by": "rita"},
        {"number": 1, "created_at": "2026-03-04T08:00:00Z", "created_by": "api-3f9a1c2e"},
    ],
    response_only=True,
)
VERSION_DETAIL = OpenApiExample(
    "Version 1",
    value={
        "number": 1,
        "created_at": "2026-03-04T08:00:00Z",
        "created_by": "rita",
        "snapshot": {
            "title": "Senior ML Engineer, Ranking",
            "role_family": "machine-learning-engineer",
            "level": "mle-senior",
            "skills": [
                {"skill": "python", "name": "Python", "must_have": True, "emphasis": "heavy"}
            ],
            "responsibilities": [
                {"responsibility": None, "text": "Keep our ranking service under 50 ms at p99"}
            ],
            "rubric": None,
        },
    },
    response_only=True,
)
DIFF = OpenApiExample(
    "Title and a skill changed",
    value={
        "from_version": 1,
        "to_version": 2,
        "changes": [
            {
                "field": "title",
                "kind": "changed",
                "before": "Senior ML Engineer",
                "after": "Staff ML Engineer",
            },
            {
                "field": "skills",
                "kind": "added",
                "before": None,
                "after": "Model serving (must-have, heavy)",
            },
        ],
    },
    response_only=True,
)
RUBRIC = OpenApiExample("A rubric", value=_RUBRIC, response_only=True)
RUBRIC_UPDATE = OpenApiExample(
    "Replace the criteria",
    value={
        "notes": "Two technical rounds, one system design.",
        "criteria": [
            {
                "skill": "python",
                "stage": "technical",
                "weight": "1.00",
                "questions": ["How would you structure a Python project others reuse?"],
                "anchors": {
                    "strong_no": "Writes one long script with no tests.",
                    "no": "Shows only part of this.",
                    "yes": "Separates library code from scripts, packages and tests it.",
                    "strong_yes": "And explains the trade-offs from their own work.",
                },
            },
            {"title": "Ownership", "stage": "behavioural", "weight": "0.50"},
        ],
    },
    request_only=True,
)
APPROVE = OpenApiExample("Approve", value={"comment": "Looks right."}, request_only=True)
REQUEST_CHANGES = OpenApiExample(
    "Ask for changes",
    value={"comment": "Drop A/B testing: this team does not run experiments."},
    request_only=True,
)
_FINDING = {
    "code": "rules.W101",
    "severity": "warning",
    "message": "This MLE posting leans on A/B testing, a Data Scientist skill.",
    "hint": "Move A/B testing to nice-to-have, or declare the role as Data Scientist.",
    "subject": {"kind": "skill", "id": 1234, "label": "A/B testing"},
    "evidence": {"skill": "ab-testing", "role_emphasis": "none"},
    "fingerprint": "4f1c2a9e8b7d6c5a",
    "acknowledged": False,
    "acknowledgement": None,
    "reopened": False,
}
FINDINGS = OpenApiExample(
    "One warning",
    value={
        "posting": 42,
        "version": 7,
        "open": {"error": 0, "warning": 1, "info": 0},
        "lean": {
            "share": {"data-scientist": 0.31, "machine-learning-engineer": 0.69},
            "best": "machine-learning-engineer",
            "reference": "machine-learning-engineer",
        },
        "findings": [_FINDING],
    },
    response_only=True,
)
ACKNOWLEDGE = OpenApiExample(
    "Acknowledge",
    value={"fingerprint": "4f1c2a9e8b7d6c5a", "reason": "This team owns its experiments."},
    request_only=True,
)
ACKNOWLEDGEMENT = OpenApiExample(
    "Acknowledged",
    value={
        "fingerprint": "4f1c2a9e8b7d6c5a",
        "code": "rules.W101",
        "message": "This MLE posting leans on A/B testing, a Data Scientist skill.",
        "reason": "This team owns its experiments.",
        "acknowledged_by": "rita",
        "acknowledged_at": "2026-03-02T10:20:00Z",
    },
    response_only=True,
)
ANALYSE_REQUEST = OpenApiExample(
    "An ATS job ad",
    value={
        "title": "Junior Machine Learning Engineer",
        "text": "You have 8+ years of Kubernetes and design A/B tests for our product team.",
    },
    request_only=True,
)
ANALYSE_RESPONSE = OpenApiExample(
    "What the rules see",
    value={
        "title": "Junior Machine Learning Engineer",
        "skills": ["ab-testing", "docker-kubernetes"],
        "matched": [
            {"skill": "docker-kubernetes", "alias": "kubernetes", "start": 22, "end": 32},
            {"skill": "ab-testing", "alias": "a/b tests", "start": 44, "end": 53},
        ],
        "counts": {"error": 1, "warning": 1, "info": 0},
        "lean": {
            "share": {"data-scientist": 0.5, "machine-learning-engineer": 0.5},
            "best": None,
            "reference": "machine-learning-engineer",
        },
        "findings": [_FINDING],
    },
    response_only=True,
)
EXPORT_MARKDOWN = OpenApiExample(
    "Markdown",
    value=(
        "# Senior ML Engineer, Ranking\n\n**Acme Analytics** · Denver, CO, US · Hybrid\n\n"
        "## What you will do\n\n- Serve predictions via low-latency APIs\n"
    ),
    media_type="text/markdown",
    response_only=True,
)

BULK_EXPORT_REQUEST = OpenApiExample(
    "Three postings as PDF and JSON-LD",
    value={"postings": [41, 42, 57], "formats": ["pdf", "jsonld"], "draft": False},
    request_only=True,
)
_BULK_EXPORT = {
    "id": 12,
    "status": "done",
    "postings": [41, 42, 57],
    "formats": ["pdf", "jsonld"],
    "draft": False,
    "total": 6,
    "completed": 6,
    "failures": [
        {
            "posting_id": 57,
            "title": "Data Scientist, Growth",
            "format": "jsonld",
            "error": (
                "The summary is 31,250 characters long; an export allows at most 20,000. "
                "Shorten it and export again."
            ),
        }
    ],
    "error": "",
    "requested_by": "api-3f9c2a1b",
    "created_at": "2026-03-02T09:14:05Z",
    "started_at": "2026-03-02T09:14:06Z",
    "finished_at": "2026-03-02T09:14:09Z",
    "download": "https://rolekit.example.com/api/v1/bulk-exports/12/download/",
}
BULK_EXPORT = OpenApiExample("A finished export", value=_BULK_EXPORT, response_only=True)
BULK_EXPORT_QUEUED = OpenApiExample(
    "Just queued",
    value={
        **_BULK_EXPORT,
        "status": "queued",
        "completed": 0,
        "failures": [],
        "started_at": None,
        "finished_at": None,
        "download": None,
    },
    response_only=True,
)
IMPORT_REQUEST = OpenApiExample(
    "An existing job ad",
    value={
        "title": "Senior Data Scientist",
        "text": "We are a fintech in Berlin.\nResponsibilities\n- Design and analyse A/B tests "
        "for checkout.\nRequirements\n- 3+ years of experience with SQL and Python\n"
        "Salary: EUR 70,000 - 85,000",
    },
    request_only=True,
)
_IMPORTED_FINDING = {
    "code": "rules.W202",
    "severity": "warning",
    "message": "Senior Data Scientist asks for 3+ years, less than the level's typical 5-8 years.",
    "hint": "Raise the years, or lower the level if this is an earlier-career role.",
    "subject": {"kind": "posting", "id": 43, "label": "Senior Data Scientist"},
    "evidence": {"level": "ds-senior", "years_min": 3, "level_min_years": 5},
    "fingerprint": "d42a5b6e85c42d2c",
    "acknowledged": False,
    "acknowledgement": None,
    "reopened": False,
}
IMPORT_RESPONSE = OpenApiExample(
    "The draft and its findings",
    value={
        **_POSTING,
        "id": 43,
        "title": "Senior Data Scientist",
        "version": 1,
        "role_family": "data-scientist",
        "level": "ds-senior",
        "locations": ["Berlin"],
        "remote_policy": "onsite",
        "salary_min": "70000.00",
        "salary_max": "85000.00",
        "salary_currency": "EUR",
        "years_min": 3,
        "years_max": None,
        "summary": "We are a fintech in Berlin.\nRequirements\n- 3+ years of experience with "
        "SQL and Python\nSalary: EUR 70,000 - 85,000",
        "team": "",
        "apply_url": "",
        "recruiter": None,
        "hiring_manager": None,
        "open_findings": {"error": 0, "warning": 1, "info": 1},
        "skills": [
            {"skill": "sql", "name": "SQL", "must_have": True, "emphasis": "heavy", "order": 1},
            {
                "skill": "python",
                "name": "Python",
                "must_have": True,
                "emphasis": "heavy",
                "order": 2,
            },
        ],
        "responsibilities": [
            {
                "responsibility": "design-and-analyse-ab-tests",
                "text": "Design and analyse A/B tests for checkout.",
                "display_text": "Design and analyse A/B tests for checkout.",
                "order": 1,
            }
        ],
        "rubric": None,
        "findings": {
            "posting": 43,
            "version": 1,
            "open": {"error": 0, "warning": 1, "info": 1},
            "lean": {
                "share": {"data-scientist": 0.83, "machine-learning-engineer": 0.17},
                "best": "data-scientist",
                "reference": "data-scientist",
            },
            "findings": [_IMPORTED_FINDING],
        },
    },
    response_only=True,
)
