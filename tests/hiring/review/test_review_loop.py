"""The review loop: a posting sent back is a state of its own, comments sit on sections,
and the manager sees what changed since their last decision."""

from decimal import Decimal

import pytest
from django.urls import reverse

from hiring.findings.selectors import posting_analysis
from hiring.findings.services import finding_acknowledge
from hiring.models import JobPosting, Review, ReviewComment
from hiring.postings.selectors import changes_requested_of, postings_with_changes_requested
from hiring.postings.services import PostingError, posting_save
from hiring.postings.versions import describe_changes, posting_changes_since_review
from hiring.postings.workflow import (
    NEEDS_COMMENT,
    posting_archive,
    posting_publish,
    posting_review,
    posting_submit,
)

Status = JobPosting.Status


@pytest.fixture
def sent_back(posting, recruiter, hiring_manager):
    posting_submit(posting=posting, by=recruiter)
    posting_review(
        posting=posting,
        by=hiring_manager,
        decision="request_changes",
        comment="Nearly there.",
        comments=[
            {"section": "pay", "text": "Show the top of the band."},
            {"section": "requirements", "block": "Python", "text": "Say how much Python."},
        ],
    )
    return posting


def page(posting):
    return reverse("review:posting", args=[posting.pk])


def change_form(posting):
    return reverse("admin:hiring_jobposting_change", args=[posting.pk])


class TestChangesRequested:
    def test_it_is_a_state_of_its_own_that_the_recruiter_edits_and_resubmits(
        self, sent_back, recruiter
    ):
        assert sent_back.status == Status.CHANGES_REQUESTED and sent_back.is_editable
        sent_back.salary_max = Decimal("150000")
        posting_save(posting=sent_back, expected_version=sent_back.version, by=recruiter)
        posting_submit(posting=sent_back, by=recruiter)
        assert JobPosting.objects.get(pk=sent_back.pk).status == Status.IN_REVIEW

    @pytest.mark.parametrize(
        ("action", "allowed"),
        [("approve", False), ("publish", False), ("archive", True)],
    )
    def test_it_allows_only_the_steps_of_a_draft(
        self, sent_back, recruiter, hiring_manager, action, allowed
    ):
        def take():
            if action == "approve":
                posting_review(posting=sent_back, by=hiring_manager, decision="approve")
            elif action == "publish":
                posting_publish(posting=sent_back, by=recruiter)
            else:
                posting_archive(posting=sent_back, by=recruiter)

        if allowed:
            take()
        else:
            with pytest.raises(PostingError, match="changes requested cannot be"):
                take()

    def test_it_keeps_the_comments_on_sections_and_the_snapshot(self, sent_back):
        review = Review.objects.get()
        assert review.snapshot["title"] == sent_back.title
        assert [(c.section, c.block, c.text) for c in review.section_comments.all()] == [
            ("pay", "", "Show the top of the band."),
            ("requirements", "Python", "Say how much Python."),
        ]
        assert changes_requested_of(sent_back) == review

    def test_it_accepts_a_comment_on_a_section_alone(self, posting, recruiter, hiring_manager):
        posting_submit(posting=posting, by=recruiter)
        review = posting_review(
            posting=posting,
            by=hiring_manager,
            decision="request_changes",
            comments=[{"section": "summary", "text": "Shorter."}],
        )
        assert review.comment == "" and review.section_comments.get().text == "Shorter."

    @pytest.mark.parametrize(
        ("comments", "message"),
        [
            ([], NEEDS_COMMENT),
            ([{"section": "pay", "text": "  "}], NEEDS_COMMENT),
            ([{"section": "benefits", "text": "More."}], "no section 'benefits'"),
        ],
    )
    def test_it_refuses_a_request_without_a_comment_or_on_an_unknown_section(
        self, posting, recruiter, hiring_manager, comments, message
    ):
        posting_submit(posting=posting, by=recruiter)
        with pytest.raises(PostingError, match=message.split(":")[0]):
            posting_review(
                posting=posting, by=hiring_manager, decision="request_changes", comments=comments
            )
        assert not Review.objects.exists() and not ReviewComment.objects.exists()

    def test_it_lists_the_postings_sent_back_to_their_company_only(
        self, sent_back, recruiter, outsider, superuser
    ):
        assert list(postings_with_changes_requested(user=recruiter)) == [sent_back]
        assert list(postings_with_changes_requested(user=superuser)) == [sent_back]
        assert not postings_with_changes_requested(user=outsider).exists()


