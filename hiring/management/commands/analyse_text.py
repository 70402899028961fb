import json
import sys

from django.core.management.base import BaseCommand, CommandError

from hiring.findings.forms import TEXT_LIMIT
from hiring.findings.selectors import text_analysis


class Command(BaseCommand):
    help = "Check a job text (a file, or - for standard input) against the DS/MLE catalog."

    def add_arguments(self, parser):
        parser.add_argument("path", help="File with the posting's text, or - to read stdin.")
        parser.add_argument("--title", required=True, help="The posting's title.")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--fail-on",
            choices=["error", "warning", "never"],
            default="never",
            help="Exit with status 1 when a finding of this severity or worse is reported.",
        )

    def handle(self, *args, path, title, format, fail_on, **options):
        text = self._read(path)
        result = text_analysis(title=title, text=text)
        report = result.analysis.report
        if format == "json":
            payload = {
                "title": title,
                "matched": [
                    {"skill": m.skill, "alias": m.alias, "start": m.start, "end": m.end}
                    for m in result.analysis.matched
                ],
                "lean": dict(report.lean.share) if report.lean else None,
                "findings": [f.as_dict() for f in report.findings],
            }
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            skills = sorted({m.skill for m in result.analysis.matched})
            self.stdout.write(f"{title}: {len(skills)} skills found: {', '.join(skills)}")
            for finding in report.findings:
                self.stdout.write(f"{finding.severity.upper():8} {finding.code}  {finding.message}")
                if finding.hint:
                    self.stdout.write(f"{'':8} {'':9} → {finding.hint}")
        severities = {f.severity.value for f in report.findings}
        failing = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}[fail_on]
        if severities & failing:
            sys.exit(1)

    def _read(self, path: str) -> str:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text.") from exc
        if not text.strip():
            raise CommandError("The job text is empty.")
        if len(text) > TEXT_LIMIT:
            raise CommandError(f"The job text is over {TEXT_LIMIT:,} characters.")
        return text
