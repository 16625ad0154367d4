"""The FAQ's corrections and sources (data in faq/shipped.py): updates shipped answers an
author has not edited, and links the guide's new sections (see kneesite/shipped.py)."""

from django.db import migrations

from faq.shipped import load


def update_entries(apps, schema_editor):
    load(apps, schema_editor.connection.alias, first_load=False)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0003_help_text_without_markup"),
        ("articles", "0010_safe_triage_content"),
    ]

    operations = [migrations.RunPython(update_entries, migrations.RunPython.noop)]
