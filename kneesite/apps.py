from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KneesiteConfig(AppConfig):
    name = "kneesite"

    def ready(self):
        from kneesite import cache, checks  # noqa: F401 (checks: registers the start-up checks)

        cache.watch_content()  # any change to content starts a new content version
        post_migrate.connect(keep_site_in_step, dispatch_uid="kneesite-site-url")


def keep_site_in_step(sender, using="default", **kwargs):
    """The sites framework's domain follows SITE_URL (admin "View on site" links use it)."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.sites.models import Site

    if sender.label != "sites":
        return
    domain = urlsplit(settings.SITE_URL).netloc
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "kneesite"}
    )
