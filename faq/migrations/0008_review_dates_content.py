"""Review dates for the shipped FAQ entries (once loaded here).

Kept so that databases that applied it stay consistent, but it no longer loads anything:
shipped text now arrives only through `manage.py load_content` (kneesite/content_loader.py),
which set-up runs after `migrate`. Run on today's files, this migration would have loaded
today's text into a database of an earlier schema.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0007_review_dates"),
        ("articles", "0015_review_dates_content"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
