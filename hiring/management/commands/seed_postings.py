from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from hiring.models import Company, JobPosting, PostingVersion
from hiring.postings.blocks import posting_blocks_copy
from hiring.postings.services import posting_create_from_role
from hiring.postings.versions import posting_snapshot
from hiring.rubrics.services import rubric_build_from_posting
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
            posting = posting_create_from_role(
                company=company,
                role_family=RoleFamily.objects.get(slug=family),
                level=Level.objects.get(slug=level),
                title=f"{title} (template)",
                locations="Remote, US",
                remote_policy=JobPosting.RemotePolicy.HYBRID,
                summary="A seeded posting for load tests.",
            )
            rubric_build_from_posting(posting=posting)
        return posting, posting_snapshot(posting=posting)

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
        sources = [templates[(start + offset) % len(templates)] for offset in range(size)]
        posting_blocks_copy(
            copies=[
                (source, posting) for (source, *_), posting in zip(sources, postings, strict=True)
            ]
        )
        now = timezone.now()
        versions = [
            PostingVersion(
                posting=posting,
                number=1,
                snapshot={**snapshot, "title": posting.title},
                created_at=now,
            )
            for (*_, snapshot), posting in zip(sources, postings, strict=True)
        ]
        versions = PostingVersion.objects.bulk_create(versions)
        for posting, version in zip(postings, versions, strict=True):
            posting.published_version = version
        JobPosting.objects.bulk_update(postings, ["published_version"])
