"""Put a backup written by `manage.py backup` back: the database is emptied, then loaded from
the backup's data.json, and its uploaded images are unpacked into MEDIA_ROOT."""

import tarfile
from pathlib import Path

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Replace the database's content and the uploaded images with a backup folder's."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by `manage.py backup`.")
        parser.add_argument("--noinput", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        data, media = folder / "data.json", folder / "media.tar.gz"
        if not data.exists():
            raise CommandError(f"{folder} holds no data.json: is it a backup folder?")
        if not options["noinput"] and input(f"Replace everything with {folder}? Type yes: ") != "yes":
            raise CommandError("Nothing was changed.")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(data), verbosity=0)
            # A backup from another address brings its own site: keep this one, with every
            # redirect on it (the sites framework follows SITE_URL, see kneesite/apps.py).
            Redirect.objects.exclude(site_id=settings.SITE_ID).update(site_id=settings.SITE_ID)
            Site.objects.exclude(pk=settings.SITE_ID).delete()
        if media.exists():
            with tarfile.open(media) as archive:
                members = [
                    m for m in archive.getmembers() if m.name == "media" or m.name.startswith("media/")
                ]
                for member in members:
                    member.name = member.name.removeprefix("media").lstrip("/") or "."
                archive.extractall(settings.MEDIA_ROOT, members=members, filter="data")
        self.stdout.write(f"Restored from {folder}")
