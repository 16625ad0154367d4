"""Initial self-check content: questions, answer choices and red flags (data in
articles/shipped/self_check.py). A first load, as in 0002."""

from django.db import migrations

from articles.shipped import load_self_check


def create_self_check(apps, schema_editor):
    load_self_check(apps, schema_editor.connection.alias, first_load=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial_content"),
        ("articles", "0004_self_check"),
    ]

    operations = [
        migrations.RunPython(create_self_check, migrations.RunPython.noop),
    ]
