"""The benchmark figures; each suite yields printable lines."""

import time
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from hiring.caching import rules_catalog
from hiring.findings.adapter import postings_for_rules, rules_posting, rules_thresholds
from hiring.findings.selectors import posting_analysis
from hiring.models import Company, JobPosting, Membership
from hiring.postings.services import posting_create_from_role
from hiring.rubrics.services import rubric_build_from_posting
from hiring.tenancy.services import member_add
from roles.models import EmphasisLevel, Level, RoleFamily, Skill

from .analyser import analyser_suite
from .api import api_suite
from .careers import careers_suite
from .exports import exports_suite


def _get(client: Client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def _posting_with_blocks(company, recruiter, blocks: int) -> JobPosting:
    """An MLE posting with `blocks` skills and `blocks` responsibilities and a rubric."""
    posting = posting_create_from_role(
        company=company,
        role_family=RoleFamily.objects.get(slug="machine-learning-engineer"),
        level=Level.objects.get(slug="mle-senior"),
        recruiter=recruiter,
        title=f"Bench posting with {blocks} blocks",
    )
    have = posting.skills.count()
    extra = Skill.objects.filter(company__isnull=True).exclude(
        pk__in=posting.skills.values("skill")
    )
    for order, skill in enumerate(extra[: max(0, blocks - have)], start=100):
        posting.skills.create(skill=skill, must_have=False, emphasis=1, order=order)
    for order in range(posting.responsibilities.count(), blocks):
        posting.responsibilities.create(text=f"Own workstream {order}", order=200 + order)
    rubric_build_from_posting(posting=posting)
    return posting


def catalog_comparison(*, median_time, count_queries, context):
    client = context["client"]
    ours = _get(client, reverse("admin:roles_compare"))
    bare = _get(client, reverse("bench-bare-catalog"))
    t_ours, t_bare = median_time(ours, 30), median_time(bare, 30)
    context["bare_catalog_seconds"] = t_bare
    yield (
        f"catalog comparison page: {t_ours * 1000:.1f} ms, {count_queries(ours)} queries; "
        f"bare view {t_bare * 1000:.1f} ms, {count_queries(bare)} queries; "
        f"ratio {t_ours / t_bare:.1f}x"
    )


def admin_change_form(*, median_time, count_queries, context):
    posting = _posting_with_blocks(context["company"], context["recruiter"], 40)
    context["posting"] = posting
    url = reverse("admin:hiring_jobposting_change", args=[posting.pk])
    form = _get(context["recruiter_client"], url)
    t_form = median_time(form, 15)
    context["change_form_seconds"] = t_form
    yield (
        f"admin change form, 40 skills + 40 responsibilities: {t_form * 1000:.1f} ms, "
        f"{count_queries(form)} queries; ratio to the bare catalog page "
        f"{t_form / context['bare_catalog_seconds']:.1f}x"
    )


def _change_form_data(response) -> dict:
    """The change form's values as a browser posts them back."""
    data = {}
    forms = [response.context["adminform"].form]
    forms += [form for f in response.context["inline_admin_formsets"] for form in f.formset]
    for f in response.context["inline_admin_formsets"]:
        management = f.formset.management_form
        data.update({management.add_prefix(n): management[n].value() for n in management.fields})
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def live_guidance(*, median_time, count_queries, context):
    """The change form's live analysis, and a save with the page it opens."""
    client, posting = context["recruiter_client"], context["posting"]
    change = reverse("admin:hiring_jobposting_change", args=[posting.pk])
    data = _change_form_data(client.get(change))
    data["summary"] = "An aggressive engineer who ships ranking models. " * 20
    live_url = reverse("admin:hiring_live_analysis", args=[posting.pk])

    body = urlencode(data, doseq=True)  # as the change form's script sends it

    def live():
        response = client.post(live_url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 200, response.status_code
        return response

    t_live = median_time(live, 30)
    yield (
        f"live analysis round trip, 40 + 40 blocks: {t_live * 1000:.1f} ms "
        f"(target under 30 ms), {count_queries(live)} queries; ratio to the bare catalog "
        f"page {t_live / context['bare_catalog_seconds']:.1f}x"
    )

    def save():
        version = JobPosting.objects.filter(pk=posting.pk).values_list("version", flat=True)
        response = client.post(
            change, {**data, "expected_version": version.get(), "_continue": "1"}, follow=True
        )
        assert response.redirect_chain, response.context["adminform"].form.errors
        return response

    t_save = median_time(save, 10)
    from hiring.findings import selectors

    runs = []
    analyse = selectors.postings_analysis
    selectors.postings_analysis = lambda *a, **k: runs.append(1) or analyse(*a, **k)
    try:
        save()
    finally:
        selectors.postings_analysis = analyse
    yield (
        f"save and its redirect (save and continue editing), 40 + 40 blocks: "
        f"{t_save * 1000:.1f} ms (target under 400 ms), {count_queries(save)} queries, "
        f"analysis run {len(runs)} time(s); ratio to the bare catalog page "
        f"{t_save / context['bare_catalog_seconds']:.1f}x"
    )


def rules_engine(*, median_time, count_queries, context):
    from hiring import rules

    posting = context["posting"]

    def analyse():
        return posting_analysis(posting=posting)

    t_analysis = median_time(analyse, 30)
    share = 100 * t_analysis / context["change_form_seconds"]
    yield (
        f"posting analysis (selector + rules, 40 blocks): {t_analysis * 1000:.1f} ms, "
        f"{count_queries(analyse)} queries; {share:.1f}% of the admin change form's time "
        "(target: under 5%)"
    )
    catalog = rules_catalog(company=posting.company_id)
    loaded = postings_for_rules(JobPosting.objects.filter(pk=posting.pk)).get()
    snapshot = rules_posting(loaded, catalog)
    thresholds = rules_thresholds()
    runs = 300
    start = time.perf_counter()
    for _ in range(runs):
        rules.check_posting(snapshot, catalog, thresholds)
    per_second = runs / (time.perf_counter() - start)
    yield f"rules engine alone (catalog loaded once): {per_second:,.0f} postings per second"


SUITES = [
    catalog_comparison,
    admin_change_form,
    live_guidance,
    rules_engine,
    analyser_suite,
    exports_suite,
    api_suite,
    careers_suite,
]


def run_all(*, median_time, count_queries, only=()):
    """Every suite, or those whose name contains one of `only` (`python -m benchmarks api`)."""
    user_model = get_user_model()
    superuser = user_model.objects.create_superuser("bench", "bench@example.com", "pw")
    company = Company.objects.create(name="Bench Co", slug="bench-co")
    recruiter = member_add(
        company=company, username="bench-recruiter", password="pw", role=Membership.Role.RECRUITER
    )
    context = {"client": Client(), "recruiter_client": Client(), "company": company}
    context["client"].force_login(superuser)
    context["recruiter_client"].force_login(recruiter)
    context["recruiter"] = recruiter
    assert EmphasisLevel.HEAVY  # the catalog is loaded
    yield "rolekit benchmarks (median of repeated requests; ratios against a same-run baseline)"
    for suite in SUITES:
        if only and not any(word in suite.__name__ for word in only):
            continue
        yield from suite(median_time=median_time, count_queries=count_queries, context=context)
