"""Authors never lose work: every save keeps a version with who and when; any two versions
compare as a readable diff; an earlier one restores (text and the page readers see); a deleted
item comes back. Every form here is posted as the page renders it (tests/pageforms.py)."""

import importlib
from types import SimpleNamespace

import lxml.html
import pytest
import reversion
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from articles.models import Choice, Exercise, Question, RedFlag, Section, Source
from faq.models import Entry
from tests.conftest import make_exercise, restore_initial_content
from tests.pageforms import read_form, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return Entry.objects.get(slug="where-does-runners-knee-hurt")


def change_url(entry):
    return f"/admin/faq/entry/{entry.pk}/change/"


def save_twice(author_client, entry):
    """The two versions the saves keep, newest first (the shipped one, from load_content, is older)."""
    for answer in ("The first careful answer.", "A second, hasty answer."):
        assert submit(author_client, change_url(entry), {"answer": answer}).status_code == 302
    return list(Version.objects.get_for_object(entry))[:2]


def test_every_save_keeps_a_version_with_who_and_when(author_client, author, entry):
    before = Version.objects.get_for_object(entry).count()
    versions = save_twice(author_client, entry)
    assert Version.objects.get_for_object(entry).count() == before + 2
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


def test_compare_leaves_out_fields_authors_never_edit(author_client, entry):
    newer, older = save_twice(author_client, entry)
    response = author_client.get(
        f"/admin/faq/entry/{entry.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    html = response.content.decode().lower()
    assert "answer html" not in html
    assert "updated at" not in html
    assert "second, hasty" in html


def test_restoring_a_version_from_its_page_brings_back_the_text_and_the_page(author_client, entry):
    _newer, older = save_twice(author_client, entry)
    restored = submit(author_client, f"/admin/faq/entry/{entry.pk}/history/{older.pk}/")
    assert restored.status_code == 302
    entry.refresh_from_db()
    assert entry.answer == "The first careful answer."
    page = Client().get(entry.get_absolute_url())
    assertContains(page, "The first careful answer.")
    assertNotContains(page, "hasty")
    assert Version.objects.get_for_object(entry).first().revision.get_comment().startswith("Reverted")


def test_a_restore_is_refused_when_someone_saved_after_the_restore_page_was_opened(
    author_client, second_author, entry
):
    _newer, older = save_twice(author_client, entry)
    url = f"/admin/faq/entry/{entry.pk}/history/{older.pk}/"
    opened = read_form(author_client.get(url))
    assert submit(second_author, change_url(entry), {"answer": "A newer answer."}).status_code == 302

    refused = author_client.post(url, opened.data())
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors().as_data()
    assert errors[0].code == "edit_conflict"
    entry.refresh_from_db()
    assert entry.answer == "A newer answer."


def test_restoring_a_version_whose_source_was_deleted_restores_the_rest_and_says_what_was_left_out(
    author_client, entry
):
    added = submit(author_client, "/admin/articles/source/add/", {"citation": "A paper deleted later"})
    assert added.status_code == 302
    source = Source.objects.get(citation="A paper deleted later")
    url = change_url(entry)
    changes = {"sources": [str(source.pk)], "answer": "The answer that cites the paper."}
    assert submit(author_client, url, changes).status_code == 302
    older = Version.objects.get_for_object(entry).first()
    assert submit(author_client, url, {"answer": "A later answer."}).status_code == 302
    assert submit(author_client, f"/admin/articles/source/{source.pk}/delete/").status_code == 302

    restore_url = f"/admin/faq/entry/{entry.pk}/history/{older.pk}/"
    author_client.get("/admin/")  # shows (and so clears) the deletion's own message
    page = lxml.html.fromstring(author_client.get(restore_url).content.decode())
    assert "Sources: “A paper deleted later”" in page.get_element_by_id("left-out").text_content()
    restored = submit(author_client, restore_url, follow=True)
    assertContains(restored, "Left out, deleted since: sources “A paper deleted later”")
    entry.refresh_from_db()
    assert entry.answer == "The answer that cites the paper."
    assert not Source.objects.filter(pk=source.pk).exists()
    assert list(entry.sources.all()) == []


def test_a_deleted_entry_is_recovered_from_its_page(author_client, entry):
    save_twice(author_client, entry)
    pk = entry.pk
    assert submit(author_client, f"/admin/faq/entry/{pk}/delete/").status_code == 302
    assert not Entry.objects.filter(pk=pk).exists()
    deleted = Version.objects.get_deleted(Entry).get(object_id=str(pk))
    assertContains(author_client.get("/admin/faq/entry/recover/"), "Where does runner")

    recovered = submit(author_client, f"/admin/faq/entry/recover/{deleted.pk}/")
    assert recovered.status_code == 302
    assert Entry.objects.get(pk=pk).answer == "A second, hasty answer."


def test_recovering_a_deleted_entry_says_it_was_recovered(author_client, entry):
    pk = entry.pk
    assert submit(author_client, f"/admin/faq/entry/{pk}/delete/").status_code == 302
    deleted = Version.objects.get_deleted(Entry).get(object_id=str(pk))

    recovered = submit(author_client, f"/admin/faq/entry/recover/{deleted.pk}/")

    page = author_client.get(recovered.url)
    assertContains(page, "was recovered.")
    assertNotContains(page, "was changed successfully")


def test_models_authors_edit_are_all_under_version_control():
    from articles.models import Article, Choice, Exercise, Question, RedFlag, Section

    for model in (Article, Section, Exercise, Source, Question, Choice, RedFlag, Entry):
        assert reversion.is_registered(model), model


def test_recent_changes_lists_every_authors_changes_newest_first(author_client, entry):
    save_twice(author_client, entry)
    response = author_client.get("/admin/recent-changes/")
    assertContains(response, "Where does runner")
    assertContains(response, f'href="/admin/faq/entry/{entry.pk}/history/"')
    assertContains(response, "author")
    assertContains(author_client.get("/admin/"), 'href="/admin/recent-changes/"')
    assert Client().get("/admin/recent-changes/").status_code == 302  # staff only: to the login


def test_a_slug_only_edit_is_recorded_as_a_slug_change(author_client, entry):
    assert submit(author_client, change_url(entry), {"slug": "where-it-hurts"}).status_code == 302
    comment = Version.objects.get_for_object(entry).first().revision.get_comment()
    assert comment == "Changed Slug."


def test_converting_stored_line_ends_fixes_rows_and_versions_without_recording_new_ones(entry):
    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("faq.migrations.0010_markdown_plain_line_ends")
    with reversion.create_revision():
        Entry.objects.filter(pk=entry.pk).update(answer="One.\r\n\r\nTwo.")
        entry.refresh_from_db()
        reversion.add_to_revision(entry)
    versions_before = Version.objects.count()

    migration.plain_line_ends(apps, SimpleNamespace(connection=connection))
    entry.refresh_from_db()
    assert entry.answer == "One.\n\nTwo."
    assert Version.objects.get_for_object(entry).first().field_dict["answer"] == "One.\n\nTwo."
    assert Version.objects.count() == versions_before


def test_recovering_an_exercise_whose_section_was_deleted_asks_for_another_section(author_client):
    call_command("createinitialrevisions", verbosity=0)
    exercise = Exercise.objects.filter(is_published=True).first()
    section = exercise.section
    assert submit(author_client, f"/admin/articles/exercise/{exercise.pk}/delete/").status_code == 302
    Exercise.objects.filter(section=section).delete()
    section.delete()
    deleted = Version.objects.get_deleted(Exercise).get(object_id=str(exercise.pk))
    url = f"/admin/articles/exercise/recover/{deleted.pk}/"

    page = lxml.html.fromstring(author_client.get(url).content.decode())
    assert f"Section: “{section.title}”" in page.get_element_by_id("left-out").text_content()
    refused = submit(author_client, url)
    assert refused.context["adminform"].form.errors.as_data()["section"][0].code == "required"
    another = Section.objects.first()
    assert submit(author_client, url, {"section": str(another.pk)}).status_code == 302
    assert Exercise.objects.get(pk=exercise.pk).section == another


@pytest.fixture
def committing_author(django_user_model):
    """An author whose saves really commit (a transactional test): a link to a deleted item then
    fails the database's check at commit, as on the live site. The content is put back first. Also
    a clinical reviewer, so the saves go live at once rather than wait for review."""
    restore_initial_content()
    user = django_user_model.objects.create_user(
        "committer", password="a-long-test-password-3", is_staff=True
    )
    user.groups.add(*Group.objects.filter(name__in=["Authors", "Clinical reviewers"]))
    client = Client()
    client.force_login(user)
    return client


def a_question_with_one_answer():
    question = Question.objects.create(text="How does it feel?", slug="how-does-it-feel", is_published=True)
    Choice.objects.create(question=question, label="It aches after runs", slug="aches", is_published=True)
    return question


def restore_the_older_version(client, question, older):
    """The restore page (its “Left out” box) and the page after saving it, followed."""
    url = f"/admin/articles/question/{question.pk}/history/{older.pk}/"
    client.get("/admin/")  # shows (and so clears) earlier messages
    box = lxml.html.fromstring(client.get(url).content.decode()).get_element_by_id("left-out").text_content()
    return box, submit(client, url, follow=True)


@pytest.mark.django_db(transaction=True)
def test_restoring_a_question_whose_answer_recommends_a_deleted_exercise_leaves_it_out(committing_author):
    question = a_question_with_one_answer()
    with reversion.create_revision():  # kept in History, so the page can name it once deleted
        exercise = make_exercise(title="Wall sit")
    url = f"/admin/articles/question/{question.pk}/change/"
    assert submit(committing_author, url, {"choices-0-exercises": [str(exercise.pk)]}).status_code == 302
    older = Version.objects.get_for_object(question).first()
    assert submit(committing_author, url, {"text": "How does your knee feel?"}).status_code == 302
    deleted = submit(committing_author, f"/admin/articles/exercise/{exercise.pk}/delete/")
    assert deleted.status_code == 302

    box, restored = restore_the_older_version(committing_author, question, older)

    assert "Exercises of the answer choice “It aches after runs”: “Wall sit”" in box
    assert restored.status_code == 200
    assertContains(
        restored, "Left out, deleted since: exercises of the answer choice “It aches after runs” “Wall sit”"
    )
    question.refresh_from_db()
    assert question.text == "How does it feel?"
    assert list(question.choices.get().exercises.all()) == []


@pytest.mark.django_db(transaction=True)
def test_restoring_a_question_whose_answer_pointed_to_a_deleted_red_flag_clears_it(committing_author):
    question = a_question_with_one_answer()
    with reversion.create_revision():  # kept in History, so the page can name it once deleted
        red_flag = RedFlag.objects.create(title="Knee gives way", level=RedFlag.Level.URGENT, source="NHS")
    url = f"/admin/articles/question/{question.pk}/change/"
    assert submit(committing_author, url, {"choices-0-red_flag": str(red_flag.pk)}).status_code == 302
    older = Version.objects.get_for_object(question).first()
    assert submit(committing_author, url, {"choices-0-red_flag": None}).status_code == 302
    RedFlag.objects.filter(pk=red_flag.pk).delete()

    box, restored = restore_the_older_version(committing_author, question, older)

    assert "Red flag of the answer choice “It aches after runs”: “Knee gives way" in box
    assert restored.status_code == 200
    assertContains(restored, "Left out, deleted since: red flag of the answer choice")
    assert question.choices.get().red_flag is None


def test_restoring_an_items_shipped_version_leaves_every_other_item_as_it_is(author_client, entry):
    other = Entry.objects.get(slug="who-gets-runners-knee")
    assert submit(author_client, change_url(entry), {"answer": "An edited answer."}).status_code == 302
    assert submit(author_client, change_url(other), {"answer": "Another edited answer."}).status_code == 302
    shipped = Version.objects.get_for_object(entry).last()
    assert shipped.revision.get_comment() == "Shipped content (manage.py load_content)"

    assert submit(author_client, f"/admin/faq/entry/{entry.pk}/history/{shipped.pk}/").status_code == 302

    other.refresh_from_db()
    assert other.answer == "Another edited answer."
