"""The "Authors" group: may add, change, publish and delete the site's content (and the
redirects that slug changes leave), but not manage users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

AUTHORS_GROUP = "Authors"
CONTENT_MODELS = {
    "articles": ["article", "section", "exercise", "source"],
    "faq": ["entry"],
    "redirects": ["redirect"],
}
ACTIONS = ["add", "change", "delete", "view"]


def grant_authors(apps, content_models):
    """Give the Authors group (created if missing) full rights over these models:
    {app_label: [model_name, ...]}. Later migrations call this for the models they add."""
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=AUTHORS_GROUP)
    for app_label, models in content_models.items():
        codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def create_authors_group(apps, schema_editor):
    grant_authors(apps, CONTENT_MODELS)


def remove_authors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=AUTHORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial_content"),
        ("faq", "0001_initial"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_authors_group, remove_authors_group)]
