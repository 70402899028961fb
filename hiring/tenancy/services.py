"""Writes of companies' people."""

from django.contrib.auth import get_user_model

from ..models import Company, Membership


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
