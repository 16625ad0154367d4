"""Markdown saved from a browser was stored with CRLF line ends: store it (and its stored
versions) with plain `\\n`, so diffs and History name only fields that really changed."""

from django.db import migrations

from kneesite.migration_helpers import convert_stored_line_ends


def plain_line_ends(apps, schema_editor):
    using = schema_editor.connection.alias
    convert_stored_line_ends(apps, using, "articles.Section", ["body"])
    convert_stored_line_ends(apps, using, "articles.Exercise", ["steps", "progression", "stop_if"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_review_dates_content"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(plain_line_ends, migrations.RunPython.noop)]
