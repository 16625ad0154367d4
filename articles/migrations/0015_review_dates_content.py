"""Review dates for the shipped sections and exercises (once loaded here).

Kept so that databases that applied it stay consistent, but it no longer loads anything:
shipped text now arrives only through `manage.py load_content` (kneesite/content_loader.py),
which set-up runs after `migrate`. Run on today's files, this migration would have loaded
today's text into a database of an earlier schema.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_review_dates"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
