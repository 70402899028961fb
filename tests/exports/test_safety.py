"""Posting text is hostile: nothing it names is ever fetched, and nothing leaks into a file.

A local HTTP server records every request; each vector points at it (or at a local file
holding a marker) and every export must leave it with zero hits.
"""

import base64
import io
import re
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile

from hiring import exports
from hiring.exports import markup, pdf
from hiring.exports.document import DEFAULT_BRAND_COLOUR, branding_of
from hiring.models import Company, JobPosting

from . import pdfs
from .conftest import png

MARKER = "ROLEKIT-SECRET-MARKER-7f3a"


class Spy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        self.hits: list[str] = []
        super().__init__(("127.0.0.1", 0), SpyHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class SpyHandler(BaseHTTPRequestHandler):
    """Answers everything with something usable, so a fetch would succeed if it happened."""

    def do_GET(self):
        self.server.hits.append(self.path)
        if self.path.endswith(".css"):
            body, kind = b"body { color: red }", "text/css"
        else:
            body, kind = png(), "image/png"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def spy():
    server = Spy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{MARKER}\n", encoding="utf-8")
    return path


def svg(url: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="20" height="20"><image href="{url}/svg-image.png" width="20" height="20"/>'
        f'<image xlink:href="{url}/svg-xlink.png" width="20" height="20"/></svg>'
    )


# Each vector: a name and a template with {url} (the spy) and {file} (the secret's URL).
VECTORS = {
    "img": '<img src="{url}/img.png" alt="x">',
    "img of a local file": '<img src="{file}" alt="x">',
    "stylesheet link": '<link rel="stylesheet" href="{url}/link.css">',
    "@import": '<style>@import url("{url}/import.css");</style>',
    "url() in a style attribute": "<p style=\"background: url('{url}/style-attr.png')\">x</p>",
    "url() in a style element": "<style>body {{ background: url('{url}/style-el.png') }}</style>",
    "@font-face": (
        '<style>@font-face {{ font-family: Evil; src: url("{url}/font.woff"); }} '
        "p {{ font-family: Evil }}</style><p>text</p>"
    ),
    "inline SVG image": "{svg}",
    "SVG image file": '<img src="data:image/svg+xml;utf8,{svg_quoted}" alt="x">',
    "object": '<object data="{url}/object.png" type="image/png"></object>',
    "embed": '<embed src="{url}/embed.png" type="image/png">',
    "attachment link to a file": '<a rel="attachment" href="{file}">my CV</a>',
    "attachment link to a URL": '<a rel="attachment" href="{url}/attachment.pdf">my CV</a>',
    "attachment link element": '<link rel="attachment" href="{file}">',
    "iframe": '<iframe src="{url}/frame.html"></iframe>',
    "base element": '<base href="{url}/"><img src="relative.png" alt="x">',
    "markdown image": "![x]({url}/markdown.png)",
    "large data image": '<img src="data:image/png;base64,{big_png}" alt="x">',
}


def vector(name: str, spy: Spy, secret: Path) -> str:
    big = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * (80 * 1024)).decode()
    image = svg(spy.url)
    return VECTORS[name].format(
        url=spy.url,
        file=secret.as_uri(),
        svg=image,
        svg_quoted=quote(image),
        big_png=big,
    )


def every_vector(spy: Spy, secret: Path) -> str:
    """All vectors but the large image, which alone is beyond the field size limit."""
    names = [name for name in VECTORS if name != "large data image"]
    return "\n\n".join(vector(name, spy, secret) for name in names)


def assert_nothing_leaked(content: bytes) -> None:
    assert MARKER.encode() not in pdfs.everything(content)


# The fetcher alone: raw hostile HTML straight to WeasyPrint, no sanitiser in front.


@pytest.mark.parametrize("name", list(VECTORS))
def test_it_fetches_nothing_a_document_names(spy, secret, name):
    hostile = vector(name, spy, secret)
    html = (
        f"<!doctype html><html lang=en><head>{hostile}</head><body><p>Hi</p>{hostile}</body></html>"
    )
    policy = pdf.AssetPolicy()
    content = pdf.write_pdf(html, policy=policy)
    assert spy.hits == []
    assert_nothing_leaked(content)
    assert pdfs.attachments(content) == {}
    assert policy.served == []


