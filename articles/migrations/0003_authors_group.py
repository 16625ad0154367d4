"""The "Authors" group: may add, change, publish and delete the site's content (and the
redirects that slug changes leave), but not manage users or groups."""

from django.db import migrations

from articles.authors import AUTHORS_GROUP, grant_authors


def create_authors_group(apps, schema_editor):
    grant_authors(apps)


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
