"""Functions the data migrations call. Each takes the migration's historical models (`apps`),
never today's, so it works whatever later releases change."""

from django.core.management import CommandError

UPGRADE_FIRST = (
    "This database is from a release older than 676a36a (2026-11-29): upgrade to that release "
    "first, then to this one."
)


def refuse_content_from_an_old_release(apps, schema_editor):
    """RunPython function for the emptied data migrations that once loaded shipped content.

    On a fresh database no content exists while migrating (`load_content` runs after `migrate`),
    so this does nothing; a database at 676a36a or later has these migrations applied, so it never
    runs. Only a database from an older release reaches it holding content, and that release's
    missing content and earlier texts would then be taken for an author's deletions and edits.
    Raises `CommandError` (`migrate` stops with that message, this migration is not recorded)
    if any guide or FAQ entry exists.
    """
    using = schema_editor.connection.alias
    for label in ["articles.Article", "faq.Entry"]:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue  # that app's tables are not yet in this migration's state
        if model._base_manager.using(using).exists():
            raise CommandError(UPGRADE_FIRST)
