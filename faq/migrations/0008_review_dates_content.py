"""Review dates for the shipped FAQ entries (see kneesite/shipped.py)."""

from django.db import migrations

from faq.shipped import load


def add_review_dates(apps, schema_editor):
    load(apps, schema_editor.connection.alias, first_load=False)


class Migration(migrations.Migration):
    dependencies = [("faq", "0007_review_dates"), ("articles", "0015_review_dates_content")]

    operations = [migrations.RunPython(add_review_dates, migrations.RunPython.noop)]
