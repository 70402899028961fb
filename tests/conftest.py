"""Shared fixtures: the real catalog, and the personas every test talks about."""

import pytest
from django.conf import settings
from django.core.management import call_command

from hiring import caching
from hiring.models import Membership
from hiring.tenancy.services import member_add
from roles.models import Level, RoleFamily, Skill

from .factories import CompanyFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shared catalog once for the whole run; tests roll back around it."""
    with django_db_blocker.unblock():
        call_command("load_catalog", str(settings.ROLEKIT_CATALOG_FIXTURE), verbosity=0)


@pytest.fixture(autouse=True)
def fresh_rules_catalog():
    """Each test builds the rules' catalog anew: a rolled-back test leaves no trace in it."""
    caching._CATALOGS.clear()


@pytest.fixture
def acme(db):
    return CompanyFactory(name="Acme Analytics", slug="acme")


@pytest.fixture
def globex(db):
    return CompanyFactory(name="Globex", slug="globex")


@pytest.fixture
def recruiter(acme):
    """Rita recruits for Acme and works in the admin."""
    return member_add(company=acme, username="rita", password="pw", role=Membership.Role.RECRUITER)


@pytest.fixture
def company_admin(acme):
    """Ada recruits for Acme and also manages its API keys, webhooks and exports."""
    return member_add(
        company=acme,
        username="ada",
        password="pw",
        role=Membership.Role.RECRUITER,
        company_admin=True,
    )


@pytest.fixture
def second_recruiter(acme):
    return member_add(company=acme, username="remy", password="pw", role=Membership.Role.RECRUITER)


@pytest.fixture
def hiring_manager(acme):
    """Hugo manages the team that is hiring at Acme and reviews on /review/."""
    return member_add(
        company=acme, username="hugo", password="pw", role=Membership.Role.HIRING_MANAGER
    )


@pytest.fixture
def second_manager(acme):
    """Hana manages another team at Acme: she decides only on postings left to any manager."""
    return member_add(
        company=acme, username="hana", password="pw", role=Membership.Role.HIRING_MANAGER
    )


@pytest.fixture
def outsider(globex):
    """Olga recruits for Globex and must never see Acme's data."""
    return member_add(
        company=globex, username="olga", password="pw", role=Membership.Role.RECRUITER
    )


@pytest.fixture
def outside_admin(globex):
    """Otto is Globex's company admin: Acme's keys and webhooks stay out of his reach."""
    return member_add(
        company=globex,
        username="otto",
        password="pw",
        role=Membership.Role.RECRUITER,
        company_admin=True,
    )


@pytest.fixture
def outside_manager(globex):
    return member_add(
        company=globex, username="oscar", password="pw", role=Membership.Role.HIRING_MANAGER
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw")


@pytest.fixture
def ds(db):
    return RoleFamily.objects.get(slug="data-scientist")


@pytest.fixture
def mle(db):
    return RoleFamily.objects.get(slug="machine-learning-engineer")


@pytest.fixture
def skill(db):
    def get(slug):
        return Skill.objects.get(slug=slug, company__isnull=True)

    return get


@pytest.fixture
def level(db):
    def get(slug):
        return Level.objects.get(slug=slug)

    return get
