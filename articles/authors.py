"""The "Authors" group: may add, change, publish and delete the site's content (and the
redirects that slug changes leave), but not manage users or groups. Migrations 0003 and 0007
create it; tests that empty the database create it again."""

from django.contrib.auth.management import create_permissions

AUTHORS_GROUP = "Authors"
# Everything authors may add, change, publish and delete; not users or groups.
AUTHORS_MODELS = {
    "articles": ["article", "section", "exercise", "source", "question", "choice", "redflag"],
    "faq": ["entry"],
    "redirects": ["redirect"],
}
ACTIONS = ["add", "change", "delete", "view"]


def grant_authors(apps, content_models=AUTHORS_MODELS):
    """Give the Authors group (created if missing) full rights over the content models that
    exist in `apps` (a migration's historical models, or the project's)."""
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)  # unset in a migration's registry
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=AUTHORS_GROUP)
    for app_label, models in content_models.items():
        codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
