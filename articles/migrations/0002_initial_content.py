"""Initial content: the guide, its sections, exercises and sources (data in articles/shipped/guide.py).

A first load: what is missing is created; existing rows keep an author's edits (see kneesite/shipped.py).
"""

from django.db import migrations

from articles.shipped import load_guide


def create_content(apps, schema_editor):
    load_guide(apps, schema_editor.connection.alias, first_load=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_content, migrations.RunPython.noop),
    ]
