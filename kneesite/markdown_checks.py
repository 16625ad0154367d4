"""What an author's Markdown must pass before it is saved: a length readers can take in, a
description for every image, and links to this site that lead to a page readers can open.

A link is checked by resolving its address: when the address names one piece of content (a
model declaring that page's URL name as `page_url_name`), that item must be live
(`published()`), and an `#anchor` must be one of the item's `anchors()` when it has them. An
address that only redirects now (an old slug) is refused with the page it moved to. An address
without its trailing slash is checked as Django's APPEND_SLASH would open it (with the slash), and
a full address on this site (settings.SITE_URL's scheme and host) like the path it holds. This
module knows no app: it finds those models through the app registry.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve

from kneesite.markdown import IMAGE_PLACEHOLDER, MAX_CHARS, PARSER
from kneesite.paths import is_local_path


def validate_markdown(source):
    """Raise a ValidationError listing every problem of `source` (a Markdown string), each with
    a code: too_long, image_without_alt, image_placeholder, broken_link, moved."""
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
    if parser.images_with_placeholder:
        errors.append(
            ValidationError(
                f"Replace “{IMAGE_PLACEHOLDER}” with what the picture shows, for readers who cannot see it.",
                code="image_placeholder",
            )
        )
    errors += [error for href in parser.local_links if (error := link_error(href))]
    if errors:
        raise ValidationError(errors)


def local_links(source):
    """The addresses on this site a Markdown text links to, as written (e.g. "/guide/x/#y")."""
    parser = _LinksAndImages()
    parser.feed(PARSER.render(source or ""))
    return parser.local_links


class _LinksAndImages(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images_without_alt, self.images_with_placeholder, self.local_links = 0, 0, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img" and not (attributes.get("alt") or "").strip():
            self.images_without_alt += 1
        elif tag == "img" and attributes["alt"].strip().casefold() == IMAGE_PLACEHOLDER.casefold():
            self.images_with_placeholder += 1
        elif tag == "a" and is_local_path(site_path(attributes.get("href") or "")):
            self.local_links.append(attributes["href"])


def site_path(href):
    """`href` with this site's own scheme and host (settings.SITE_URL) taken off
    ("https://example.org/faq/x/#y" -> "/faq/x/#y"); any other address unchanged."""
    parts, site = urlsplit(href), urlsplit(settings.SITE_URL)
    if not parts.scheme or (parts.scheme, parts.netloc.lower()) != (site.scheme, site.netloc.lower()):
        return href
    return parts._replace(scheme="", netloc="", path=parts.path or "/").geturl()


def link_error(href):
    """None if `href` (an address on this site, "/faq/x/#part" or the full address) opens a page readers can see,
    else the ValidationError to show: `moved` naming the new address when it only redirects
    there now (the link would break with the redirect), else `broken_link`."""
    parts = urlsplit(site_path(href))
    path = _with_appended_slash(parts.path)
    if _opens_for_readers(path, parts.fragment):
        return None
    moved_to = _redirect_target(parts.path) or _redirect_target(path)
    if moved_to and _opens_for_readers(moved_to, parts.fragment):
        new_href = f"{moved_to}#{parts.fragment}" if parts.fragment else moved_to
        return ValidationError(f"The page {href} moved to {new_href}: link there instead.", code="moved")
    return ValidationError(f"The link to {href} leads to no page readers can open.", code="broken_link")


def _with_appended_slash(path):
    """`path` as Django's CommonMiddleware (APPEND_SLASH) opens it: with a "/" added when only
    that form is a page of the site."""
    if (
        settings.APPEND_SLASH
        and not path.endswith("/")
        and content_named(path) is None
        and content_named(f"{path}/") is not None
    ):
        return f"{path}/"
    return path


def content_named(path):
    """Which piece of content the address `path` ("/faq/x/") is the page of: (model, lookup),
    the lookup being the URL's arguments, which name the item's fields ({"slug": "x"}); (None, {})
    for a page of the site that is not one piece of content (the FAQ list, say); None when no
    page has that address."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    model = content_pages().get(match.view_name)
    return (model, match.kwargs) if model else (None, {})


def _opens_for_readers(path, fragment):
    named = content_named(path)
    if named is None:
        return False
    model, lookup = named
    if model is None:
        return True
    item = model.objects.published().filter(**lookup).first()
    if item is None:
        return False
    return not fragment or not hasattr(item, "anchors") or fragment in item.anchors()


def content_pages():
    """Models with a page per item, by that page's URL name ("faq:entry" -> Entry)."""
    return {
        model.page_url_name: model for model in apps.get_models() if getattr(model, "page_url_name", None)
    }


def _redirect_target(path):
    """Where contrib.redirects sends readers who open `path`, if anywhere ("" means gone)."""
    redirect = Redirect.objects.filter(site=Site.objects.get_current(), old_path=path).first()
    return redirect.new_path if redirect and redirect.new_path else None
