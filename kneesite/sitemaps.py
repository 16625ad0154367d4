"""What every sitemap of the site shares: absolute URLs on the configured SITE_URL (never the
request's host or example.com), only published content, and lastmod from its own change time."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class PublishedSitemap(Sitemap):
    model = None  # a Publishable model with a page

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def items(self):
        return self.model.objects.published()

    def lastmod(self, item):
        return item.updated_at