SNAPSHOT = {
    "title": "ML Engineer",
    "salary_min": "90000.00",
    "salary_max": "110000.00",
    "salary_currency": "USD",
    "salary_period": "YEAR",
    "years_min": 3,
    "years_max": None,
    "summary": "Build models.",
    "skills": [
        {"skill": "python", "name": "Python", "must_have": False, "emphasis": "Heavy"},
        {"skill": "ab", "name": "A/B testing", "must_have": True, "emphasis": "Light"},
    ],
    "responsibilities": [{"responsibility": None, "text": "Run experiments"}],
    "rubric": [{"title": "Statistics", "skill": "stats", "stage": "screen", "weight": "1.00"}],
    "interviewers": [{"stage": "technical", "name": "Hugo Manager"}],
}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({}, []),
        (
            {"salary_min": "95000.00", "salary_max": "115000.00"},
            ["Pay: 90,000–110,000 USD per year → 95,000–115,000 USD per year"],
        ),
        ({"years_min": 5}, ["Experience: 3+ years → 5+ years"]),
        ({"title": "Senior ML Engineer"}, ["Title: ML Engineer → Senior ML Engineer"]),
        ({"summary": "Build and ship models."}, ["Summary rewritten"]),
        (
            {
                "skills": [
                    {"skill": "python", "name": "Python", "must_have": True, "emphasis": "Heavy"},
                    {"skill": "k8s", "name": "Kubernetes", "must_have": True, "emphasis": "High"},
                ]
            },
            [
                "Python: nice-to-have → must-have",
                "Added must-have: Kubernetes",
                "Removed must-have: A/B testing",
            ],
        ),
        (
            {"responsibilities": [{"responsibility": None, "text": "Ship models"}]},
            ["Added responsibility: Ship models", "Removed responsibility: Run experiments"],
        ),
        (
            {"rubric": [{"title": "Statistics", "skill": "s", "stage": "screen", "weight": "3"}]},
            ["Rubric: criterion Statistics now weighs 3"],
        ),
        ({"rubric": []}, ["Rubric: removed criterion Statistics"]),
        (
            {
                "interviewers": [
                    {"stage": "technical", "name": "Hugo Manager"},
                    {"stage": "case_study", "name": "Ada Admin"},
                ]
            },
            ["Interviewers: Ada Admin now runs the case study stage"],
        ),
        (
            {"interviewers": []},
            ["Interviewers: Hugo Manager no longer runs the technical stage"],
        ),
    ],
)
def test_it_describes_what_changed_in_plain_words(edit, expected):
    assert describe_changes(SNAPSHOT, {**SNAPSHOT, **edit}) == expected


def test_a_snapshot_kept_before_interviewers_shows_no_change_of_them():
    older = {key: value for key, value in SNAPSHOT.items() if key != "interviewers"}
    assert describe_changes(older, SNAPSHOT) == []


