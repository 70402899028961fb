"""How the exports package is put together: one importer of WeasyPrint, and a lazy one."""

import ast
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from hiring import exports

from . import pdfs

PACKAGE = Path(exports.__file__).parent


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_it_imports_weasyprint_only_in_the_pdf_module():
    importers = {
        str(path.relative_to(settings.BASE_DIR))
        for path in (settings.BASE_DIR / "hiring").rglob("*.py")
        if "weasyprint" in imports_of(path)
    }
    assert importers <= {"hiring/exports/pdf.py"}


def test_it_does_not_load_weasyprint_until_a_pdf_is_rendered():
    code = (
        "import django, sys; django.setup(); import hiring.exports; "
        "print('weasyprint' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_it_typesets_with_the_debian_font_packages_by_family_name(published):
    reader = pdfs.reader(exports.export(published, "pdf").content)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu-Sans" in name or "Liberation" in name for name in fonts)
    # No font file is part of the project: fontconfig finds the installed packages.
    assert not list(settings.BASE_DIR.glob("hiring/**/*.ttf"))
    assert not list(settings.BASE_DIR.glob("templates/**/*.ttf"))
