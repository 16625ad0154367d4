"""The one place Markdown becomes HTML.

Public pages store this function's output beside the Markdown source, and markdownx's admin
preview calls it too (MARKDOWNX_MARKDOWNIFY_FUNCTION), so an author previews exactly what
readers get, and a `<script>` or `onerror=` never runs in either place.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from markdown_it import MarkdownIt

from kneesite.paths import is_local_path

# CommonMark (linear time on any input, unlike renderers with backtracking), with tables and
# typographic quotes and dashes.
PARSER = MarkdownIt("commonmark", {"typographer": True}).enable(
    ["table", "strikethrough", "replacements", "smartquotes"]
)
# Every link becomes a link, whatever its scheme: nh3 below is the one place that decides what
# survives (a javascript: address loses its href, and the text stays plain words).
PARSER.validateLink = lambda url: True
MAX_CHARS = 20_000  # the longest Markdown an author may save: about eight pages of text

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
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=same_site_images_only,
        link_rel="noopener noreferrer",
    )


class _LinksAndImages(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images_without_alt, self.local_links = 0, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img" and not (attributes.get("alt") or "").strip():
            self.images_without_alt += 1
        elif tag == "a" and is_local_path(attributes.get("href") or ""):
            self.local_links.append(attributes["href"])


def local_links(source):
    """The addresses on this site a Markdown text links to, as written (e.g. "/guide/x/#y")."""
    parser = _LinksAndImages()
    parser.feed(PARSER.render(source or ""))
    return parser.local_links


# Pages whose address names a piece of content: (URL name, model label, how the slug appears).
CONTENT_PAGES = {
    "articles:article": "articles.Article",
    "articles:exercise": "articles.Exercise",
    "faq:entry": "faq.Entry",
}


def validate_markdown(source):
    """One check for every Markdown field an author writes: each image needs a description
    (alt text), and each link to a page of this site must lead to a page readers can open."""
    if len(source or "") > MAX_CHARS:
        message = f"Keep it under {MAX_CHARS:,} characters (this is {len(source):,}): split it into more sections or entries."
        raise ValidationError(message, code="too_long")
    parser = _LinksAndImages()
    parser.feed(PARSER.render(source or ""))
    errors = []
    if parser.images_without_alt:
        errors.append(
            ValidationError(
                "Describe every image for readers who cannot see it: write the description between "
                "the square brackets, as in ![A glute bridge, hips raised](/media/…).",
                code="image_without_alt",
            )
        )
    for href in parser.local_links:
        if not _opens_for_readers(href):
            errors.append(
                ValidationError(f"The link to {href} leads to no page readers can open.", code="broken_link")
            )
    if errors:
        raise ValidationError(errors)


def _opens_for_readers(href):
    from django.apps import apps

    parts = urlsplit(href)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    label = CONTENT_PAGES.get(match.view_name)
    if label is None:
        return True  # a page of the site that is not a piece of content (the FAQ list, say)
    if not apps.get_model(label).objects.published().filter(slug=match.kwargs["slug"]).exists():
        return False
    if label == "articles.Article" and parts.fragment:
        section = apps.get_model("articles.Section").objects.published()
        return section.filter(article__slug=match.kwargs["slug"], slug=parts.fragment).exists()
    return True
