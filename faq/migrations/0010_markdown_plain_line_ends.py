"""FAQ answers saved from a browser were stored with CRLF line ends: store them (and their
stored versions) with plain `\\n`, so diffs and History name only fields that really changed."""

from django.db import migrations

from kneesite.migration_helpers import convert_stored_line_ends


def plain_line_ends(apps, schema_editor):
    convert_stored_line_ends(apps, schema_editor.connection.alias, "faq.Entry", ["answer"])


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0009_published_order_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(plain_line_ends, migrations.RunPython.noop)]
