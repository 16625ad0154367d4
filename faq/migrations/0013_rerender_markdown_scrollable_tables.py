"""Re-render stored HTML now that each table sits in its own region that scrolls sideways
(kneesite/markdown.py scrollable_tables)."""

from django.db import migrations

from kneesite.migration_helpers import rerender_stored


def rerender(apps, schema_editor):
    entries = apps.get_model("faq", "Entry").objects.using(schema_editor.connection.alias)
    rerender_stored(entries, [("answer", "answer_html")])


class Migration(migrations.Migration):
    dependencies = [("faq", "0012_next_review_a_year_on")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
