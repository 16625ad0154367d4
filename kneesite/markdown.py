"""The one place Markdown becomes HTML (what an author's Markdown must pass before it is saved
is kneesite/markdown_checks.py).

Public pages store this function's output beside the Markdown source, and markdownx's admin
preview calls it too (MARKDOWNX_MARKDOWNIFY_FUNCTION), so an author previews exactly what
readers get, and a `<script>` or `onerror=` never runs in either place.
"""

import re
from html import unescape

import nh3
from django.utils.html import escape, strip_tags
from markdown_it import MarkdownIt

from kneesite.paths import is_local_path

# CommonMark (linear time on any input, unlike renderers with backtracking), with tables and
# curly quotes. Not markdown-it's "replacements": it turns "(c)" in "(a) rest, (b) ice, (c) …"
# into ©, and "(r)", "(tm)", "+-", ".." into other symbols an author never typed.
PARSER = MarkdownIt("commonmark", {"typographer": True}).enable(["table", "strikethrough", "smartquotes"])
# Every link becomes a link, whatever its scheme: nh3 below is the one place that decides what
# survives (a javascript: address loses its href, and the text stays plain words).
PARSER.validateLink = lambda url: True
MAX_CHARS = 20_000  # the longest Markdown an author may save: about eight pages of text
# What a dropped or pasted image is inserted with (kneesite/markdownx_endpoints.py); the author
# must replace it before saving.
IMAGE_PLACEHOLDER = "Describe this picture"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def same_site_images_only(tag, attribute, value):
    """The Content-Security-Policy only lets images load from this site, so an image from
    elsewhere would show as broken: drop its address (uploads are served from /media/)."""
    if tag == "img" and attribute == "src" and not is_local_path(value):
        return None
    return value


def render(source):
    """Render an author's Markdown to sanitized HTML (a string safe to mark safe)."""
    html = PARSER.render(source or "").strip()
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=same_site_images_only,
        link_rel="noopener noreferrer",
    )
    return scrollable_tables(clean)


# After nh3, which keeps no attribute on a table, "<table>" can only be a table's own tag.
TABLE_START = re.compile(r"<table>(?:\s*<thead>(?P<head>.*?)</thead>)?", re.S)
HEADING_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)


def scrollable_tables(html):
    """Each table of sanitized HTML inside its own region that scrolls sideways, so a wide table
    never makes a phone's page scroll (WCAG 1.4.10). The region takes keyboard focus, to scroll
    it without a mouse, and is named for screen readers after the table's column headings
    ("Table: Day, Exercises")."""

    def wrap(match):
        headings = [plain_text(cell) for cell in HEADING_CELL.findall(match["head"] or "")]
        label = ", ".join(filter(None, headings))
        label = f"Table: {label}" if label else "Table"
        return f'<div class="table-scroll" role="region" aria-label="{escape(label)}" tabindex="0">{match[0]}'

    return TABLE_START.sub(wrap, html).replace("</table>", "</table></div>")


def plain_text(html):
    """HTML (rendered Markdown, or escaped text) as one line of plain text, for descriptions and
    search snippets: tags dropped, entities decoded, each run of whitespace (line breaks too) one
    space. The result is not escaped."""
    return " ".join(unescape(strip_tags(html)).split())
