from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class KneesiteConfig(AppConfig):
    name = "kneesite"

    def ready(self):
        from kneesite import pagecache

        # Any change to content starts a new content version (see kneesite/pagecache.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.content_changed, dispatch_uid=f"kneesite-content-{signal}")
        post_migrate.connect(pagecache.end_content_version, dispatch_uid="kneesite-content-migrate")
