"""Backups: back up, change content and uploads, restore, and find every item, version and
image as it was."""

import pytest
import reversion
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.test import Client
from pytest_django.asserts import assertContains
from reversion.models import Version

from articles.models import Exercise
from faq.models import Entry

from .conftest import restore_initial_content
from .pageforms import submit

pytestmark = pytest.mark.django_db(transaction=True)  # restoring empties the database


def test_a_backup_restores_content_history_and_uploads(tmp_path, settings):
    restore_initial_content()
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


def test_a_deletion_is_still_in_recent_changes_after_a_restore(tmp_path, django_user_model):
    restore_initial_content()
    author = Client()
    author.force_login(django_user_model.objects.create_superuser("editor", password=None))
    exercise = Exercise.objects.get(slug="calf-stretch")
    assert submit(author, f"/admin/articles/exercise/{exercise.pk}/delete/").status_code == 302
    assertContains(author.get("/admin/recent-changes/"), "Calf stretch")

    call_command("backup", "--to", str(tmp_path / "backups"), verbosity=0)
    (folder,) = (tmp_path / "backups").iterdir()
    call_command("restore", str(folder), "--noinput", verbosity=0)

    author.force_login(django_user_model.objects.get(username="editor"))
    recent = author.get("/admin/recent-changes/")
    assertContains(recent, "Calf stretch")
    assertContains(recent, "Deleted")
