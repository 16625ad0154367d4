"""Initial content: the runner's knee FAQ (data in faq/shipped.py). A first load, as in
articles 0002."""

from django.db import migrations

from faq.shipped import load


def create_entries(apps, schema_editor):
    load(apps, schema_editor.connection.alias, first_load=True)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0001_initial"),
        ("articles", "0002_initial_content"),
    ]

    operations = [
        migrations.RunPython(create_entries, migrations.RunPython.noop),
    ]
