from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hiring.demo import demo_load


class Command(BaseCommand):
    help = "Load the demo company, its people and postings (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(settings.BASE_DIR / "fixtures" / "demo.json")
        )

    def handle(self, *args, path, **options):
        try:
            result = demo_load(path=path)
        except FileNotFoundError as exc:
            raise CommandError(f"No demo file at {path}.") from exc
        except Exception as exc:
            raise CommandError(
                f"The demo was not loaded ({exc}). Load the catalog first: "
                "`manage.py load_catalog`."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo company '{result.company}': {len(result.created)} posting(s) created, "
                f"{len(result.existing)} already there."
            )
        )
        self.stdout.write("Log in at http://127.0.0.1:8000/ with:")
        for username, password, role in result.logins:
            where = "/review/" if role == "hiring_manager" else "/admin/"
            self.stdout.write(f"  {role:<15} {username:<12} password: {password:<14} → {where}")
