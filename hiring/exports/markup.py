"""Recruiter text made safe for each output: sanitised HTML, inert Markdown, clean plain text.

Posting text is untrusted. HTML output goes through `markdown` and then `nh3` with a small
allow-list. Markdown and plain-text output are written afresh from markdown-it-py's parse of
the text rather than by patching the text with patterns: only the formatting the writers
know (paragraphs, headings, lists, quotes, code, emphasis, http(s) and mailto links) is
written as Markdown, and everything else as escaped text, so no image, raw HTML or other
link can come out however it was disguised. Plain text has no markup at all, and every
output loses control and bidi-override characters.
"""

import html
import re
from collections.abc import Iterator
from functools import cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "a", "br", "h3", "h4", "code"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
# Elements whose content is not text a reader should see.
HIDDEN_CONTENT_TAGS = frozenset({"script", "style", "template", "title", "textarea"})
# The page owns h1/h2: a recruiter's heading level -> the level every format writes.
HEADING_LEVELS = {1: 3, 2: 3, 3: 3, 4: 4, 5: 4, 6: 4}

# C0/C1 controls except tab and newline, and the bidi overrides that can make text read
# differently from what it says.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_HTML_HEADING = re.compile(r"<(/?)h([1-6])>")
_SAFE_URL = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
_MD_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]|])")
# What turns the start of a line into a block: a heading, quote or list marker, an ordered
# list number, a setext underline or thematic break of '=' or '-', a '~~~' fence.
_MD_LINE_START = re.compile(
    r"^([ \t]*)(?:(\d{1,9})([.)])(?=[ \t]|$)|([#>+-])(?=[ \t]|$)|([=-])(?=[=-]*[ \t]*$)|(~)(?=~~))",
    re.MULTILINE,
)
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BACKTICKS = re.compile(r"`+")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_UNESCAPED_BANG = re.compile(r"(?<!\\)(?:\\\\)*!$")
# Characters that would end a URL early in HTML, Markdown autolinks or CSS.
_URL_BREAKERS = frozenset("<>\"'`\\")
# Characters that end a Markdown link destination early; percent-encoded, they mean the same.
_MD_URL_ENDERS = str.maketrans({"(": "%28", ")": "%29", "'": "%27"})
# Tags spelled by decoded entities are stripped, this many layers deep at most.
_MAX_TAG_PASSES = 8


def clean_text(text: str | None) -> str:
    """Text with Windows newlines normalised and invisible control characters removed."""
    if not text:
        return ""
    return _INVISIBLE.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        # "*": nothing, or nh3 would allow `lang` and `title` on every tag.
        attributes={"*": set()} | {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        clean_content_tags=set(HIDDEN_CONTENT_TAGS),
        strip_comments=True,
    )


@cache
def _tag_stripper() -> nh3.Cleaner:
    return nh3.Cleaner(tags=set(), clean_content_tags=set(HIDDEN_CONTENT_TAGS), strip_comments=True)


def plain_text(text: str | None) -> str:
    """Text as a browser shows it: tags removed and entities decoded, with no markup left.

    Entities are decoded once, as a browser does; if they spell tags (`&lt;img&gt;`), a
    consumer that reads the text as HTML would see those, so they are removed too.
    """
    text = clean_text(text)
    if "<" not in text and "&" not in text:
        return text
    text = clean_text(html.unescape(_tag_stripper().clean(text)))
    for _ in range(_MAX_TAG_PASSES):
        if "<" not in text:
            break
        # '&' kept as it is: only tags go this time, entities were decoded above.
        stripped = html.unescape(_tag_stripper().clean(text.replace("&", "&amp;")))
        if stripped == text:
            break
        text = stripped
    else:
        text = text.replace("<", "")  # tags within tags within tags: nobody types those
    return text


def to_html(text: str | None) -> SafeString:
    """Recruiter Markdown as HTML that keeps only the allow-listed tags and safe links."""
    text = clean_text(text).strip()
    if not text:
        return mark_safe("")
    rendered = markdown.markdown(text, extensions=["nl2br", "sane_lists"], output_format="html")
    rendered = _HTML_HEADING.sub(
        lambda match: f"<{match[1]}h{HEADING_LEVELS[int(match[2])]}>", rendered
    )
    return mark_safe(_cleaner().clean(rendered))  # sanitised by nh3 just above


def html_for_job_boards(text: str | None) -> str:
    """Sanitised HTML using only the tags Google reads in a job description (no headings)."""
    written = re.sub(r"<h[34]>", "<p><strong>", str(to_html(text)))
    return re.sub(r"</h[34]>", "</strong></p>", written)


