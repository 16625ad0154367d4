from kneesite.sitemaps import PublishedSitemap

from .models import Entry


class EntrySitemap(PublishedSitemap):
    model = Entry
