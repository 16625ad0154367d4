"""Back up everything an operator would miss: the content with its history (versions and the
admin's log of additions, changes and deletions), users and redirects (Django's dumpdata, so it works the same on SQLite and PostgreSQL) and the uploaded
images. `manage.py restore` puts a backup back."""

import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

# Rebuilt by migrate itself, or not worth keeping (sessions, login attempts). The admin's log is
# kept: it is where Recent changes finds deletions.
LEFT_OUT = ["contenttypes", "auth.permission", "sessions", "axes"]


class Command(BaseCommand):
    help = "Write a backup folder: data.json (content, history, admin log, users) and media.tar.gz (uploads)."

    def add_arguments(self, parser):
        parser.add_argument("--to", default="backups", help="Folder to write the backup into.")

    def handle(self, *args, **options):
        folder = Path(options["to"]) / f"kneesite-{timezone.now():%Y%m%d-%H%M%S}"
        folder.mkdir(parents=True)
        # One consistent moment, even while authors save: the dump runs in one transaction (on
        # PostgreSQL a repeatable-read snapshot; on SQLite saves wait for it).
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            self._dump(folder)
        with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="media")
        self.stdout.write(f"Backed up to {folder}")

    @staticmethod
    def _dump(folder):
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=LEFT_OUT,
            output=str(folder / "data.json"),
            verbosity=0,
        )