def safe_url(url: str | None) -> str:
    """The URL when it is http(s) or mailto, else an empty string."""
    url = clean_text(url).strip()
    unsafe = any(c.isspace() or c in _URL_BREAKERS for c in url)
    return url if _SAFE_URL.match(url) and not unsafe else ""


# Markdown and plain text


def _md_escape(text: str) -> str:
    """Text that Markdown shows as it is, wherever it stands in a line."""
    text = _MD_INLINE_SPECIALS.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _md_unblock(text: str) -> str:
    """Text whose lines cannot open a heading, quote, list, fence or setext heading."""

    def escape(match: re.Match) -> str:
        indent, number, delimiter, marker, rule, tilde = match.groups()
        if number:
            return f"{indent}{number}\\{delimiter}"
        return f"{indent}\\{marker or rule or tilde}"

    return _MD_LINE_START.sub(escape, text)


def md_inline(text: str | None) -> str:
    """Untrusted one-line text (a title, a skill) that renders literally in Markdown."""
    return _md_unblock(_md_escape(clean_text(text).replace("\n", " ")))


@cache
def _parser() -> MarkdownIt:
    # Raw HTML is parsed as HTML so that the writers can leave it out; every link target
    # is accepted here so that the writers see a refused link as a link and drop its URL,
    # rather than as text that a laxer Markdown reader would turn back into a link.
    parser = MarkdownIt("commonmark", {"html": True})
    parser.validateLink = lambda url: True
    return parser


def _web_link(href: str) -> str:
    """A parsed link's URL when it is http(s) or mailto, written so no reader ends it early."""
    return safe_url(href.translate(_MD_URL_ENDERS))


def _indent(text: str, first: str, rest: str, blank: str = "") -> str:
    """`text` with `first` before its first line and `rest` (`blank` if empty) before the others."""
    head, *tail = text.split("\n")
    return "\n".join([(first + head).rstrip(), *(rest + line if line else blank for line in tail)])


