from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.catalog_file import CatalogFileError
from roles.services import catalog_load

# Postings show this wording; the apps listening to `catalog_loaded` record it on them.
REWORDED = "Reworded the {kind} “{before}” as “{after}”."


class Command(BaseCommand):
    help = "Load (or reload) the shared DS/MLE catalog; rows are matched by slug."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="Catalog JSON file (default: settings.ROLEKIT_CATALOG_FIXTURE)."
        )

    def handle(self, *args, path=None, **options):
        path = path or settings.ROLEKIT_CATALOG_FIXTURE
        try:
            result = catalog_load(path=path)
        except CatalogFileError as exc:
            lines = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(
                f"The catalog was not loaded; nothing was changed. Fix these rows:\n{lines}"
            ) from exc
        if options["verbosity"] == 0:
            return
        created = sum(result.created.values())
        updated = sum(result.updated.values())
        removed = sum(result.removed.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalog loaded from {path}: {created} created, {updated} updated, "
                f"{removed} removed."
            )
        )
        for line in result.kept:
            self.stdout.write(self.style.WARNING(f"Kept {line}."))
        for change in result.reworded:
            self.stdout.write(
                self.style.WARNING(
                    REWORDED.format(kind=change.kind, before=change.before, after=change.after)
                )
            )
