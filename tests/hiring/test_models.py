from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hiring.models import (
    Criterion,
    JobPosting,
    PostingResponsibility,
    Review,
    ReviewComment,
    Rubric,
)
from hiring.models.posting import CURRENCY_NOT_ISO_4217


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_it_refuses_a_salary_minimum_above_the_maximum_in_the_database(posting):
    refused(lambda: JobPosting.objects.filter(pk=posting.pk).update(salary_min=9, salary_max=1))


def test_it_explains_the_salary_constraint_on_validation(posting):
    posting.salary_min, posting.salary_max = Decimal(200), Decimal(100)
    with pytest.raises(ValidationError, match="minimum salary is above the maximum"):
        posting.full_clean()


@pytest.mark.parametrize("code", ["U<>", "ZZZ", "dollars", "usd", "Eur"])
def test_it_refuses_a_salary_currency_that_is_not_an_iso_4217_code(posting, code):
    posting.salary_currency = code
    with pytest.raises(ValidationError) as excinfo:
        posting.full_clean()
    assert CURRENCY_NOT_ISO_4217 in excinfo.value.message_dict["salary_currency"]


@pytest.mark.parametrize("code", ["EUR", "INR", "GBP", "CHF"])
def test_it_takes_an_iso_4217_currency_code(posting, code):
    posting.salary_currency = code
    posting.full_clean()


def test_it_refuses_inverted_years(posting):
    refused(lambda: JobPosting.objects.filter(pk=posting.pk).update(years_min=9, years_max=1))


def test_it_refuses_a_negative_weight(posting):
    criterion = posting.rubric.criteria.first()
    refused(lambda: Criterion.objects.filter(pk=criterion.pk).update(weight=-1))


def test_it_keeps_one_rubric_per_posting(posting):
    refused(lambda: Rubric.objects.create(posting=posting))


def test_it_keeps_orders_unique_within_a_posting(posting):
    first = posting.skills.first()
    refused(lambda: posting.skills.create(skill=first.skill, order=first.order + 500))
    other = posting.skills.exclude(pk=first.pk).first()
    refused(lambda: posting.skills.filter(pk=other.pk).update(order=first.order))


def test_it_needs_a_catalog_responsibility_or_custom_text(posting):
    refused(lambda: PostingResponsibility.objects.create(posting=posting, order=999))


def test_it_needs_the_text_of_a_comment_on_a_section(posting, hiring_manager):
    # A request for changes needs a comment, overall or on a section: the service checks
    # that (tests/hiring/review/test_review_loop.py); the table keeps comments non-empty.
    review = Review.objects.create(
        posting=posting, reviewer=hiring_manager, decision="request_changes", posting_version=1
    )
    refused(lambda: ReviewComment.objects.create(review=review, section="pay", text=""))


def test_it_needs_a_skill_or_a_title_on_a_criterion(posting):
    refused(lambda: Criterion.objects.create(rubric=posting.rubric, order=999))
