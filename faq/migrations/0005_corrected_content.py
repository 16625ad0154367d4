"""The FAQ's corrections, sources and self-check suggestions (data in faq/shipped.py): updates
shipped answers an author has not edited, and links the guide's new sections and the self-check
answers each entry follows (see kneesite/shipped.py)."""

from django.db import migrations

from faq.shipped import load


def update_entries(apps, schema_editor):
    load(apps, schema_editor.connection.alias, first_load=False)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0004_suggested_after_answers"),
        ("articles", "0010_safe_triage_content"),
    ]

    operations = [migrations.RunPython(update_entries, migrations.RunPython.noop)]
