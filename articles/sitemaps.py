from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest

from kneesite.sitemaps import PublishedSitemap

from .models import Article, Exercise, Section


class ArticleSitemap(PublishedSitemap):
    model = Article

    def items(self):
        # A guide changes when any of its live sections changes or goes live.
        sections = (
            Section.objects.published()
            .filter(article=OuterRef("pk"))
            .annotate(changed=Greatest("updated_at", "pub_date"))
            .order_by("-changed")
        )
        changed = Subquery(sections.values("changed")[:1])
        return super().items().annotate(sections_changed=changed).order_by("position", "pk")

    def lastmod(self, item):
        return max(filter(None, [super().lastmod(item), item.sections_changed]))


class ExerciseSitemap(PublishedSitemap):
    model = Exercise
