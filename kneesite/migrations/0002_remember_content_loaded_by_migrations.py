"""Remember the content that earlier releases loaded through data migrations, so that
`manage.py load_content` can take over (see kneesite/content_loader.py).

On a site whose database holds shipped content, every item release 676a36a shipped (the last to
load content by data migrations) is remembered as shipped (one that is missing was deleted by an
author, and is never re-created), and each field that still holds exactly the text that release
shipped gets that text's hash, so load_content then brings it up to date; any other field is
treated as the author's and is never overwritten. It compares with the record of that release
(kneesite/migrations/shipped_at_676a36a.json), not with the files of the release running it. A
fresh database (no shipped item in it) is left alone: load_content creates and remembers
everything. A site from a release older than 676a36a
(2026-11-29), whose earlier data migrations have not all run, never gets here: the first of them
refuses (kneesite/migration_helpers.py), since the content they once loaded would be taken for an
author's deletions and edits. Upgrade it to 676a36a first, then to this release.
"""

from django.db import migrations

from kneesite.content_loader import remember_loaded_content


def remember(apps, schema_editor):
    remember_loaded_content(apps, schema_editor.connection.alias)


def forget(apps, schema_editor):
    apps.get_model("kneesite", "ShippedItem").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kneesite", "0001_shipped_items_and_texts"),
        ("articles", "0019_exercise_picture_help_scaled"),  # the latest: its text and fields as they now are
        ("faq", "0012_next_review_a_year_on"),
    ]

    operations = [migrations.RunPython(remember, forget)]
