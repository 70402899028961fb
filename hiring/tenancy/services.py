"""Writes of companies' people and of the texts their postings use."""

from django.contrib.auth import get_user_model
from django.db import transaction

from ..models import Company, CompanyPayStatement, Membership


def member_add(
    *,
    company: Company,
    username: str,
    password: str,
    role: str,
    email: str = "",
    company_admin: bool = False,
    **names,
):
    """Create or update a user of `company`; recruiters get into the admin, managers do not.
    A company admin is a recruiter who also manages the company's integrations."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username)
    user.email = email
    user.first_name = names.get("first_name", user.first_name)
    user.last_name = names.get("last_name", user.last_name)
    user.is_staff = role == Membership.Role.RECRUITER
    user.set_password(password)
    user.full_clean()
    user.save()
    membership, _ = Membership.objects.update_or_create(
        user=user,
        defaults={
            "company": company,
            "role": role,
            "is_company_admin": company_admin and role == Membership.Role.RECRUITER,
        },
    )
    membership.full_clean()
    return user


@transaction.atomic
def company_pay_statements_set(*, company: Company, statements: dict[str, str]) -> None:
    """Make `statements` (jurisdiction -> text) the company's pay-transparency statements:
    each is checked like the admin's inline checks it; those not named are deleted."""
    CompanyPayStatement.objects.filter(company=company).exclude(
        jurisdiction__in=list(statements)
    ).delete()
    for jurisdiction, text in statements.items():
        row = CompanyPayStatement.objects.filter(
            company=company, jurisdiction=jurisdiction
        ).first() or CompanyPayStatement(company=company, jurisdiction=jurisdiction)
        row.text = text
        row.full_clean()
        row.save()
