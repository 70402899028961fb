"""The rules surfaced: selector, acknowledgements, publishing gate, admin, review, command."""

import io
import re
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from hiring import caching
from hiring.findings.display import finding_notes
from hiring.findings.selectors import posting_analysis, postings_analysis
from hiring.findings.services import finding_acknowledge
from hiring.models import JobPosting, PostingSkill
from hiring.postings.errors import PostingError
from hiring.postings.services import posting_clone, posting_create, posting_refresh_findings
from hiring.postings.workflow import posting_publish, posting_review, posting_submit
from hiring.tenancy.services import company_pay_statements_set
from roles.models import EmphasisLevel, Responsibility
from tests.factories import CompanyFactory, JobPostingFactory


@pytest.fixture
def mismatched(posting, skill):
    """An MLE posting asking for A/B testing as a heavy must-have."""
    PostingSkill.objects.create(
        posting=posting,
        skill=skill("ab-testing"),
        must_have=True,
        emphasis=EmphasisLevel.HEAVY,
        order=99,
    )
    posting_refresh_findings(posting=posting)
    return posting


def codes(analysis):
    return {row.finding.code for row in analysis.rows}


def open_error(posting):
    """Make the posting carry an open error: a must-have the rubric does not assess."""
    posting.rubric.criteria.first().delete()
    posting_refresh_findings(posting=posting)
    return next(
        r.finding for r in posting_analysis(posting=posting).rows if r.finding.code == "rules.E501"
    )


def test_it_flags_a_skill_far_above_the_declared_role(mismatched):
    analysis = posting_analysis(posting=mismatched)
    finding = next(r.finding for r in analysis.rows if r.finding.code == "rules.W103")
    assert finding.evidence["skill"] == "ab-testing"
    assert finding.subject.kind == "skill"


def test_it_finds_nothing_to_say_on_role_fit_for_a_prefilled_posting(posting):
    analysis = posting_analysis(posting=posting)
    assert not codes(analysis) & {"rules.W102", "rules.W103", "rules.W105", "rules.W401"}
    assert analysis.report.lean.best == "machine-learning-engineer"


def test_it_loads_a_posting_and_the_catalog_in_a_fixed_number_of_queries(
    posting, grow, django_assert_num_queries
):
    # posting (+company, role, level, people, live version); skills; responsibilities;
    # their catalog responsibilities' skills; the skills they name themselves; the
    # company's pay statements (the language rules read the one covering the posting's
    # places); rubric; criteria; acknowledgements ...
    posting_queries = 9
    # ... and, the first time, the catalog: skills, role families, emphases, levels, bands,
    # responsibilities with their skills and core families.
    catalog_queries = 8
    for size in (0, 30):
        grow(posting, size)
        caching._CATALOGS.clear()
        with django_assert_num_queries(posting_queries + catalog_queries):
            posting_analysis(posting=posting)
        with django_assert_num_queries(posting_queries):
            posting_analysis(posting=posting)


def test_it_rebuilds_the_rules_catalog_when_the_catalog_changes(mle, skill):
    before = caching.rules_catalog()
    assert caching.rules_catalog() is before
    emphasis = mle.emphases.get(skill=skill("ab-testing"))
    emphasis.level = EmphasisLevel.HEAVY
    emphasis.save()
    after = caching.rules_catalog()
    assert after is not before
    assert after.roles["machine-learning-engineer"].emphasis["ab-testing"] == 3


def test_it_rebuilds_the_rules_catalog_when_a_responsibility_changes(mle):
    before = caching.rules_catalog()
    duty = Responsibility.objects.get(slug="design-and-analyse-ab-tests")
    duty.core_for.add(mle)
    after = caching.rules_catalog()
    assert after is not before
    assert mle.slug in after.responsibilities["design-and-analyse-ab-tests"].core_for
    duty.text = "Design experiments"
    duty.save()
    assert caching.rules_catalog().responsibilities[duty.slug].text == "Design experiments"


def test_a_rolled_back_catalog_edit_leaves_no_stale_catalog_behind(skill):
    """A rollback tells no process: a catalog built from the edit must not be kept."""
    python = skill("python")
    name = python.name
    caching.rules_catalog()
    with pytest.raises(RuntimeError), transaction.atomic():
        python.name = "Rolled back"
        python.save()
        assert caching.rules_catalog().skills["python"].name == "Rolled back"
        raise RuntimeError

    assert caching.rules_catalog().skills["python"].name == name


def test_it_analyses_many_postings_in_the_same_number_of_queries(
    acme, mle, posting, django_assert_num_queries
):
    # 9 for the postings and their blocks (one for all their companies' pay statements),
    # 8 for the catalog (see above)
    caching._CATALOGS.clear()
    with django_assert_num_queries(17):
        postings_analysis(JobPosting.objects.filter(company=acme), company=acme)
    for _ in range(5):
        posting_clone(posting=posting)
    caching._CATALOGS.clear()
    with django_assert_num_queries(17):
        assert len(postings_analysis(JobPosting.objects.all(), company=acme)) == 6