# (A user stylesheet's @font-face is not even read: write_pdf gives CSS no font config.)
@pytest.mark.parametrize("name", ["@import", "url() in a style element"])
def test_it_fetches_nothing_a_stylesheet_names(spy, secret, name):
    css = re.sub(r"</?style>", "", vector(name, spy, secret))
    policy = pdf.AssetPolicy()
    pdf.write_pdf("<html lang=en><p>Hello</p></html>", css=css, policy=policy)
    assert spy.hits == []
    assert policy.refused


# The whole path: a posting whose every text field carries every vector.


@pytest.fixture
def hostile(posting, spy, secret, acme):
    payload = every_vector(spy, secret)
    JobPosting.objects.filter(pk=posting.pk).update(
        title=f'Data Scientist <img src="{spy.url}/title.png">',
        summary=payload,
        team=payload,
        benefits=payload,
        locations=f'<img src="{spy.url}/where.png">, CO, US',
        apply_url=f"javascript:fetch('{spy.url}/apply')",
    )
    row = posting.responsibilities.first()
    row.text = f'<object data="{spy.url}/responsibility.png"></object>{secret.as_uri()}'
    row.save()
    criterion = posting.rubric.criteria.first()
    criterion.questions = f'<img src="{spy.url}/question.png">\n<iframe src="{secret.as_uri()}">'
    criterion.anchor_yes = f'<link rel="attachment" href="{secret.as_uri()}">'
    criterion.save()
    acme.about = payload
    acme.website = f"javascript:fetch('{spy.url}/website')"
    acme.save()
    return posting


class SourceCollector(HTMLParser):
    """Every attribute that makes a browser load something, with its value."""

    LOADING = {"src", "href", "data", "srcset", "poster", "background", "action", "formaction"}

    def __init__(self):
        super().__init__()
        self.loads: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in self.LOADING and value:
                self.loads.append((tag, name, value))
            if name == "style" and value:
                self.styles.append(value)

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


@pytest.mark.parametrize("name", list(exports.FORMATS))
def test_it_exports_a_hostile_posting_without_fetching_or_leaking_anything(hostile, spy, name):
    try:
        exported = exports.export(hostile, name, draft=True)
    except exports.ExportError as error:
        # The job-board markup of this posting is rightly refused (its location is junk).
        assert name == "jsonld", error
        return
    assert spy.hits == []
    if exported.content_type == "application/pdf":
        assert_nothing_leaked(exported.content)
        assert pdfs.attachments(exported.content) == {}
        return
    content = exported.content.decode()
    assert MARKER not in content
    if name == "html":
        collector = SourceCollector()
        collector.feed(content)
        for tag, attribute, value in collector.loads:
            # Links stay clickable for a reader; nothing is loaded from anywhere but data:.
            assert (tag, attribute) == ("a", "href") or value.startswith("data:image/")
            assert not value.lower().startswith(("javascript:", "file:"))
        assert not any("url(" in style or "@import" in style for style in collector.styles[1:])
        assert "<object" not in content and "<embed" not in content and "<iframe" not in content
        assert "<svg" not in content
    if name == "markdown":
        assert not re.search(r"!\[[^\]]*\]\(", content)  # no images
        assert "<img" not in content and "<object" not in content
        assert "javascript:" not in content


def test_it_leaves_out_a_logo_that_is_not_a_png_jpeg_or_gif(posting, acme, spy):
    acme.logo.save("logo.svg", ContentFile(svg(spy.url).encode()), save=True)
    assert branding_of(acme).logo is None
    exports.export(posting, "pdf", draft=True)
    assert spy.hits == []


def test_it_embeds_the_company_logo_from_its_file(posting, acme, set_logo):
    set_logo(acme, png())
    content = exports.export(posting, "pdf", draft=True).content
    resources = pdfs.reader(content).pages[0]["/Resources"]
    assert "/XObject" in resources


@pytest.mark.parametrize(
    "colour", ["red;} body { background: url(http://127.0.0.1/x) } a {", "#12345g", "", None]
)
def test_it_replaces_a_brand_colour_that_is_not_a_hex_colour(colour):
    assert branding_of(Company(name="X", brand_colour=colour)).colour == DEFAULT_BRAND_COLOUR


# The policy itself


