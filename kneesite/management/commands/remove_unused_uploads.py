"""List uploaded pictures that nothing saved refers to, and remove them with --delete.

An image dropped into a Markdown field is stored at once, before the text is saved, so a text
never saved (or later changed) leaves its pictures behind. A file counts as used while any saved
row mentions it: the text of any item, an exercise's picture, any version in an item's
History (so restoring an old version never brings back a broken image), or a change awaiting
review (kept as JSON).
"""

import datetime
import json
import re
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone

# A picture dropped into a text the author has not saved yet is unused until the save. The page
# keeps unsaved text as a browser draft it offers back (static/js/admin-unsaved-work.js), so give
# such a draft a week before its pictures count as left behind.
MIN_AGE_HOURS = 168


def upload_folders():
    """The folders (relative to MEDIA_ROOT, ending in "/") that uploads are stored in: the
    Markdown editors' and every file field's."""
    folders = {settings.MARKDOWNX_MEDIA_PATH}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and isinstance(field.upload_to, str) and field.upload_to:
                folders.add(field.upload_to)
    return sorted(folder.rstrip("/") + "/" for folder in folders)


def files_in(folder):
    """Every stored file's name under `folder`, subfolders included; none if it does not exist."""
    try:
        subfolders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    yield from (folder + name for name in files)
    for subfolder in subfolders:
        yield from files_in(f"{folder}{subfolder}/")


def referenced_names(folders):
    """The names of uploads (as "uploads/x.png") that any saved text or file field mentions."""
    mention = re.compile("(?:" + "|".join(re.escape(folder) for folder in folders) + r")[^\s\"'()<>\[\]]+")
    text_fields = (models.CharField, models.TextField, models.FileField, models.JSONField)
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, text_fields):
                continue
            values = model._base_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
            for value in values.iterator():
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                names.update(unquote(name) for name in mention.findall(text or ""))
    return names


class Command(BaseCommand):
    help = (
        "List uploaded pictures that no saved text, exercise or History version uses "
        "(a dry run); with --delete, remove them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove the unused files listed.")
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=MIN_AGE_HOURS,
            help=(
                f"Leave files younger than this (default {MIN_AGE_HOURS}, a week): an author may still "
                "be writing the text, or have it in a draft the browser kept."
            ),
        )

    def handle(self, *args, delete=False, min_age_hours=MIN_AGE_HOURS, **options):
        folders = upload_folders()
        used = referenced_names(folders)
        cutoff = timezone.now() - datetime.timedelta(hours=min_age_hours)
        unused = [
            name
            for folder in folders
            for name in files_in(folder)
            if name not in used and default_storage.get_modified_time(name) < cutoff
        ]
        total = 0
        for name in unused:
            size = default_storage.size(name)
            total += size
            self.stdout.write(f"{name}  ({size / 1000:,.0f} kB)")
            if delete:
                default_storage.delete(name)
        summary = f"{len(unused)} unused upload(s), {total / 1_000_000:.1f} MB"
        if not unused:
            self.stdout.write(f"No unused uploads older than {min_age_hours:g} hours.")
        elif delete:
            self.stdout.write(f"Removed {summary}.")
        else:
            self.stdout.write(f"{summary}. Nothing was removed: run again with --delete to remove them.")
