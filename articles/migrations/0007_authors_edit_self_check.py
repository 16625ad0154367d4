"""Let the Authors group edit the self-check: its questions, answer choices and red flags."""

import importlib

from django.db import migrations

authors_group = importlib.import_module("articles.migrations.0003_authors_group")


def grant_self_check(apps, schema_editor):
    authors_group.grant_authors(apps, {"articles": ["question", "choice", "redflag"]})


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_help_text_without_markup")]

    operations = [migrations.RunPython(grant_self_check, migrations.RunPython.noop)]