class TestAcknowledge:
    def test_it_keeps_an_acknowledged_finding_listed(self, mismatched, recruiter):
        finding = next(
            r.finding
            for r in posting_analysis(posting=mismatched).rows
            if r.finding.code == "rules.W103"
        )
        finding_acknowledge(
            posting=mismatched,
            fingerprint=finding.fingerprint,
            reason="The team owns growth experiments.",
            by=recruiter,
        )
        row = next(
            r
            for r in posting_analysis(posting=mismatched).rows
            if r.finding.fingerprint == finding.fingerprint
        )
        assert not row.is_open
        assert row.acknowledgement.reason == "The team owns growth experiments."
        mismatched.refresh_from_db()
        assert (
            mismatched.open_warnings
            == posting_analysis(posting=mismatched).open_counts()["warning"]
        )

    def test_it_reopens_a_finding_when_its_evidence_changes(self, posting, recruiter):
        finding = open_error(posting)  # E501; its evidence lists the rubric's stages
        finding_acknowledge(
            posting=posting, fingerprint=finding.fingerprint, reason="Screened.", by=recruiter
        )
        assert JobPosting.objects.get(pk=posting.pk).open_errors == 0
        posting.rubric.criteria.update(stage="case_study")
        posting_refresh_findings(posting=posting)
        row = next(
            r for r in posting_analysis(posting=posting).rows if r.finding.code == "rules.E501"
        )
        assert row.is_open
        assert row.reopened_from.reason == "Screened."
        assert JobPosting.objects.get(pk=posting.pk).open_errors == 1

    @pytest.mark.parametrize(
        ("fingerprint", "reason", "message"),
        [("nope", "fine", "no longer reported"), (None, "  ", "reason is required")],
    )
    def test_it_refuses_a_bad_acknowledgement(
        self, mismatched, recruiter, fingerprint, reason, message
    ):
        real = posting_analysis(posting=mismatched).rows[0].finding.fingerprint
        with pytest.raises(PostingError, match=message):
            finding_acknowledge(
                posting=mismatched, fingerprint=fingerprint or real, reason=reason, by=recruiter
            )

    def test_it_lets_only_recruiters_acknowledge(self, mismatched, hiring_manager):
        real = posting_analysis(posting=mismatched).rows[0].finding.fingerprint
        with pytest.raises(PostingError, match="Only a recruiter"):
            finding_acknowledge(posting=mismatched, fingerprint=real, reason="x", by=hiring_manager)


class TestPublishingGate:
    def approve(self, posting, recruiter, hiring_manager):
        posting_submit(posting=posting, by=recruiter)
        posting_review(posting=posting, by=hiring_manager, decision="approve")

    def test_it_refuses_to_publish_with_open_errors_and_lists_them(
        self, posting, recruiter, hiring_manager
    ):
        finding = open_error(posting)
        self.approve(posting, recruiter, hiring_manager)
        with pytest.raises(PostingError, match=r"rules\.E501") as excinfo:
            posting_publish(posting=posting, by=recruiter)
        assert "1 open error" in str(excinfo.value)
        assert finding.message in str(excinfo.value)
        posting.refresh_from_db()
        assert posting.status == JobPosting.Status.APPROVED

    def test_it_publishes_once_the_error_is_acknowledged(self, posting, recruiter, hiring_manager):
        finding = open_error(posting)
        finding_acknowledge(
            posting=posting,
            fingerprint=finding.fingerprint,
            reason="Assessed in the screen.",
            by=recruiter,
        )
        self.approve(posting, recruiter, hiring_manager)
        assert posting_publish(posting=posting, by=recruiter).number == 1


