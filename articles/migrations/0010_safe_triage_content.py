"""The self-check as safe triage, and the guide's corrections (once loaded here).

It is kept because later migrations depend on it and existing sites have it recorded as
applied. It no longer loads anything: shipped text arrives only through `manage.py load_content`
(kneesite/content_loader.py), which set-up runs after `migrate`. On a database that already holds
content it refuses to run (kneesite/migration_helpers.py): such a database is from a release older
than 676a36a (2026-11-29), and must be upgraded to that release first, then to this one.
"""

from django.db import migrations

from kneesite.migration_helpers import refuse_content_from_an_old_release


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_self_check_steps_and_plan"),
    ]

    operations = [migrations.RunPython(refuse_content_from_an_old_release, migrations.RunPython.noop)]