def test_it_serves_the_projects_own_static_files():
    policy = pdf.AssetPolicy()
    path = finders.find("admin/css/base.css")
    body, kind = policy.resolve(f"{pdf.STATIC_URL_PREFIX}admin/css/base.css")
    assert body == Path(path).read_bytes()
    assert kind == "text/css; charset=utf-8"
    assert policy.resolve(Path(path).as_uri())[0] == body


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.com/x.png",
        "ftp://example.com/x.png",
        "file:///etc/passwd",
        "file://evil.example/share/x.png",
        f"{pdf.STATIC_URL_PREFIX}../../../etc/passwd",
        f"{pdf.STATIC_URL_PREFIX}no/such/file.css",
        pdf.LOGO_URL,  # there is no logo in this policy
        "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode(),
        "data:text/html,<p>hi</p>",
        "data:image/png;base64,not-base64!!",
        "data:image/png;base64," + base64.b64encode(b"GIF89a pretending").decode(),
        "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 70_000).decode(),
        "relative/path.png",
        "//127.0.0.1/x.png",
    ],
)
def test_it_refuses_everything_else(url):
    policy = pdf.AssetPolicy()
    with pytest.raises(pdf.AssetRefused):
        policy.resolve(url)
    assert policy.refused == [url]


def test_it_refuses_a_local_file_outside_the_static_folders(secret):
    with pytest.raises(pdf.AssetRefused):
        pdf.AssetPolicy().resolve(secret.as_uri())


def test_it_serves_a_small_inline_image():
    image = png()
    body, kind = pdf.AssetPolicy().resolve(
        "data:image/png;base64," + base64.b64encode(image).decode()
    )
    assert (body, kind) == (image, "image/png")


def test_it_serves_the_logo_it_was_given():
    image = png()
    policy = pdf.AssetPolicy(logo=image, logo_type="image/png")
    assert policy.resolve(pdf.LOGO_URL) == (image, "image/png")


# The sanitiser


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**bold** and *em*", "<p><strong>bold</strong> and <em>em</em></p>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("# Big", "<h3>Big</h3>"),
        (
            "[ok](https://ok.example)",
            '<p><a href="https://ok.example" rel="noopener noreferrer nofollow">ok</a></p>',
        ),
        ("[x](javascript:alert(1))", '<p><a rel="noopener noreferrer nofollow">x</a></p>'),
        ("[x](/relative)", '<p><a rel="noopener noreferrer nofollow">x</a></p>'),
        ("<script>alert(1)</script>hi", "<p>hi</p>"),
        ('<img src="http://x/y.png" onerror="alert(1)">', "<p></p>"),
        ('<p style="background:url(http://x)">s</p>', "<p>s</p>"),
        (
            "<a href='mailto:jobs@acme.example'>m</a>",
            '<p><a href="mailto:jobs@acme.example" rel="noopener noreferrer nofollow">m</a></p>',
        ),
        ("<u>under</u>\u202eevil", "<p>underevil</p>"),
        ('<p title="t" lang="en">said</p>', "<p>said</p>"),
        (
            '[ok](https://ok.example "title")',
            '<p><a href="https://ok.example" rel="noopener noreferrer nofollow">ok</a></p>',
        ),
    ],
)
def test_it_keeps_only_the_allowed_markup(text, expected):
    assert str(markup.to_html(text)).strip() == expected


def test_it_keeps_markdown_inert_for_job_boards():
    text = "<b>x</b> ![i](http://x/y.png) [bad](javascript:alert(1)) [ok](https://ok)\n[r]: file:///etc"
    assert markup.md_block(text) == "x i bad [ok](https://ok)\n\\[r\\]: file:///etc"
    assert markup.md_inline("*Lead* <b>[x](y)") == "\\*Lead\\* &lt;b&gt;\\[x\\](y)"


def test_it_keeps_only_web_and_mail_links():
    assert markup.safe_url("https://jobs.acme.example/1") == "https://jobs.acme.example/1"
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "https://x y",
        'https://x"y',
    ]:
        assert markup.safe_url(url) == ""


def test_it_cleans_control_and_bidi_override_characters():
    assert markup.clean_text("a\x00b\x1bc\u202ed\r\ne") == "abcd\ne"


def test_it_reads_a_png_logo_back_with_its_type(set_logo, acme):
    set_logo(acme, png())
    branding = branding_of(Company.objects.get(pk=acme.pk))
    assert branding.logo_type == "image/png"
    assert io.BytesIO(branding.logo).read(8) == b"\x89PNG\r\n\x1a\n"
