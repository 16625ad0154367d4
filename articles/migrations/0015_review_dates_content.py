"""Review dates for the shipped sections and exercises (see kneesite/shipped.py)."""

from django.db import migrations

from articles.shipped import load_guide


def add_review_dates(apps, schema_editor):
    load_guide(apps, schema_editor.connection.alias, first_load=False)


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_review_dates")]

    operations = [migrations.RunPython(add_review_dates, migrations.RunPython.noop)]
