"""Recruiter text made safe for each output: sanitised HTML, inert Markdown, clean plain text.

Posting text is untrusted. HTML output goes through `markdown` and then `nh3` with a small
allow-list; Markdown output keeps the recruiter's formatting but no raw HTML, images or
links other than http(s)/mailto; every output loses control and bidi-override characters.
"""

import re
from functools import cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "a", "br", "h3", "h4", "code"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"

# C0/C1 controls except tab and newline, and the bidi overrides that can make text read
# differently from what it says.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Markdown headings become h1/h2; the allow-list only keeps h3/h4 (the page owns h1/h2).
_BIG_HEADING = re.compile(r"<(/?)h[12]>")
_SMALL_HEADING = re.compile(r"<(/?)h[56]>")
_SAFE_URL = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
# [label](url "title") and ![alt](url), the URL allowing one level of balanced parentheses.
_MD_LINK = re.compile(
    r"(!?)\[([^\]\n]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+\"[^\"\n]*\")?\s*\)"
)
_MD_REFERENCE = re.compile(r"^([ \t]{0,3}\[[^\]\n]+\]:[ \t]*)(\S+)(.*)$", re.MULTILINE)
_MD_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s)", re.MULTILINE)
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Characters that would end a URL early in HTML, Markdown autolinks or CSS.
_URL_BREAKERS = frozenset("<>\"'`\\")


def clean_text(text: str | None) -> str:
    """Text with Windows newlines normalised and invisible control characters removed."""
    if not text:
        return ""
    return _INVISIBLE.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        clean_content_tags={"script", "style", "template", "title", "textarea"},
        strip_comments=True,
    )


def to_html(text: str | None) -> SafeString:
    """Recruiter Markdown as HTML that keeps only the allow-listed tags and safe links."""
    text = clean_text(text).strip()
    if not text:
        return mark_safe("")
    rendered = markdown.markdown(text, extensions=["nl2br", "sane_lists"], output_format="html")
    rendered = _SMALL_HEADING.sub(r"<\1h4>", _BIG_HEADING.sub(r"<\1h3>", rendered))
    return mark_safe(_cleaner().clean(rendered))  # sanitised by nh3 just above


def html_for_job_boards(text: str | None) -> str:
    """Sanitised HTML using only the tags Google reads in a job description (no headings)."""
    html = str(to_html(text))
    html = re.sub(r"<h[34]>", "<p><strong>", html)
    return re.sub(r"</h[34]>", "</strong></p>", html)


def md_inline(text: str | None) -> str:
    """Untrusted one-line text (a title, a skill) that renders literally in Markdown."""
    text = clean_text(text).replace("\n", " ")
    text = _MD_INLINE_SPECIALS.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return _MD_LINE_START.sub(r"\1\\\2", text)


def md_block(text: str | None) -> str:
    """Recruiter Markdown kept as Markdown, minus raw HTML, images and unsafe links."""
    text = clean_text(text).strip()
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")

    def link(match: re.Match) -> str:
        bang, label, url = match.groups()
        if bang or not _SAFE_URL.match(url):
            return label
        return f"[{label}]({url})"

    def reference(match: re.Match) -> str:
        return match.group(0) if _SAFE_URL.match(match.group(2)) else ""

    return _MD_REFERENCE.sub(reference, _MD_LINK.sub(link, text))


_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_MD_CODE = re.compile(r"`([^`\n]+)`")


def to_plain(text: str | None) -> str:
    """Recruiter Markdown read as plain text: no emphasis marks; links as 'label (url)'."""
    text = clean_text(text).strip()

    def link(match: re.Match) -> str:
        bang, label, url = match.groups()
        if bang or not _SAFE_URL.match(url) or label == url:
            return label or ("" if bang else url)
        return f"{label} ({url})"

    text = _MD_LINK.sub(link, text)
    text = _MD_HEADING.sub(lambda match: match.group(1).upper(), text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM.sub(r"\1", text)
    return _MD_CODE.sub(r"\1", text)


def safe_url(url: str | None) -> str:
    """The URL when it is http(s) or mailto, else an empty string."""
    url = clean_text(url).strip()
    unsafe = any(c.isspace() or c in _URL_BREAKERS for c in url)
    return url if _SAFE_URL.match(url) and not unsafe else ""
