"""manage.py export_postings: files per posting, progress on stderr, failures listed."""

import io

import pytest
from django.core.management import CommandError, call_command

from hiring.exports import FORMATS
from hiring.management.commands import export_postings
from hiring.models import JobPosting

from . import pdfs


def run(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("export_postings", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_it_writes_the_published_postings_with_a_progress_line_each(published, tmp_path):
    stdout, stderr = run("--format", "pdf", "--out", str(tmp_path))
    path = tmp_path / "acme" / "senior-data-scientist-v1.pdf"
    assert "Senior Data Scientist" in pdfs.text(path.read_bytes())
    assert "[1/1] Senior Data Scientist (pdf): acme/senior-data-scientist-v1.pdf" in stderr
    assert f"Wrote 1 file to {tmp_path.resolve()}." in stdout


def test_it_writes_several_formats_of_several_postings(posting, make_posting, tmp_path):
    make_posting("Data Scientist, Marketing")
    _, stderr = run("--format", "markdown,jsonld", "--status", "draft", "--out", str(tmp_path))
    written = sorted(p.name for p in (tmp_path / "acme").iterdir())
    assert written == [
        "data-scientist-marketing-draft.jsonld",
        "data-scientist-marketing-draft.md",
        "senior-data-scientist-draft.jsonld",
        "senior-data-scientist-draft.md",
    ]
    assert "[4/4]" in stderr


def test_it_goes_on_past_a_failing_posting_and_exits_non_zero(posting, make_posting, tmp_path):
    broken = make_posting("Broken Posting")
    JobPosting.objects.filter(pk=broken.pk).update(summary="x" * 1_000_000)
    make_posting("Zeta Data Scientist")

    with pytest.raises(CommandError) as error:
        run("--format", "text", "--status", "draft", "--out", str(tmp_path))

    assert str(error.value) == export_postings.FAILURES.format(failed=1, total=3)
    written = sorted(p.name for p in (tmp_path / "acme").iterdir())
    assert written == ["senior-data-scientist-draft.txt", "zeta-data-scientist-draft.txt"]


def test_it_lists_the_failures_at_the_end(posting, tmp_path, capsys):
    JobPosting.objects.filter(pk=posting.pk).update(summary="x" * 1_000_000)
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "export_postings",
            "--format",
            "pdf",
            "--status",
            "draft",
            "--out",
            str(tmp_path),
            stderr=stderr,
            stdout=io.StringIO(),
        )
    lines = stderr.getvalue().splitlines()
    assert lines[0] == "[1/1] Senior Data Scientist (pdf): FAILED"
    assert lines[1] == "1 export failed:"
    assert lines[2].startswith(
        "  - Senior Data Scientist (pdf): The summary is 1,000,000 characters"
    )


def test_it_exports_only_the_company_asked_for(published, globex, tmp_path):
    stdout, _ = run("--format", "text", "--company", "globex", "--out", str(tmp_path))
    assert stdout == "No published postings to export.\n"
    run("--format", "text", "--company", "acme", "--out", str(tmp_path))
    assert (tmp_path / "acme" / "senior-data-scientist-v1.txt").exists()


@pytest.mark.parametrize("name", list(FORMATS))
def test_it_accepts_every_format_name(published, tmp_path, name):
    run("--format", name, "--out", str(tmp_path))
    assert len(list((tmp_path / "acme").iterdir())) == 1


def test_it_refuses_an_unknown_format(tmp_path):
    with pytest.raises(CommandError) as error:
        run("--format", "pdf,docx", "--out", str(tmp_path))
    assert str(error.value) == export_postings.UNKNOWN_FORMAT.format(
        name="docx", choices=", ".join(FORMATS)
    )


def test_it_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError) as error:
        run("--format", "pdf", "--out", str(tmp_path / "nowhere"))
    assert str(error.value) == export_postings.NO_DIRECTORY.format(path=tmp_path / "nowhere")


def test_it_refuses_a_file_as_the_folder(tmp_path):
    path = tmp_path / "file.txt"
    path.write_text("x")
    with pytest.raises(CommandError) as error:
        run("--format", "pdf", "--out", str(path))
    assert str(error.value) == export_postings.NOT_A_DIRECTORY.format(path=path)


def test_it_refuses_a_folder_it_cannot_write_to(tmp_path, monkeypatch):
    # Tests may run as root, who can write anywhere: ask os.access to say no.
    monkeypatch.setattr(export_postings.os, "access", lambda path, mode: False)
    with pytest.raises(CommandError) as error:
        run("--format", "pdf", "--out", str(tmp_path))
    assert str(error.value) == export_postings.NOT_WRITABLE.format(path=tmp_path)


def test_it_refuses_an_unknown_company(tmp_path, db):
    with pytest.raises(CommandError) as error:
        run("--format", "pdf", "--company", "initech", "--out", str(tmp_path))
    assert str(error.value) == export_postings.UNKNOWN_COMPANY.format(slug="initech")


def test_it_keeps_two_postings_with_the_same_title_apart(posting, make_posting, tmp_path):
    twin = make_posting("Senior Data Scientist")
    run("--format", "text", "--status", "draft", "--out", str(tmp_path))
    assert sorted(p.name for p in (tmp_path / "acme").iterdir()) == sorted(
        ["senior-data-scientist-draft.txt", f"senior-data-scientist-draft-{twin.pk}.txt"]
    )
