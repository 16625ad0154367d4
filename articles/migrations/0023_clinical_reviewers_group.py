"""The Clinical reviewers group: an author's rights, and approving changes to what readers see."""

from django.db import migrations

from articles.authors import grant_authors


def grant_roles(apps, schema_editor):
    grant_authors(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_clinically_checked_on"),
        ("kneesite", "0003_pending_changes"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
