"""What every sitemap of the site shares: absolute URLs on the site's one address (never the
request's host or example.com), only published content, and lastmod from when readers last saw
it change."""

from operator import attrgetter
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap

from kneesite.address import absolute_url


class PublishedSitemap(Sitemap):
    model = None  # a Publishable model with a page

    # Django joins "{protocol}://{domain}{location}": the two halves of the site's address.
    @property
    def protocol(self):
        return urlsplit(absolute_url("/")).scheme

    def get_domain(self, site=None):
        return urlsplit(absolute_url("/")).netloc

    def items(self):
        items = self.model.objects.published()
        # The parents lastmod reads (select_related() with no names would follow every key).
        return items.select_related(*self.model.published_with) if self.model.published_with else items

    def lastmod(self, item):
        """The later of its change time and the time it went live: a scheduled item changes for
        readers when it appears, and so does an item whose parent (`published_with`) was
        scheduled, since it appears with it."""
        parents = (attrgetter(path.replace("__", "."))(item) for path in self.model.published_with)
        return max([item.updated_at, item.pub_date, *(parent.pub_date for parent in parents)])
