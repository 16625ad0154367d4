"""Initial self-check content: questions, answer choices and red flags (once loaded here).

It is kept, empty, because later migrations depend on it and existing sites have it recorded
as applied. It no longer loads anything: shipped text arrives only through `manage.py
load_content` (kneesite/content_loader.py), which set-up runs after `migrate`. Loading here
ran today's files against an earlier release's tables.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial_content"),
        ("articles", "0004_self_check"),
    ]

    operations = []
