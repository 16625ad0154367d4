"""Authors and Clinical reviewers may edit the running programme's stages (left out before)."""

from django.db import migrations

from articles.authors import grant_authors


def grant_roles(apps, schema_editor):
    grant_authors(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_clinical_reviewers_group")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