class TestAdmin:
    def test_it_shows_findings_and_the_lean_chart_on_the_change_form(
        self, client, recruiter, mismatched
    ):
        client.force_login(recruiter)
        response = client.get(reverse("admin:hiring_jobposting_change", args=[mismatched.pk]))
        content = response.content.decode()
        assert 'id="findings"' in content and "rules.W103" in content
        assert "<svg" in content and "Machine Learning Engineer" in content
        assert "Reads " in content

    def test_it_acknowledges_from_the_change_form(self, client, recruiter, mismatched):
        client.force_login(recruiter)
        finding = posting_analysis(posting=mismatched).rows[0].finding
        url = reverse("admin:hiring_acknowledge", args=[mismatched.pk])
        response = client.post(url, {"fingerprint": finding.fingerprint, "reason": "Agreed."})
        assert response.status_code == 302
        # Back to the finding itself, where the acknowledgement now shows beside the button.
        assert response.url.endswith(f"#finding-{finding.fingerprint}")
        assert mismatched.acknowledgements.get().reason == "Agreed."
        page = client.get(response.url.split("#")[0]).content.decode()
        row = page.split(f'id="finding-{finding.fingerprint}"')[1].split('<div class="finding ')[0]
        assert "Acknowledged by" in row and "Agreed." in row

    def test_it_reports_a_missing_reason_without_losing_anything(
        self, client, recruiter, mismatched
    ):
        client.force_login(recruiter)
        finding = posting_analysis(posting=mismatched).rows[0].finding
        url = reverse("admin:hiring_acknowledge", args=[mismatched.pk])
        response = client.post(url, {"fingerprint": finding.fingerprint, "reason": ""})
        assert response.url.endswith(f"#finding-{finding.fingerprint}")
        page = client.get(response.url.split("#")[0]).content.decode()
        row = page.split(f'id="finding-{finding.fingerprint}"')[1].split('<div class="finding ')[0]
        assert "reason is required" in row
        assert not mismatched.acknowledgements.exists()

    def test_it_speaks_plainly_and_shows_no_rule_code(self, client, recruiter, mismatched):
        client.force_login(recruiter)
        response = client.get(reverse("admin:hiring_jobposting_change", args=[mismatched.pk]))
        findings = response.content.decode().split('id="findings"')[1].split("</section>")[0]
        rows = findings.split('<div class="finding ')[1:]
        assert rows
        for row in rows:
            code = re.search(r'data-code="(rules\.[A-Z]\d+)"', row).group(1)
            shown = re.sub(r'data-code="[^"]*"', "", row)  # kept for support, not shown
            assert code not in shown and "Rule " not in shown, row
            assert "ab-testing" not in shown and "levels_above" not in shown
            if 'class="finding info' in '<div class="finding ' + row:
                assert "Acknowledge" not in row

    def test_it_counts_findings_in_the_changelist_and_filters_on_errors(
        self, client, recruiter, posting, acme, mle
    ):
        open_error(posting)
        clean = posting_create(company=acme, title="Clean", role_family=mle)
        client.force_login(recruiter)
        url = reverse("admin:hiring_jobposting_changelist")
        response = client.get(url, {"has_errors": "yes"})
        listed = list(response.context["cl"].result_list)
        assert posting in listed and clean not in listed
        assert "Open findings" in response.content.decode()
        listed = list(client.get(url, {"has_errors": "no"}).context["cl"].result_list)
        assert clean in listed and posting not in listed

    def test_it_updates_the_counts_when_the_change_form_is_saved(self, client, recruiter, posting):
        from tests.hiring.postings.test_admin import form_data

        before = JobPosting.objects.get(pk=posting.pk).open_warnings
        client.force_login(recruiter)
        url = reverse("admin:hiring_jobposting_change", args=[posting.pk])
        data = form_data(client.get(url))
        data["years_min"], data["years_max"] = "12", "15"  # far beyond a mid-level ladder step
        assert client.post(url, data).status_code == 302
        assert JobPosting.objects.get(pk=posting.pk).open_warnings == before + 1

    def test_it_refuses_an_inverted_salary_on_the_form(self, client, recruiter, posting):
        from tests.hiring.postings.test_admin import form_data

        client.force_login(recruiter)
        url = reverse("admin:hiring_jobposting_change", args=[posting.pk])
        data = form_data(client.get(url))
        data["salary_min"], data["salary_max"] = "200000", "100000"
        response = client.post(url, data)
        assert response.status_code == 200
        assert "minimum salary is above the maximum" in response.content.decode()

    def test_it_analyses_pasted_text(self, client, recruiter):
        client.force_login(recruiter)
        url = reverse("admin:hiring_analyse")
        response = client.post(
            url,
            {
                "title": "Machine Learning Engineer",
                "text": "Must have: design A/B tests and controlled experiments; k8s; "
                "a rockstar who thrives under pressure.",
            },
        )
        content = response.content.decode()
        assert response.status_code == 200
        found = re.search(r'<ul class="matches">(.*?)</ul>', content, re.S).group(1)
        assert "A/B testing" in found and "Docker &amp; Kubernetes" in found
        assert "ab-testing" not in found and "docker-kubernetes" not in found  # names, not slugs
        assert "×2" in found  # "A/B tests" and "controlled experiments": one skill, twice
        assert "Read as: Machine Learning Engineer" in content
        assert "rockstar" in content

    def test_it_explains_an_empty_paste(self, client, recruiter):
        client.force_login(recruiter)
        response = client.post(reverse("admin:hiring_analyse"), {"title": "", "text": ""})
        assert response.status_code == 400
        assert "This field is required" in response.content.decode()


