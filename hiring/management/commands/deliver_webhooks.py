from django.core.management.base import BaseCommand

from hiring.webhooks.delivery import deliver_due


class Command(BaseCommand):
    help = (
        "Send webhook deliveries whose retry is due; run it every minute from cron when the "
        "task backend cannot defer tasks (the inline default)."
    )

    def handle(self, *args, **options):
        settled = deliver_due()
        if options["verbosity"] > 0:
            self.stdout.write(f"{settled} webhook delivery(ies) settled.")
