"""Test data builders; the catalog itself comes from fixtures/catalog.json."""

import factory
from django.contrib.auth import get_user_model

from hiring.models import BulkExport, Company, JobPosting, Membership, PostingSkill
from roles.models import EmphasisLevel, Level, RoleFamily, Skill


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    role = Membership.Role.RECRUITER


class RoleFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleFamily
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"family-{n}")
    name = factory.Sequence(lambda n: f"Family {n}")
    short_name = "FAM"
    source = "000_57363c5cadbec434.txt"


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level

    slug = factory.Sequence(lambda n: f"level-{n}")
    role_family = factory.SubFactory(RoleFamilyFactory)
    name = factory.Sequence(lambda n: f"Level {n}")
    rank = factory.Sequence(lambda n: n + 1)
    source = "000_57363c5cadbec434.txt"


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name = factory.Sequence(lambda n: f"Skill {n}")
    category = "programming"
    source = "000_57363c5cadbec434.txt"


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Posting {n}")
    role_family = factory.SubFactory(RoleFamilyFactory)


class PostingSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostingSkill

    posting = factory.SubFactory(JobPostingFactory)
    skill = factory.SubFactory(SkillFactory)
    must_have = True
    emphasis = EmphasisLevel.HEAVY
    order = factory.Sequence(lambda n: n + 1)


class BulkExportFactory(factory.django.DjangoModelFactory):
    """A queued export of no posting; set `posting_ids` and `total` for a real one."""

    class Meta:
        model = BulkExport

    company = factory.SubFactory(CompanyFactory)
    formats = factory.LazyFunction(lambda: ["markdown"])
    posting_ids = factory.LazyFunction(list)
