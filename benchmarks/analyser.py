"""The free-text analyser: throughput on real job ads, and the analyse API on a 3,000-character
posting (the next step runs it while recruiters type, so it must stay under 30 ms)."""

import json
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.test import Client
from django.test.utils import override_settings
from django.views.decorators.csrf import csrf_exempt

from hiring import rules
from hiring.caching import rules_catalog
from hiring.findings.adapter import rules_thresholds
from hiring.integrations.keys import api_key_create
from hiring.models import ApiKey

HERE = Path(__file__).resolve()
CALIBRATION = HERE.parents[2] / "shared" / "reference" / "real_postings_dev.jsonl"
LABELLED = HERE.parents[1] / "tests" / "rules" / "labelled_postings.json"
SIZE = 3_000


def job_ads() -> list[tuple[str, str]]:
    """(title, text) of real ads when the calibration set is there, else the labelled set."""
    if CALIBRATION.exists():
        rows = [json.loads(line) for line in CALIBRATION.read_text("utf-8").splitlines() if line]
        return [(r["title"], r["text"]) for r in rows]
    rows = json.loads(LABELLED.read_text("utf-8"))["postings"]
    return [(r["title"], r["text"]) for r in rows]


def posting_of(size: int, ads: list[tuple[str, str]]) -> str:
    text = ""
    for _, body in ads:
        text += body + "\n\n"
        if len(text) >= size:
            break
    return text[:size]


@csrf_exempt
def bare_echo(request):
    """The baseline: parse the same JSON body and answer with a JSON document."""
    body = json.loads(request.body)
    return JsonResponse({"title": body["title"], "length": len(body["text"])})


def analyser_suite(*, median_time, count_queries, context):
    ads = job_ads()
    catalog = rules_catalog()
    thresholds = rules_thresholds()
    rules.analyse_text(*ads[0], catalog, thresholds)  # warm the alias and duty indexes
    rounds = 5
    start = time.perf_counter()
    for _ in range(rounds):
        for title, text in ads:
            rules.analyse_text(title, text, catalog, thresholds)
    elapsed = time.perf_counter() - start
    per_second = rounds * len(ads) / elapsed
    mean_chars = sum(len(text) for _, text in ads) / len(ads)
    yield (
        f"free-text analyser (catalog loaded once): {per_second:,.0f} postings per second on "
        f"{len(ads)} real ads of {mean_chars:,.0f} characters on average"
    )

    _, token = api_key_create(
        company=context["company"], name="bench-analyse", scope=ApiKey.Scope.READ,
        by=context["recruiter"],
    )  # fmt: skip
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    text = posting_of(SIZE, ads)
    edits = iter(range(1_000_000))

    def analyse():
        # Each call a new text, as while a recruiter types: nothing comes from the cache.
        body = {
            "title": "Senior Machine Learning Engineer",
            "text": f"{text[:-8]}{next(edits):08d}",
        }
        response = client.post("/api/v1/analyse/", body, content_type="application/json")
        assert response.status_code == 200, response.content[:300]
        return response

    def bare():
        body = {"title": "Senior Machine Learning Engineer", "text": text}
        response = client.post("/bench/echo/", body, content_type="application/json")
        assert response.status_code == 200
        return response

    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "api_key": "1000000/minute"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        cache.clear()
        t_api, t_bare = median_time(analyse, 40), median_time(bare, 40)
    yield (
        f"analyse API, a {len(text):,}-character posting, a new text each call: "
        f"{t_api * 1000:.1f} ms median ({count_queries(analyse)} queries; target under 30 ms); "
        f"bare JSON echo {t_bare * 1000:.1f} ms, ratio {t_api / t_bare:.1f}x"
    )
