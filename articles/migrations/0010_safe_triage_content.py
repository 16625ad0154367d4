"""The self-check as safe triage, and the guide's corrections (data in articles/shipped/).

Creates what is new (the knee strengthening exercises and their section), fills in the new
fields of shipped items, and updates shipped texts an author has not edited. Never recreates
what an author deleted (see kneesite/shipped.py)."""

from django.db import migrations

from articles.shipped import load_guide, load_self_check


def update_content(apps, schema_editor):
    using = schema_editor.connection.alias
    load_guide(apps, using, first_load=False)
    load_self_check(apps, using, first_load=False)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_self_check_steps_and_plan")]

    operations = [migrations.RunPython(update_content, migrations.RunPython.noop)]
