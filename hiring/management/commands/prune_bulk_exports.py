from django.core.management.base import BaseCommand, CommandError

from hiring.exports.jobs import bulk_exports_fail_stuck, bulk_exports_prune


class Command(BaseCommand):
    help = (
        "Delete bulk exports that finished more than N days ago, with their ZIP files, and "
        "mark failed those whose worker died without notice; run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, metavar="N")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        stuck = bulk_exports_fail_stuck()
        deleted = bulk_exports_prune(days=days)
        if options["verbosity"] > 0:
            if stuck:
                self.stdout.write(f"{stuck} stuck bulk export(s) marked failed.")
            self.stdout.write(f"{deleted} bulk export(s) deleted.")
