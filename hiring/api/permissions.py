"""Tiny permission classes: company, scope, role. Object scoping is in the querysets."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from .principals import principal_of

NO_COMPANY = "Your account belongs to no company; ask an admin for a membership or an API key."
READ_ONLY_KEY = "This API key is read-only; use a key with the write scope."
RECRUITERS_ONLY = "Only recruiter keys and recruiters may change postings."
HIRING_MANAGERS_ONLY = "Only hiring-manager keys and hiring managers may approve rubrics."


class HasCompany(BasePermission):
    message = NO_COMPANY

    def has_permission(self, request, view):
        return principal_of(request) is not None


class WriteScope(BasePermission):
    message = READ_ONLY_KEY

    def has_permission(self, request, view):
        principal = principal_of(request)
        return request.method in SAFE_METHODS or (principal is not None and principal.can_write)


class RecruiterWrites(BasePermission):
    message = RECRUITERS_ONLY

    def has_permission(self, request, view):
        principal = principal_of(request)
        return request.method in SAFE_METHODS or (principal is not None and principal.is_recruiter)


class HiringManagerOnly(BasePermission):
    message = HIRING_MANAGERS_ONLY

    def has_permission(self, request, view):
        principal = principal_of(request)
        return principal is not None and principal.is_hiring_manager