class _Writer:
    """Writes the parse of recruiter Markdown back out as plain text; `_MarkdownWriter`
    writes Markdown instead.

    Inline content is gathered as HTML (text escaped, the recruiter's own tags as typed)
    and read once by `plain_text`, as a browser would read it: a tag or an entity split
    across spans (`&amp;<b>lt`) is seen whole.
    """

    rule = "---"

    def write(self, text: str | None) -> str:
        text = clean_text(text).strip()
        if not text:
            return ""
        return self.blocks(SyntaxTreeNode(_parser().parse(text)).children)

    # Blocks: each returns finished output.

    def blocks(self, nodes: list[SyntaxTreeNode], separator: str = "\n\n") -> str:
        return separator.join(part for node in nodes if (part := self.block(node)))

    def block(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "paragraph":
            return self.paragraph(self.inline(node))
        if kind == "heading":
            level = HEADING_LEVELS[int(node.tag[1])]
            return self.heading(level, self.inline(node).replace("\n", " ").strip())
        if kind in ("bullet_list", "ordered_list"):
            return self.list(node)
        if kind == "blockquote":
            return _indent(self.blocks(node.children), "> ", "> ", ">")
        if kind in ("fence", "code_block"):
            return self.code_block(node.content.rstrip("\n"))
        if kind == "hr":
            return self.rule
        if node.children:
            return self.blocks(node.children)
        # An HTML block, or a block a later markdown-it may add: its text, as a paragraph.
        return self.paragraph(self.literal(plain_text(node.content).strip()))

    def list(self, node: SyntaxTreeNode) -> str:
        ordered = node.type == "ordered_list"
        start = int(node.attrs.get("start", 1)) if ordered else 0
        # A tight list (no blank lines between items) hides its items' paragraphs.
        tight = all(child.hidden for item in node.children for child in item.children[:1])
        items = []
        for number, item in enumerate(node.children, start):
            marker = f"{number}{node.markup}" if ordered else node.markup
            body = self.blocks(item.children, "\n" if tight else "\n\n")
            items.append(_indent(body, f"{marker} ", " " * (len(marker) + 1)))
        return ("\n" if tight else "\n\n").join(items)

    def paragraph(self, text: str) -> str:
        return "\n".join(line.strip() for line in text.split("\n")).strip()

    def heading(self, level: int, text: str) -> str:
        return text.upper()

    def code_block(self, text: str) -> str:
        return plain_text(text)

    def literal(self, text: str) -> str:
        """Plain text as this format shows it."""
        return text

    # Inline: `inline` returns finished output; the others return the format's source for
    # one span (here HTML, read by `inline`).

    def inline(self, node: SyntaxTreeNode) -> str:
        return plain_text("".join(self.spans(node)))

    def spans(self, node: SyntaxTreeNode) -> Iterator[str]:
        hiding = ""
        for child in node.children:
            if child.type == "html_inline" and (tag := _HTML_TAG.match(child.content)):
                closing, name = tag[1], tag[2].lower()
                # A script's or style's text is no more for readers than the tags around it.
                if not hiding and not closing and name in HIDDEN_CONTENT_TAGS:
                    hiding = name
                elif closing and name == hiding:
                    hiding = ""
            if not hiding:
                yield self.span(child)

    def span(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "text":
            return self.escape(node.content)
        if kind in ("softbreak", "hardbreak"):
            return "\n"
        if kind == "html_inline":
            return self.raw_html(node.content)
        if kind == "code_inline":
            return self.code(node.content)
        if kind == "link":
            return self.link(node)
        if not node.children:  # a span a later markdown-it may add
            return self.escape(node.content)
        # Emphasis, or an image: its description is its children.
        inner = self.inline(node)
        if kind in ("em", "strong") and inner.strip():
            return self.emphasis(inner, "*" if kind == "em" else "**")
        return self.nested(inner)

    def link(self, node: SyntaxTreeNode) -> str:
        url = _web_link(node.attrs.get("href") or "")
        label = self.inline(node)
        if url:
            return self.linked(label, url)
        # An autolink's label is its refused target: not worth keeping as text.
        return "" if node.markup == "autolink" else self.nested(label)

    def escape(self, text: str) -> str:
        """Text from the parse as one span's source."""
        return html.escape(text, quote=False)

    def nested(self, written: str) -> str:
        """Finished output of nested spans (emphasis, a link's label) as one span's source."""
        return html.escape(written, quote=False)

    def raw_html(self, tag: str) -> str:
        return tag

    def emphasis(self, written: str, mark: str) -> str:
        return self.nested(written)

    def code(self, text: str) -> str:
        return self.escape(text)

    def linked(self, label: str, url: str) -> str:
        shown = url.removeprefix("mailto:")
        return self.nested(url if label in (url, shown, "") else f"{label} ({url})")


class _MarkdownWriter(_Writer):
    """Inert Markdown: every span's source is Markdown, escaped but for what is written here."""

    rule = "***"

    def paragraph(self, text: str) -> str:
        return _md_unblock(super().paragraph(text))

    def heading(self, level: int, text: str) -> str:
        # A trailing '#' would be read as the heading's optional closing sequence.
        if text.endswith("#"):
            text = text[:-1] + "\\#"
        return f"{'#' * level} {text}".rstrip()

    def code_block(self, text: str) -> str:
        fence = "`" * max(3, max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
        return f"{fence}\n{text}\n{fence}"

    def literal(self, text: str) -> str:
        return _md_escape(text)

    def inline(self, node: SyntaxTreeNode) -> str:
        written: list[str] = []
        for part in self.spans(node):
            # A '!' typed just before a link would turn the link into an image. Text writes
            # a backslash as two, so a '!' after an even run of them is not escaped.
            if part.startswith("[") and written and _UNESCAPED_BANG.search(written[-1]):
                written[-1] = written[-1][:-1] + "\\!"
            if part:
                written.append(part)
        return "".join(written)

    def escape(self, text: str) -> str:
        # Already decoded by the parser, and shown as typed: `&lt;b&gt;` stays visible.
        return _md_escape(text)

    def nested(self, written: str) -> str:
        return written

    def raw_html(self, tag: str) -> str:
        return ""

    def emphasis(self, written: str, mark: str) -> str:
        return f"{mark}{written}{mark}"

    def code(self, text: str) -> str:
        if not text.strip():
            return ""
        fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
        padding = " " if text[0] in "` " or text[-1] in "` " else ""
        return f"{fence}{padding}{text}{padding}{fence}"

    def linked(self, label: str, url: str) -> str:
        return f"[{label or _md_escape(url)}]({url})"


def md_block(text: str | None) -> str:
    """Recruiter Markdown kept as Markdown, minus raw HTML, images and unsafe links."""
    return _MarkdownWriter().write(text)


def to_plain(text: str | None) -> str:
    """Recruiter Markdown read as plain text: no markup; links as 'label (url)'."""
    return _Writer().write(text)
