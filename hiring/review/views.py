"""The hiring manager's pages: plain templates, no admin.

Hiring managers read postings of their own company and decide on those the one rule
(`postings_to_decide`) gives them; recruiters of the company may read them too.
Anyone else gets a 404 for another company's posting.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from hiring.findings import charts
from hiring.findings.selectors import posting_analysis
from hiring.postings.errors import PostingError, StaleVersionError
from hiring.postings.selectors import (
    notes_of,
    posting_may_decide,
    postings_to_decide,
    postings_with_blocks,
    reviews_of,
    rubric_of,
)
from hiring.postings.versions import posting_changes_since_review
from hiring.postings.workflow import posting_review
from hiring.review.forms import ReviewForm, section_blocks
from hiring.rubrics.selectors import (
    rubric_interviewer,
    rubric_interviewers,
    rubric_stage_staff,
    with_interviewers,
)

from ..exports import ExportError, export, export_kit, file_response
from ..models import JobPosting
from ..tenancy import company_of, sees_everything

NOT_A_MEMBER = "You are not a member of any company in rolekit; ask an administrator."
NOT_AN_INTERVIEWER = "This person runs none of the rubric's stages."
NOT_YOUR_DECISION = "This posting is not in review, or another hiring manager decides on it."
CHANGED_WHILE_READING = (
    "The recruiter changed this posting while you were reading it. Read the new version "
    "below, then decide again."
)


def _company_postings(user):
    if sees_everything(user):
        return JobPosting.objects.all()
    company = company_of(user)
    if company is None:
        raise PermissionDenied(NOT_A_MEMBER)
    return JobPosting.objects.filter(company=company)


@login_required
def queue(request):
    postings = _company_postings(request.user).select_related("role_family", "level", "recruiter")
    awaiting = postings_to_decide(user=request.user).select_related(
        "role_family", "level", "recruiter"
    )
    recent = postings.filter(reviews__reviewer=request.user).distinct().order_by("-updated_at")
    return render(
        request,
        "review/queue.html",
        {"awaiting": awaiting.order_by("updated_at"), "recent": recent[:20]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def posting_detail(request, pk):
    postings = with_interviewers(postings_with_blocks(_company_postings(request.user)))
    posting = get_object_or_404(postings, pk=pk)
    can_review = posting_may_decide(posting=posting, user=request.user)
    rubric = rubric_of(posting)
    blocks = section_blocks(posting, rubric)
    form = ReviewForm(initial={"expected_version": posting.version}, blocks=blocks)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied(NOT_YOUR_DECISION)
        form = ReviewForm(request.POST, blocks=blocks)
        if form.is_valid():
            try:
                posting_review(
                    posting=posting,
                    by=request.user,
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                    comments=form.section_comments(),
                    expected_version=form.cleaned_data["expected_version"],
                )
            except StaleVersionError:
                form.add_error(None, CHANGED_WHILE_READING)
            except PostingError as exc:
                form.add_error("comment" if "comment" in str(exc) else None, str(exc))
            else:
                messages.success(request, f"Your decision on “{posting.title}” is recorded.")
                return redirect("review:queue")
    analysis = posting_analysis(posting=posting)
    return render(
        request,
        "review/posting.html",
        {
            "posting": posting,
            "analysis": analysis,
            "chart": charts.lean_chart(analysis.report.lean, analysis.catalog),
            "rubric": rubric,
            "stage_staff": rubric_stage_staff(rubric=rubric),
            "interviewers": rubric_interviewers(rubric=rubric),
            "since": posting_changes_since_review(posting=posting, user=request.user),
            "reviews": reviews_of(posting),
            "notes": notes_of(posting),
            "form": form,
            "can_review": can_review,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def posting_packet(request, pk):
    """The sign-off packet: posting, rubric, findings and lean chart in one PDF."""
    posting = get_object_or_404(_company_postings(request.user), pk=pk)
    try:
        exported = export(posting, "packet", draft=True)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("review:posting", pk=posting.pk)
    return file_response(exported)


@login_required
def posting_kit(request, pk, user_id=None):
    """The interview kit, whole or for one interviewer (only their stages); someone who
    interviews for none of the rubric's stages is a 404, as is another company's posting."""
    posting = get_object_or_404(_company_postings(request.user), pk=pk)
    interviewer = None
    if user_id is not None:
        interviewer = rubric_interviewer(rubric=rubric_of(posting), user_id=user_id)
        if interviewer is None:
            raise Http404(NOT_AN_INTERVIEWER)
    try:
        exported = export_kit(posting, interviewer=interviewer)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("review:posting", pk=posting.pk)
    return file_response(exported)
