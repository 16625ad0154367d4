"""Authors never lose work: every save keeps a version with who and when; any two versions
compare as a readable diff; an earlier one restores (text and the page readers see); a deleted
item comes back."""

import pytest
import reversion
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from faq.models import Entry

pytestmark = pytest.mark.django_db


def change_form(entry, answer):
    return {
        "question": entry.question,
        "slug": entry.slug,
        "answer": answer,
        "position": str(entry.position),
        "is_published": "on",
        "pub_date_0": "2026-01-01",
        "pub_date_1": "09:00:00",
    }


@pytest.fixture
def entry():
    return Entry.objects.get(slug="where-does-runners-knee-hurt")


def save_twice(author_client, entry):
    url = f"/admin/faq/entry/{entry.pk}/change/"
    for answer in ("The first careful answer.", "A second, hasty answer."):
        opened = author_client.get(url).context["adminform"].form["loaded_version"].value()
        form = {**change_form(entry, answer), "loaded_version": opened or ""}
        assert author_client.post(url, form).status_code == 302
    return list(Version.objects.get_for_object(entry))  # newest first


def test_every_save_keeps_a_version_with_who_and_when(author_client, author, entry):
    versions = save_twice(author_client, entry)
    assert len(versions) == 2
    assert all(v.revision.user == author and v.revision.date_created for v in versions)
    history = author_client.get(f"/admin/faq/entry/{entry.pk}/history/")
    assertContains(history, "author")


def test_two_versions_compare_as_a_readable_diff(author_client, entry):
    newer, older = save_twice(author_client, entry)
    response = author_client.get(
        f"/admin/faq/entry/{entry.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "first careful" in html and "second, hasty" in html
    assert "<del>" in html or "<ins>" in html


def test_restoring_a_version_brings_back_the_text_and_the_page(author_client, entry):
    _newer, older = save_twice(author_client, entry)
    url = f"/admin/faq/entry/{entry.pk}/history/{older.pk}/"
    form = author_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["loaded_version"] = form["loaded_version"].value() or ""
    data.update(
        {
            "is_published": "on",
            "pub_date_0": "2026-01-01",
            "pub_date_1": "09:00:00",
            "related_sections": [],
            "related_exercises": [],
            "sources": [],
            "suggested_after": [],
        }
    )
    assert author_client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.answer == "The first careful answer."
    page = Client().get(entry.get_absolute_url())
    assertContains(page, "The first careful answer.")
    assertNotContains(page, "hasty")
    assert len(Version.objects.get_for_object(entry)) == 3  # the restore is a version too


def test_a_deleted_entry_can_be_recovered(author_client, entry):
    save_twice(author_client, entry)
    pk = entry.pk
    assert author_client.post(f"/admin/faq/entry/{pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Entry.objects.filter(pk=pk).exists()
    deleted = Version.objects.get_deleted(Entry).get(object_id=str(pk))
    recover = author_client.get("/admin/faq/entry/recover/")
    assertContains(recover, "Where does runner")
    url = f"/admin/faq/entry/recover/{deleted.pk}/"
    form = author_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["loaded_version"] = form["loaded_version"].value() or ""
    data.update({"is_published": "on", "pub_date_0": "2026-01-01", "pub_date_1": "09:00:00"})
    assert author_client.post(url, data).status_code == 302
    assert Entry.objects.filter(pk=pk).exists()


def test_models_authors_edit_are_all_under_version_control():
    from articles.models import Article, Choice, Exercise, Question, RedFlag, Section, Source

    for model in (Article, Section, Exercise, Source, Question, Choice, RedFlag, Entry):
        assert reversion.is_registered(model), model


def test_recent_changes_lists_every_authors_changes_newest_first(author_client, entry, django_user_model):
    save_twice(author_client, entry)
    response = author_client.get("/admin/recent-changes/")
    assertContains(response, "Where does runner")
    assertContains(response, f'href="/admin/faq/entry/{entry.pk}/history/"')
    assertContains(response, "author")
    assertContains(author_client.get("/admin/"), 'href="/admin/recent-changes/"')
    assert Client().get("/admin/recent-changes/").status_code == 302  # staff only: to the login
