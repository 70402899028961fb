from django.core.management.base import BaseCommand

from hiring.careers.services import postings_expire


class Command(BaseCommand):
    help = (
        "Archive every published posting whose 'valid through' day has passed: it leaves "
        "the careers page, its feed and sitemap, and the posting.archived webhook goes out. "
        "The worker (manage.py run_worker) runs this every hour."
    )

    def handle(self, *args, **options):
        archived = postings_expire()
        for posting in archived:
            self.stdout.write(f"archived {posting.company.slug}/{posting.slug}: {posting}")
        self.stdout.write(f"{len(archived)} expired posting(s) archived.")
