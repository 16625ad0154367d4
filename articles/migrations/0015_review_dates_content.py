"""Review dates for the shipped sections and exercises (once loaded here).

It is kept, empty, because later migrations depend on it and existing sites have it recorded
as applied. It no longer loads anything: shipped text arrives only through `manage.py
load_content` (kneesite/content_loader.py), which set-up runs after `migrate`. Loading here
ran today's files against an earlier release's tables.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_review_dates"),
    ]

    operations = []
