"""Re-render stored HTML now that "(c)", "(r)" and "(tm)" stay as typed (kneesite/markdown.py)."""

from django.db import migrations

from kneesite.migration_helpers import rerender_stored

# The Markdown fields as of this migration: (model, [(source field, HTML field), ...]).
MARKDOWN_FIELDS = [
    ("Section", [("body", "body_html")]),
    ("Exercise", [("steps", "steps_html"), ("progression", "progression_html"), ("stop_if", "stop_if_html")]),
]


def rerender(apps, schema_editor):
    for model_name, fields in MARKDOWN_FIELDS:
        model = apps.get_model("articles", model_name)
        rerender_stored(model.objects.using(schema_editor.connection.alias), fields)


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_markdown_plain_line_ends")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
