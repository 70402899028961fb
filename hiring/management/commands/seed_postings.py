from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from hiring import services
from hiring.models import (
    Company,
    JobPosting,
    PostingResponsibility,
    PostingSkill,
    PostingVersion,
)
from hiring.selectors import posting_snapshot
from roles.models import Level, RoleFamily

BATCH = 500


class Command(BaseCommand):
    help = (
        "Fill a company with N postings (for load tests and benchmarks): two draft templates "
        "built by the services (one DS, one MLE) and published copies made in bulk. Safe to "
        "run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--company", default="load-test", help="Company slug (created).")
        parser.add_argument("--count", type=int, default=10_000)

    def handle(self, *args, company, count, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if not RoleFamily.objects.exists():
            raise CommandError("Load the catalog first: manage.py load_catalog.")
        owner, _ = Company.objects.get_or_create(slug=company, defaults={"name": company})
        # The two templates are drafts of the company too, and count towards N.
        templates = [
            self._template(owner, "data-scientist", "ds-senior", "Senior Data Scientist"),
            self._template(owner, "machine-learning-engineer", "mle-mid", "ML Engineer"),
        ]
        have = JobPosting.objects.filter(company=owner).count()
        if have >= count:
            self.stdout.write(f"{owner}: {have} postings already, nothing to add.")
            return
        added = 0
        while have + added < count:
            size = min(BATCH, count - have - added)
            self._copy(owner, templates, have + added, size)
            added += size
            self.stderr.write(f"{have + added}/{count}")
        # Fresh planner statistics: a bulk load leaves PostgreSQL guessing a dozen rows.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"{owner}: added {added} published postings."))

    def _template(self, company, family, level, title):
        posting = JobPosting.objects.filter(company=company, title=f"{title} (template)").first()
        if posting is None:
            posting = services.posting_create_from_role(
                company=company,
                role_family=RoleFamily.objects.get(slug=family),
                level=Level.objects.get(slug=level),
                title=f"{title} (template)",
                locations="Remote, US",
                remote_policy=JobPosting.RemotePolicy.HYBRID,
                summary="A seeded posting for load tests.",
            )
            services.rubric_build_from_posting(posting=posting)
        skills = list(posting.skills.all())
        responsibilities = list(posting.responsibilities.all())
        return posting, skills, responsibilities, posting_snapshot(posting=posting)

    @transaction.atomic
    def _copy(self, company, templates, start, size):
        postings = []
        for index in range(start, start + size):
            source = templates[index % len(templates)][0]
            postings.append(
                JobPosting(
                    company=company,
                    title=f"{source.title.removesuffix(' (template)')} #{index + 1}",
                    role_family_id=source.role_family_id,
                    level_id=source.level_id,
                    locations=source.locations,
                    remote_policy=source.remote_policy,
                    summary=source.summary,
                    status=JobPosting.Status.PUBLISHED,
                    slug=f"{slugify(source.title.removesuffix(' (template)'))}-{index + 1}",
                )
            )
        postings = JobPosting.objects.bulk_create(postings)
        skills, responsibilities, versions = [], [], []
        now = timezone.now()
        for offset, posting in enumerate(postings):
            _, template_skills, template_responsibilities, snapshot = templates[
                (start + offset) % len(templates)
            ]
            skills += [
                PostingSkill(
                    posting=posting,
                    skill_id=row.skill_id,
                    must_have=row.must_have,
                    emphasis=row.emphasis,
                    order=row.order,
                )
                for row in template_skills
            ]
            responsibilities += [
                PostingResponsibility(
                    posting=posting,
                    responsibility_id=row.responsibility_id,
                    text=row.text,
                    order=row.order,
                )
                for row in template_responsibilities
            ]
            versions.append(
                PostingVersion(
                    posting=posting,
                    number=1,
                    snapshot={**snapshot, "title": posting.title},
                    created_at=now,
                )
            )
        PostingSkill.objects.bulk_create(skills)
        PostingResponsibility.objects.bulk_create(responsibilities)
        versions = PostingVersion.objects.bulk_create(versions)
        for posting, version in zip(postings, versions, strict=True):
            posting.published_version = version
        JobPosting.objects.bulk_update(postings, ["published_version"])
