"""A drawing for every shipped exercise (static/img/exercises/), with its description for
readers who cannot see it (data in articles/shipped/guide.py, see kneesite/shipped.py)."""

from django.db import migrations

from articles.shipped import load_guide


def add_illustrations(apps, schema_editor):
    load_guide(apps, schema_editor.connection.alias, first_load=False)


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_exercise_illustrations")]

    operations = [migrations.RunPython(add_illustrations, migrations.RunPython.noop)]