class TestReviewPage:
    def test_it_opens_with_what_changed_since_the_managers_decision(
        self, client, sent_back, recruiter, hiring_manager
    ):
        sent_back.salary_min, sent_back.salary_max = Decimal("95000"), Decimal("115000")
        posting_save(posting=sent_back, expected_version=sent_back.version, by=recruiter)
        # Built weights follow emphasis (heavy must-haves weigh 3): 5 is a change either way.
        sent_back.rubric.criteria.filter(pk=sent_back.rubric.criteria.first().pk).update(weight=5)
        posting_submit(posting=sent_back, by=recruiter)
        since = posting_changes_since_review(posting=sent_back, user=hiring_manager)
        assert since.review == Review.objects.get()
        assert any(line.startswith("Pay: ") for line in since.changes)
        assert any(line.endswith("now weighs 5") for line in since.changes)

        client.force_login(hiring_manager)
        content = client.get(page(sent_back)).content.decode()
        assert "What changed since your last decision" in content
        assert content.index('id="since"') < content.index('id="posting"')
        assert "95,000–115,000" in content and "now weighs 5" in content
        assert "Say how much Python." in content  # the history shows the section comments

    def test_it_says_when_the_recruiter_has_not_resubmitted_yet(
        self, client, sent_back, recruiter, hiring_manager
    ):
        recruiter.first_name, recruiter.last_name = "Rita", "Recruiter"
        recruiter.save()
        client.force_login(hiring_manager)
        content = client.get(page(sent_back)).content.decode()
        assert "Nothing has changed yet: Rita Recruiter has not resubmitted it." in content

    def test_it_shows_no_changes_box_before_any_decision(
        self, client, posting, recruiter, hiring_manager
    ):
        posting_submit(posting=posting, by=recruiter)
        client.force_login(hiring_manager)
        assert 'id="since"' not in client.get(page(posting)).content.decode()

    def test_it_records_comments_on_sections_from_the_form(
        self, client, posting, recruiter, hiring_manager
    ):
        posting_submit(posting=posting, by=recruiter)
        skill = posting.skills.select_related("skill").first().skill.name
        client.force_login(hiring_manager)
        response = client.post(
            page(posting),
            {
                "decision": "request_changes",
                "comment": "",
                "requirements_comment": "Heavier, please.",
                "requirements_block": skill,
                "pay_comment": "",
                "expected_version": posting.version,
            },
        )
        assert response.status_code == 302
        comment = ReviewComment.objects.get()
        assert (comment.section, comment.block, comment.text) == (
            "requirements",
            skill,
            "Heavier, please.",
        )
        assert JobPosting.objects.get(pk=posting.pk).status == Status.CHANGES_REQUESTED

    def test_it_refuses_a_block_the_posting_does_not_have(
        self, client, posting, recruiter, hiring_manager
    ):
        posting_submit(posting=posting, by=recruiter)
        client.force_login(hiring_manager)
        response = client.post(
            page(posting),
            {
                "decision": "request_changes",
                "requirements_comment": "Heavier.",
                "requirements_block": "Cobol",
                "expected_version": posting.version,
            },
        )
        assert response.status_code == 400 and not Review.objects.exists()


class TestRecruiterSees:
    def test_it_shows_the_state_and_the_comments_beside_their_sections(
        self, client, sent_back, recruiter
    ):
        client.force_login(recruiter)
        content = client.get(change_form(sent_back)).content.decode()
        assert 'id="changes-requested"' in content and "Nearly there." in content
        assert 'class="status-badge changes_requested"' in content
        assert "Resubmit for review" in content
        skills = content.index('id="skills-group"')
        pay = content.index("Pay and experience</h2>")
        above_pay = content[content.rindex("</fieldset>", 0, pay) : pay]
        assert "changes to the pay below" in above_pay and "Show the top of the band." in above_pay
        before_skills = content[content.rindex("</fieldset>", 0, skills) : skills]
        assert "Say how much Python." in before_skills

    def test_it_lists_and_filters_the_postings_sent_back(self, client, sent_back, recruiter):
        client.force_login(recruiter)
        url = reverse("admin:hiring_jobposting_changelist")
        content = client.get(url, {"status__exact": "changes_requested"}).content.decode()
        assert change_form(sent_back) in content
        assert '<span class="status-badge changes_requested">Changes requested</span>' in content
        drafts = client.get(url, {"status__exact": "draft"}).content.decode()
        assert change_form(sent_back) not in drafts


def test_it_counts_acknowledged_findings_apart_in_the_headers(
    client, posting, recruiter, hiring_manager, skill
):
    # A/B testing as a heavy must-have of an MLE posting: a warning to acknowledge.
    posting.skills.create(skill=skill("ab-testing"), must_have=True, emphasis=3, order=99)
    row = next(r for r in posting_analysis(posting=posting).rows if r.finding.code == "rules.W103")
    finding_acknowledge(
        posting=posting, fingerprint=row.finding.fingerprint, reason="Fine here.", by=recruiter
    )
    analysis = posting_analysis(posting=posting)
    severity = row.finding.severity.value
    opened = analysis.open_counts()[severity]
    expected = f"{opened} open {severity}{'' if opened == 1 else 's'}, 1 acknowledged"
    posting_submit(posting=posting, by=recruiter)
    client.force_login(hiring_manager)
    review = client.get(page(posting)).content.decode()
    assert review.count(expected) == 2  # the page's header and the findings' header
    client.force_login(recruiter)
    assert expected in client.get(change_form(posting)).content.decode()
