"""Write many postings' exports to a folder, with a progress line per file on stderr."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from hiring.exports import FORMATS
from hiring.exports.bulk import export_many, unique_name
from hiring.models import Company, JobPosting

UNKNOWN_FORMAT = "Unknown format {name!r}; choose from: {choices}."
NO_DIRECTORY = "The output folder {path} does not exist; create it first."
NOT_A_DIRECTORY = "{path} is not a folder."
NOT_WRITABLE = "The output folder {path} is not writable."
UNKNOWN_COMPANY = "No company has the slug {slug!r}."
FAILURES = "{failed} of {total} exports failed; see the list above."


class Command(BaseCommand):
    help = (
        "Export postings to files: published postings export their published version. "
        "Files go to OUT/<company>/<title>-v<version>.<ext>."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            required=True,
            help=f"One format or several, comma-separated: {', '.join(FORMATS)}.",
        )
        parser.add_argument("--out", required=True, help="The folder to write the files to.")
        parser.add_argument(
            "--status",
            default=JobPosting.Status.PUBLISHED,
            choices=JobPosting.Status.values,
            help="Export postings in this status (default: published).",
        )
        parser.add_argument("--company", help="Only this company's postings (its slug).")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Export the text being edited instead of the published version.",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Render in this many worker processes (0: one per CPU).",
        )

    def handle(self, *args, format, out, status, company, draft, jobs, **options):
        formats = self._formats(format)
        folder = self._folder(out)
        postings = JobPosting.objects.filter(status=status).order_by("company__slug", "title", "pk")
        if company:
            if not Company.objects.filter(slug=company).exists():
                raise CommandError(UNKNOWN_COMPANY.format(slug=company))
            postings = postings.filter(company__slug=company)
        total = postings.count() * len(formats)
        if not total:
            self.stdout.write(f"No {status} postings to export.")
            return
        jobs = jobs if jobs > 0 else os.cpu_count() or 1
        taken: set[str] = set()
        failures = []
        written = 0
        results = export_many(postings, formats, draft=draft, jobs=jobs)
        for index, result in enumerate(results, start=1):
            if result.ok:
                try:
                    path = self._write(folder, result, taken)
                except OSError as error:
                    failures.append((result, f"Cannot write the file: {error.strerror}."))
                    status_text = "FAILED"
                else:
                    written += 1
                    status_text = str(path.relative_to(folder))
            else:
                failures.append((result, result.error))
                status_text = "FAILED"
            self._progress(f"[{index}/{total}] {result.title} ({result.format}): {status_text}")
        self.stdout.write(f"Wrote {written} file{'s' if written != 1 else ''} to {folder}.")
        if failures:
            self.stderr.write(f"{len(failures)} export{'s' if len(failures) != 1 else ''} failed:")
            for result, message in failures:
                self.stderr.write(f"  - {result.title} ({result.format}): {message}")
            raise CommandError(FAILURES.format(failed=len(failures), total=total))

    def _formats(self, value: str) -> list[str]:
        names = [name.strip() for name in value.split(",") if name.strip()]
        unknown = [name for name in names if name not in FORMATS]
        if unknown or not names:
            raise CommandError(
                UNKNOWN_FORMAT.format(
                    name=unknown[0] if unknown else value, choices=", ".join(FORMATS)
                )
            )
        return list(dict.fromkeys(names))

    def _folder(self, value: str) -> Path:
        folder = Path(value).expanduser()
        if not folder.exists():
            raise CommandError(NO_DIRECTORY.format(path=folder))
        if not folder.is_dir():
            raise CommandError(NOT_A_DIRECTORY.format(path=folder))
        if not os.access(folder, os.W_OK | os.X_OK):
            raise CommandError(NOT_WRITABLE.format(path=folder))
        return folder.resolve()

    def _write(self, folder: Path, result, taken: set[str]) -> Path:
        company = slugify(result.company) or "company"
        name = unique_name(f"{company}/{result.file.filename}", taken, result.posting_id)
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        # Written beside and renamed, so a reader never sees half a file.
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(result.file.content)
        partial.replace(path)
        return path

    def _progress(self, line: str) -> None:
        self.stderr.write(line, style_func=lambda text: text)
