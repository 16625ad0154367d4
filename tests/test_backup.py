"""Backups: back up, change content and uploads, restore, and find every item, version and
image as it was."""

import pytest
import reversion
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.management import call_command
from reversion.models import Version

from articles.models import Exercise
from faq.models import Entry

from .conftest import load_initial_content

pytestmark = pytest.mark.django_db(transaction=True)  # restoring empties the database


def test_a_backup_restores_content_history_and_uploads(tmp_path, settings):
    load_initial_content()
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "photo.png").write_bytes(b"\x89PNG pretend")
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    with reversion.create_revision():
        entry.answer = "The answer as backed up."
        entry.save()
    versions = Version.objects.count()

    call_command("backup", "--to", str(tmp_path / "backups"), verbosity=0)
    (folder,) = (tmp_path / "backups").iterdir()

    Entry.objects.filter(pk=entry.pk).update(answer="Changed after the backup.")
    # Restoring on another address (a production backup on a test machine, say).
    Site.objects.filter(pk=settings.SITE_ID).update(domain="elsewhere.example")
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/faq/made-after/", new_path="/faq/")
    Exercise.objects.filter(slug="calf-stretch").delete()
    (settings.MEDIA_ROOT / "uploads" / "photo.png").unlink()

    call_command("restore", str(folder), "--noinput", verbosity=0)

    entry.refresh_from_db()
    assert entry.answer == "The answer as backed up."
    assert "The answer as backed up." in entry.answer_html
    assert Exercise.objects.filter(slug="calf-stretch").exists()
    assert Version.objects.count() == versions
    assert (settings.MEDIA_ROOT / "uploads" / "photo.png").read_bytes() == b"\x89PNG pretend"
    assert list(Site.objects.values_list("pk", flat=True)) == [settings.SITE_ID]
    assert not Redirect.objects.filter(old_path="/faq/made-after/").exists()
    assert all(redirect.site_id == settings.SITE_ID for redirect in Redirect.objects.all())
    restored = Version.objects.get_for_object(entry).first()
    assert restored.field_dict["answer"] == "The answer as backed up."  # the history, not just a count
