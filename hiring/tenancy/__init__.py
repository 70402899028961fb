"""Who belongs to which company: the one place every scoped query asks."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet

from ..models import Company, Membership


def person_name(user) -> str:
    """A person as every page and export names them: full name, else the login; blank
    for nobody (a deleted user)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def membership_of(user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except ObjectDoesNotExist:
        return None


def company_of(user) -> Company | None:
    membership = membership_of(user)
    return membership.company if membership else None


def is_recruiter(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role == Membership.Role.RECRUITER


def is_hiring_manager(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role == Membership.Role.HIRING_MANAGER


def is_company_admin(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.is_company_admin


def sees_everything(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


def acts_for_company(user) -> bool:
    """An API key's service user: it acts for its whole company rather than as one person.
    Its membership lives only in memory (see `api_key_authenticate`), never in the table."""
    membership = membership_of(user)
    return membership is not None and membership.pk is None


def members_of(company: Company) -> QuerySet:
    """The people of `company`, by name: the only ones who may interview for its postings."""
    return (
        get_user_model()
        .objects.filter(membership__company=company)
        .order_by("first_name", "last_name", "username")
    )


def is_member(user, company: Company) -> bool:
    return Membership.objects.filter(user=user, company=company).exists()
