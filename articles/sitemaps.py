from django.db.models import Max, Q
from django.utils import timezone

from kneesite.sitemaps import PublishedSitemap

from .models import Article, Exercise


class ArticleSitemap(PublishedSitemap):
    model = Article

    def items(self):
        # A guide changes when any of its live sections does.
        now = timezone.now()
        live = Q(sections__is_published=True, sections__pub_date__lte=now)
        changed = Max("sections__updated_at", filter=live)
        return super().items().annotate(sections_changed=changed).order_by("position", "pk")

    def lastmod(self, item):
        return max(filter(None, [item.updated_at, item.sections_changed]))


class ExerciseSitemap(PublishedSitemap):
    model = Exercise
