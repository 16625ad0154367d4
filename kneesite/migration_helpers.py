"""Functions the data migrations call: refusing a database too old to upgrade in one step,
converting stored line ends, re-rendering stored HTML. Each works on the migration's historical
models (its `apps`, or a queryset of them), never today's, so it works whatever later releases
change."""

import json

from django.core.management import CommandError
from django.db.models import F, Q, Value
from django.db.models.functions import Replace

from kneesite.markdown import render
from kneesite.markdown_field import plain_line_ends

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


def rerender_stored(queryset, markdown_fields):
    """Bring the HTML stored beside Markdown up to date with `render` after the renderer changed
    (data migrations call this with a historical model's queryset). `markdown_fields` is a list of
    (source field, HTML field) pairs. Only rows whose HTML differs are written, with `update()`,
    so no `updated_at`, signal or History version is touched. Returns how many rows changed."""
    changed = 0
    for row in queryset.only("pk", *(name for pair in markdown_fields for name in pair)).iterator():
        fresh = {html: render(getattr(row, source)) for source, html in markdown_fields}
        stale = {html: value for html, value in fresh.items() if getattr(row, html) != value}
        if stale:
            queryset.filter(pk=row.pk).update(**stale)
            changed += 1
    return changed


def convert_stored_line_ends(apps, using, model_label, field_names):
    """For a data migration: give `model_label`'s Markdown `field_names` plain line ends in its
    rows and in every stored version of them (django-reversion), so old and new versions compare
    equal where only line ends differ. Rows are updated in place: no signal, no new version."""
    model = apps.get_model(model_label)
    has_cr = Q.create([(f"{name}__contains", "\r") for name in field_names], connector=Q.OR)
    model.objects.using(using).filter(has_cr).update(
        **{
            name: Replace(Replace(F(name), Value("\r\n"), Value("\n")), Value("\r"), Value("\n"))
            for name in field_names
        }
    )
    app_label, model_name = model_label.lower().split(".")
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.using(using)
        .filter(app_label=app_label, model=model_name)
        .first()
    )
    if content_type is None:
        return
    versions = apps.get_model("reversion", "Version").objects.using(using)
    for version in versions.filter(content_type=content_type, serialized_data__contains="\\r"):
        data = json.loads(version.serialized_data)
        for item in data:
            fields = item.get("fields", {})
            for name in field_names:
                if isinstance(fields.get(name), str):
                    fields[name] = plain_line_ends(fields[name])
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])
