"""Let the Authors group edit the self-check: its questions, answer choices and red flags."""

from django.db import migrations

from articles.authors import grant_authors


def grant_self_check(apps, schema_editor):
    grant_authors(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_help_text_without_markup")]

    operations = [migrations.RunPython(grant_self_check, migrations.RunPython.noop)]
