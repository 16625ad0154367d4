from django.db.models import OuterRef, Subquery

from kneesite.sitemaps import PublishedSitemap

from .models import Article, Exercise, Section


class ArticleSitemap(PublishedSitemap):
    model = Article

    def items(self):
        # A guide changes when any of its live sections does.
        sections = Section.objects.published().filter(article=OuterRef("pk")).order_by("-updated_at")
        changed = Subquery(sections.values("updated_at")[:1])
        return super().items().annotate(sections_changed=changed).order_by("position", "pk")

    def lastmod(self, item):
        return max(filter(None, [item.updated_at, item.sections_changed]))


class ExerciseSitemap(PublishedSitemap):
    model = Exercise
