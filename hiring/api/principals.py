"""Who is calling: a company, a user, a scope and a role, from an API key or a session."""

from dataclasses import dataclass

from hiring.models import ApiKey, Company, Membership
from hiring.tenancy import membership_of


@dataclass(frozen=True)
class Principal:
    company: Company
    user: object
    scope: str
    role: str
    key: ApiKey | None = None

    @property
    def can_write(self) -> bool:
        return self.scope == ApiKey.Scope.WRITE

    @property
    def is_recruiter(self) -> bool:
        return self.role == Membership.Role.RECRUITER

    @property
    def is_hiring_manager(self) -> bool:
        return self.role == Membership.Role.HIRING_MANAGER


def principal_of(request) -> Principal | None:
    """The caller of a DRF request; None for anonymous users and users of no company."""
    cached = getattr(request, "_rolekit_principal", False)
    if cached is not False:
        return cached
    principal = None
    if isinstance(request.auth, ApiKey):
        key = request.auth
        principal = Principal(
            company=key.company, user=key.user, scope=key.scope, role=key.role, key=key
        )
    else:
        membership = membership_of(request.user)
        if membership is not None:
            principal = Principal(
                company=membership.company,
                user=request.user,
                scope=ApiKey.Scope.WRITE,
                role=membership.role,
            )
    request._rolekit_principal = principal
    return principal
