"""The site's one public address (settings.SITE_URL, from DJANGO_SITE_URL). Every absolute link
the site prints is built here: canonical links, link previews, the sitemap, robots.txt and
calendar files. Never from the request's Host header, which differs behind a proxy, on another
port or under a second host name, so each copy of a page would name itself canonical."""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(path):
    """`path` (a URL path with any query string, "/faq/x/?page=2") on the site's address:
    "https://kneesite.example/faq/x/?page=2". An already absolute URL (a static file on a CDN)
    comes back as it is."""
    return urljoin(settings.SITE_URL + "/", path)
