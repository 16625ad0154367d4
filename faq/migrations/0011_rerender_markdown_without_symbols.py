"""Re-render stored HTML now that "(c)", "(r)" and "(tm)" stay as typed (kneesite/markdown.py)."""

from django.db import migrations

from kneesite.migration_helpers import rerender_stored


def rerender(apps, schema_editor):
    entries = apps.get_model("faq", "Entry").objects.using(schema_editor.connection.alias)
    rerender_stored(entries, [("answer", "answer_html")])


class Migration(migrations.Migration):
    dependencies = [("faq", "0010_markdown_plain_line_ends")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
