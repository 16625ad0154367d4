from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Guide and exercises"

    def ready(self):
        from . import views  # noqa: F401  (registers what to prepare for readers after an edit)
