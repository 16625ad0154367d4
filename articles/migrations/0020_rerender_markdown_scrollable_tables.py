"""Re-render stored HTML now that each table sits in its own region that scrolls sideways
(kneesite/markdown.py scrollable_tables)."""

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
    dependencies = [("articles", "0019_exercise_picture_help_scaled")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
