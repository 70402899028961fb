"""The Markdown export: whatever a recruiter typed, it holds no image, no raw HTML and no
link other than http(s) or mailto, and their ordinary formatting survives.

The output is read back by two renderers: markdown-it-py (CommonMark, told to accept every
link so that a refused one still counts) and Python-Markdown (what our own HTML export
uses, and laxer: it reads an image with a tab in its URL).
"""

import re
from datetime import date
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from hiring import exports
from hiring.exports import markup
from hiring.exports.document import Branding, Document
from hiring.exports.formats import MarkdownExporter
from hiring.models import JobPosting

WEB_OR_MAIL = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
# What Python-Markdown makes from Markdown that has no raw HTML in it.
MARKDOWN_TAGS = frozenset(
    {"p", "ul", "ol", "li", "em", "strong", "a", "code", "pre", "blockquote", "hr", "br"}
    | {f"h{n}" for n in range(1, 7)}
)
HARMLESS_ATTRIBUTES = frozenset({("a", "title"), ("code", "class")})

# The vectors and their close relatives, each pointing at evil.example.
VECTORS = {
    "reference image": "![a][r1]\n\n[r1]: http://evil.example/reference.png",
    "shortcut reference image": "![r1]\n\n[r1]: http://evil.example/shortcut.png",
    "collapsed reference image": "![r1][]\n\n[r1]: http://evil.example/collapsed.png",
    "image with nested brackets": "![a [b] c](http://evil.example/nested.png)",
    "image with a single-quoted title": "![a](http://evil.example/quoted.png 'title')",
    "image with a double-quoted title": '![a](http://evil.example/quoted.png "title")',
    "image with a tab in the URL": "![a](http://evil.example/\ttab.png)",
    "image in angle brackets": "![a](<http://evil.example/angle.png>)",
    "reference link to javascript on the next line": "[x][j]\n\n[j]:\njavascript:alert(1)",
    "javascript link in angle brackets": "[x](<javascript:alert(1)>)",
    "javascript link with an encoded colon": "[x](javascript&#58;alert(1))",
    "upper-case javascript link": "[x](JAVASCRIPT:alert(1))",
    "javascript autolink": "<javascript:alert(1)>",
    "data link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "file link": "[x](file:///etc/passwd)",
    "relative link": "[x](/admin/)",
    "raw image tag": '<img src="http://evil.example/raw.png">',
    "image tag in an HTML block": '<div>\n<img src="http://evil.example/block.png">\n</div>',
    "image inside a safe link": "[![a](http://evil.example/inner.png)](https://ok.example)",
    "image in a list item": "- ![a](http://evil.example/item.png)\n- ok",
    "image in a heading": "# ![a](http://evil.example/heading.png)",
    "image in a quote": "> ![a](http://evil.example/quote.png)",
    "image in link text of a reference": "[![a][r1]][r2]\n\n[r1]: http://evil.example/r.png\n"
    "[r2]: https://ok.example",
    "reference definition in a list": "- [r1]: http://evil.example/list.png\n\n![r1]",
    # Text as typed, that becomes an image if written back carelessly.
    "image with escaped brackets": "!\\[a\\](http://evil.example/escaped.png)",
    "image spelled with entities": "&#33;&#91;a&#93;(http://evil.example/entity.png)",
    "bang before an autolink": "!<http://evil.example/bang.png>",
}
WRITTEN_BACK_ONLY = (
    "image with escaped brackets",
    "image spelled with entities",
    "bang before an autolink",
)


class RenderedHtml(HTMLParser):
    """Every tag and link Python-Markdown produced."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in MARKDOWN_TAGS:
            self.unsafe.append(f"<{tag}> from Python-Markdown")
        for name, value in attrs:
            if tag == "a" and name == "href" and WEB_OR_MAIL.match(value or ""):
                continue
            if (tag, name) in HARMLESS_ATTRIBUTES:
                continue
            self.unsafe.append(f"<{tag} {name}={value!r}> from Python-Markdown")


def unsafe_parts(text: str) -> list[str]:
    """Images, raw HTML and non-web links that either renderer finds in `text`."""
    found: list[str] = []
    parser = MarkdownIt("commonmark", {"html": True})
    parser.validateLink = lambda url: True

    def walk(tokens):
        for token in tokens:
            if token.type == "image":
                found.append(f"image {token.attrGet('src')!r}")
            elif token.type == "link_open" and not WEB_OR_MAIL.match(token.attrGet("href")):
                found.append(f"link {token.attrGet('href')!r}")
            elif token.type in ("html_inline", "html_block"):
                found.append(f"raw HTML {token.content!r}")
            walk(token.children or [])

    walk(parser.parse(text))
    rendered = RenderedHtml()
    rendered.feed(markdown.markdown(text, extensions=["fenced_code"]))
    return found + rendered.unsafe


def markdown_document(text: str = "", **fields) -> Document:
    """A posting whose every free-text field says `text`; keyword arguments replace any."""
    snapshot = {
        "title": text,
        "summary": text,
        "team": text,
        "benefits": text,
        "locations": text,
        "level_name": text,
        "salary_currency": text,
        "salary_min": "100",
        "salary_max": "200",
        "salary_period": "YEAR",
        "years_min": 2,
        "remote_policy": "remote",
        "employment_type": "FULL_TIME",
        "apply_url": text,
        "responsibilities": [{"text": text}, {"text": "Run experiments"}],
        "skills": [{"name": text, "must_have": True}, {"name": text, "must_have": False}],
    }
    branding = {"name": text, "about": text, "website": text}
    for key, value in fields.items():
        (branding if key in branding else snapshot)[key] = value
    return Document(
        posting_id=1, snapshot=snapshot, branding=Branding(**branding), date_posted=date(2026, 1, 2)
    )


def rendered(document: Document) -> str:
    return MarkdownExporter().render_bytes(document).decode("utf-8")


def test_it_is_checked_by_renderers_that_read_each_vector_as_an_image_or_bad_link():
    """Each vector really is an image or a bad link to one of the two renderers."""
    for name, vector in VECTORS.items():
        assert bool(unsafe_parts(vector)) is (name not in WRITTEN_BACK_ONLY), name


@pytest.mark.parametrize("name", list(VECTORS))
def test_it_writes_no_image_and_no_unsafe_link_for_a_vector(name):
    assert unsafe_parts(markup.md_block(VECTORS[name])) == []


@pytest.mark.parametrize("name", list(VECTORS))
def test_it_exports_a_vector_typed_into_every_field_as_harmless_markdown(name):
    assert unsafe_parts(rendered(markdown_document(VECTORS[name]))) == []


def test_it_exports_every_vector_from_a_saved_posting_as_harmless_markdown(posting, acme):
    every = "\n\n".join(VECTORS.values())
    JobPosting.objects.filter(pk=posting.pk).update(
        title=VECTORS["image with nested brackets"],
        summary=every,
        team=every,
        benefits=every,
        locations=VECTORS["reference link to javascript on the next line"],
    )
    row = posting.responsibilities.first()
    row.text = VECTORS["image with a tab in the URL"]
    row.save()
    acme.about = every
    acme.save()
    content = exports.export(posting, "markdown", draft=True).content.decode()
    assert unsafe_parts(content) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Health cover\n- 25 days of holiday", "- Health cover\n- 25 days of holiday"),
        ("1. Apply\n2. Talk to us", "1. Apply\n2. Talk to us"),
        ("We **measure** and *learn*.", "We **measure** and *learn*."),
        (
            "See [our blog](https://acme.example/blog).",
            "See [our blog](https://acme.example/blog).",
        ),
        ("Mail [us](mailto:jobs@acme.example)", "Mail [us](mailto:jobs@acme.example)"),
        ("<https://acme.example>", "[https://acme.example](https://acme.example)"),
        ("[blog][b]\n\n[b]: https://acme.example/blog", "[blog](https://acme.example/blog)"),
        ("Use `pandas` daily", "Use `pandas` daily"),
        ("We are hiring!", "We are hiring!"),
        ("# Perks", "### Perks"),
        ("#### Perks", "#### Perks"),
        ("> Best team\n> ever", "> Best team\n> ever"),
        ("> Best team\n>\n> ever", "> Best team\n>\n> ever"),
        ("One\ntwo\n\nThree", "One\ntwo\n\nThree"),
        ("- a\n  - nested", "- a\n  - nested"),
        ("```\nselect 1;\n```", "```\nselect 1;\n```"),
        ("A & B < C", "A & B &lt; C"),
        ("1\\. Not a list", "1\\. Not a list"),
        ("Logo: ![Acme](https://acme.example/logo.png)", "Logo: Acme"),
        ("[run](javascript:alert(1)) away", "run away"),
        ("<b>bold</b> claim", "bold claim"),
        ("<script>alert(1)</script>\n\nAfter", "After"),
    ],
)
def test_it_keeps_the_recruiters_formatting(text, expected):
    assert markup.md_block(text) == expected


def test_it_writes_a_link_url_so_that_it_cannot_end_early():
    written = markup.md_block("[wiki](<https://w.example/A_(b) c>)")
    assert written == "[wiki](https://w.example/A_%28b%29%20c)"
    assert unsafe_parts(written) == []


# Fuzzing: text built from the ways of writing an image or a link, their disguises and
# Markdown's other punctuation, so that most examples come close to being a link.

PIECES = [
    "!", "[", "]", "(", ")", "<", ">", " ", "\t", "\n", "\n\n", "    ", "'", '"', "*", "_",
    "`", "```", "~~~", "\\", "&", "#", "&#58;", "&#91;", "&#93;", "&lt;", "&amp;", "- ",
    "1. ", "> ", "# ", "=", "-", "|", "<img src=x>", "<a href=x>", "</a>", "<div>", "<!--",
    "\u00a0", "\u202e",
]  # fmt: skip
DESTINATIONS = [
    "http://evil.example/x.png", "https://ok.example/a_(b)", "javascript:alert(1)",
    "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "javascript&#58;alert(1)", "mailto:a@b.example",
    "data:text/html,x", "file:///etc/passwd", "//evil.example/x", "/relative", "x.png",
    "http://evil.example/\tx.png", "<http://evil.example/x y.png>", "<javascript:alert(1)>",
    "http://[::1]/x.png", "https://ok.example/it's", "https://ok.example/a\\)b", "mailto:<x>",
]  # fmt: skip
labels = st.lists(st.sampled_from(["a", "r1", "[b]", "*e*", "`c`", " ", "!["]), max_size=3).map(
    "".join
)
destinations = st.sampled_from(DESTINATIONS)
titles = st.sampled_from(["", " 't'", ' "t"', " (t)", "\n't'"])
spaces = st.sampled_from(["", " ", "\t", "\n", " \n  "])
inline_links = st.builds(
    "{}[{}]({}{}{}{})".format,
    st.sampled_from(["", "!"]),
    labels,
    spaces,
    destinations,
    titles,
    spaces,
)
reference_links = st.builds(
    "{}[{}]{}\n\n[{}]:{}{}{}\n".format,
    st.sampled_from(["", "!"]),
    labels,
    st.sampled_from(["", "[]", "[r1]", "[R1]"]),
    st.sampled_from(["r1", "a", "R1"]),
    spaces,
    destinations,
    titles,
)
autolinks = destinations.map("<{}>".format)
markdownish = st.lists(
    st.one_of(
        inline_links, reference_links, autolinks, st.sampled_from(PIECES), st.text(max_size=3)
    ),
    max_size=12,
).map("".join)
FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FUZZ
@given(text=markdownish)
def test_it_never_writes_an_image_or_unsafe_link_for_any_text(text):
    assert unsafe_parts(markup.md_block(text)) == []


@FUZZ
@given(free=markdownish, one_line=markdownish, url=markdownish, company=markdownish)
def test_it_never_exports_an_image_or_unsafe_link_whatever_the_fields_say(
    free, one_line, url, company
):
    document = markdown_document(
        free,
        title=one_line,
        locations=one_line,
        level_name=one_line,
        salary_currency=one_line,
        responsibilities=[{"text": one_line}],
        skills=[{"name": one_line, "must_have": True}, {"name": free, "must_have": False}],
        apply_url=url,
        website=url,
        name=company,
    )
    assert unsafe_parts(rendered(document)) == []