def test_it_shows_findings_on_the_review_page(client, hiring_manager, mismatched, recruiter):
    posting_submit(posting=mismatched, by=recruiter)
    client.force_login(hiring_manager)
    content = client.get(reverse("review:posting", args=[mismatched.pk])).content.decode()
    assert "rules.W103" in content and "<svg" in content


class TestCommand:
    TEXT = "Data Scientist\nMust have: SQL, A/B testing, statistics. 10 years of FastAPI."

    def test_it_reads_a_file(self, db, tmp_path, capsys):
        path = tmp_path / "job.txt"
        path.write_text(self.TEXT)
        call_command("analyse_text", str(path), "--title", "Data Scientist")
        out = capsys.readouterr().out
        assert "ab-testing" in out and "rules.E403" in out

    def test_it_reads_stdin_and_prints_json(self, db, monkeypatch, capsys):
        import json

        monkeypatch.setattr(sys, "stdin", io.StringIO(self.TEXT))
        call_command("analyse_text", "-", "--title", "Data Scientist", "--format", "json")
        payload = json.loads(capsys.readouterr().out)
        assert {m["skill"] for m in payload["matched"]} >= {"sql", "ab-testing", "statistics"}
        assert any(f["code"] == "rules.E403" for f in payload["findings"])

    def test_it_fails_on_errors_when_asked(self, db, tmp_path):
        path = tmp_path / "job.txt"
        path.write_text(self.TEXT)
        with pytest.raises(SystemExit) as excinfo:
            call_command("analyse_text", str(path), "--title", "DS", "--fail-on", "error")
        assert excinfo.value.code == 1

    @pytest.mark.parametrize(
        ("content", "message"),
        [(None, "Cannot read"), ("   ", "empty"), (b"\xff\xfe\x00bad", "not UTF-8")],
    )
    def test_it_explains_bad_input(self, db, tmp_path, content, message):
        path = tmp_path / "job.txt"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content)
        with pytest.raises(CommandError, match=message):
            call_command("analyse_text", str(path), "--title", "DS")


class TestCompanyTexts:
    """The language rules read the company's texts as each posting shows them."""

    def words(self, posting):
        return {
            row.finding.subject.label: row.finding
            for row in posting_analysis(posting=posting).rows
            if row.finding.subject.kind == "text"
        }

    def test_a_coded_word_in_the_companys_about_text_is_found_on_its_posting(self, acme, posting):
        acme.about = "We hire people who dominate their market."
        acme.save()
        finding = self.words(posting)["dominate"]
        [position] = finding.evidence["positions"]
        assert position["field"] == "about_company"
        assert position["company"] is True
        assert "change it once on the company's page" in finding_notes(finding).where

    def test_a_postings_own_about_text_without_the_word_clears_it(self, acme, posting):
        acme.about = "We hire people who dominate their market."
        acme.save()
        posting.about_company = "The platform team of Acme builds the model registry."
        posting.save()
        assert "dominate" not in self.words(posting)

    def test_a_postings_own_about_text_with_the_word_is_fixed_on_the_posting(self, acme, posting):
        posting.about_company = "We hire people who dominate their market."
        posting.save()
        [position] = self.words(posting)["dominate"].evidence["positions"]
        assert "company" not in position

    def test_it_reads_the_pay_statement_for_the_law_covering_the_posting(self, acme, posting):
        company_pay_statements_set(
            company=acme, statements={"Colorado": "Our rockstar range is the base salary."}
        )
        JobPosting.objects.filter(pk=posting.pk).update(locations="Denver, CO, US")
        [position] = self.words(posting)["rockstar"].evidence["positions"]
        assert position["field"] == "pay_statement"
        JobPosting.objects.filter(pk=posting.pk).update(locations="Austin, TX, US")
        assert "rockstar" not in self.words(posting)

    def test_it_reads_every_companys_pay_statements_in_one_query(
        self, acme, posting, django_assert_num_queries
    ):
        # 9 for the postings and their blocks, the pay statements of all their companies
        # among them (see above), 8 for the catalog (a new posting's role family is new).
        def company_posting(name):
            company = CompanyFactory(name=name)
            company_pay_statements_set(company=company, statements={"Colorado": "A rockstar."})
            JobPostingFactory(company=company, title="Data Ninja", locations="Denver, CO, US")

        company_posting("Initech")
        caching._CATALOGS.clear()
        with django_assert_num_queries(17):
            analyses = postings_analysis(JobPosting.objects.all())
        assert len(analyses) == 2
        for name in ("Hooli", "Umbrella", "Vandelay"):
            company_posting(name)
        caching._CATALOGS.clear()
        with django_assert_num_queries(17):
            analyses = postings_analysis(JobPosting.objects.all())
        assert sum("rockstar" in {r.finding.subject.label for r in a.rows} for a in analyses) == 4
