"""No silent overwrites: two authors open the same item; the first saves; the second's save is
refused, naming who and when and, field by field, what each changed, with everything they
typed kept; saving again merges. Every form is posted as the page renders it (pageforms)."""

import lxml.html
import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains
from reversion.models import Version

from articles.models import Exercise, Question
from faq.models import Entry
from tests.pageforms import post_form, read_form, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def first_versions():
    """As set-up leaves it: every item has a first version."""
    call_command("createinitialrevisions", verbosity=0)


@pytest.fixture
def entry():
    return Entry.objects.get(slug="where-does-runners-knee-hurt")


@pytest.fixture
def exercise():
    return Exercise.objects.filter(is_published=True).first()


def url_of(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"


def both_open(first, second, url):
    """Two authors' forms, both opened before either saves."""
    return read_form(first.get(url)), read_form(second.get(url))


def refusal(response):
    errors = response.context["adminform"].form.non_field_errors().as_data()
    assert errors and errors[0].code == "edit_conflict", errors
    return str(errors[0].message)


def test_the_second_save_is_refused_with_who_when_and_what_and_nothing_is_lost(
    author_client, second_author, entry
):
    url = url_of(entry)
    first, second = both_open(author_client, second_author, url)
    assert post_form(author_client, url, first.change(answer="The first author's answer.")).status_code == 302

    refused = post_form(second_author, url, second.change(answer="The second author's careful rewrite."))
    assert refused.status_code == 200
    message = refusal(refused)
    assertContains(refused, "author saved this on")
    assert "They changed: answer." in message
    assertContains(refused, "The second author&#x27;s careful rewrite.")  # kept in the form
    entry.refresh_from_db()
    assert entry.answer == "The first author's answer."


def test_saving_again_after_a_refusal_saves_it_as_the_form_shows_it(author_client, second_author, entry):
    url = url_of(entry)
    first, second = both_open(author_client, second_author, url)
    post_form(author_client, url, first.change(answer="The first author's answer."))
    refused = post_form(second_author, url, second.change(answer="The second author's careful rewrite."))

    again = post_form(second_author, url, read_form(refused))
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.answer == "The second author's careful rewrite."


def test_saving_again_keeps_the_colleagues_change_to_a_field_you_did_not_touch(
    author_client, second_author, exercise
):
    url = url_of(exercise)
    first, second = both_open(author_client, second_author, url)
    post_form(author_client, url, first.change(progression="Add a second set when it is easy."))

    refused = post_form(second_author, url, second.change(steps="1. Stand tall.\n2. Bend slowly."))
    message = refusal(refused)
    assert "They changed: how to progress." in message  # not steps, not stop if
    assert read_form(refused).get("progression") == "Add a second set when it is easy."

    assert post_form(second_author, url, read_form(refused)).status_code == 302
    exercise.refresh_from_db()
    assert exercise.progression == "Add a second set when it is easy."
    assert exercise.steps == "1. Stand tall.\n2. Bend slowly."


def test_a_field_you_both_changed_shows_their_text_and_keeps_yours_until_you_save_again(
    author_client, second_author, exercise
):
    url = url_of(exercise)
    first, second = both_open(author_client, second_author, url)
    post_form(author_client, url, first.change(stop_if="Stop if it swells."))

    refused = post_form(second_author, url, second.change(stop_if="Stop if it hurts more than 3 out of 10."))
    page = lxml.html.fromstring(refused.content.decode())
    assert page.get_element_by_id("theirs-stop_if").text_content() == "Stop if it swells."
    assert read_form(refused).get("stop_if") == "Stop if it hurts more than 3 out of 10."
    assert "You both changed: stop if." in refusal(refused)

    assert post_form(second_author, url, read_form(refused)).status_code == 302
    exercise.refresh_from_db()
    assert exercise.stop_if == "Stop if it hurts more than 3 out of 10."


def test_the_refusal_links_to_the_diff_of_the_two_versions(author_client, second_author, entry):
    url = url_of(entry)
    first, second = both_open(author_client, second_author, url)
    post_form(author_client, url, first.change(answer="The first author's answer."))
    refused = post_form(second_author, url, second.change(answer="Mine."))

    page = lxml.html.fromstring(refused.content.decode())
    (link,) = page.xpath("//ul[contains(@class, 'nonfield')]//a[text()='Compare the two versions']")
    diff = second_author.get(link.get("href"))
    assertContains(diff, "first author")


def test_an_unchanged_item_saves_without_a_fuss(author_client, entry):
    for answer in ("One.", "Two."):
        assert submit(author_client, url_of(entry), {"answer": answer}).status_code == 302


def test_resubmitting_your_own_committed_save_is_not_a_conflict(author_client, entry):
    url = url_of(entry)
    opened = read_form(author_client.get(url)).change(answer="Sent twice: the first answer was lost.")
    assert post_form(author_client, url, opened).status_code == 302  # committed, answer lost
    assert post_form(author_client, url, opened).status_code == 302  # sent again
    entry.refresh_from_db()
    assert entry.answer == "Sent twice: the first answer was lost."


def test_one_author_in_two_tabs_keeps_the_changes_made_in_both(author_client, exercise):
    url = url_of(exercise)
    tab_1, tab_2 = both_open(author_client, author_client, url)
    assert post_form(author_client, url, tab_1.change(progression="Add a second set.")).status_code == 302

    assert post_form(author_client, url, tab_2.change(steps="1. Stand tall.\n2. Bend.")).status_code == 302

    exercise.refresh_from_db()
    assert exercise.progression == "Add a second set."
    assert exercise.steps == "1. Stand tall.\n2. Bend."


def test_a_resubmitted_save_is_not_recorded_as_changing_the_form_bookkeeping(author_client, entry):
    url = url_of(entry)
    opened = read_form(author_client.get(url)).change(answer="Sent twice.")
    post_form(author_client, url, opened)

    post_form(author_client, url, opened)

    comments = [version.revision.get_comment() for version in Version.objects.get_for_object(entry)]
    assert not any("loaded_version" in comment for comment in comments), comments


@pytest.mark.parametrize("tampered", ["999999", "abc", ""])
def test_a_save_from_an_unknown_version_is_refused_once_then_goes_through(author_client, entry, tampered):
    url = url_of(entry)
    opened = read_form(author_client.get(url)).change(answer="My answer.", loaded_version=tampered)

    refused = post_form(author_client, url, opened)

    errors = refused.context["adminform"].form.non_field_errors().as_data()
    assert [error.code for error in errors] == ["unknown_version"]
    page = lxml.html.fromstring(refused.content.decode())
    assert page.get_element_by_id("theirs-answer").text_content() == entry.answer  # the current text
    assert post_form(author_client, url, read_form(refused)).status_code == 302
    entry.refresh_from_db()
    assert entry.answer == "My answer."


def test_crlf_is_gone_from_stored_markdown_after_a_browser_save(author_client, exercise):
    changes = {"steps": "1. Stand.\n2. Bend.", "progression": "More.\n\nThen more."}
    assert submit(author_client, url_of(exercise), changes).status_code == 302
    exercise.refresh_from_db()
    assert exercise.steps == "1. Stand.\n2. Bend."
    assert "\r" not in exercise.stop_if + exercise.progression
    stored = Version.objects.get_for_object(exercise).first()
    assert stored.field_dict["progression"] == "More.\n\nThen more."


def test_a_save_that_changed_only_the_steps_is_recorded_as_only_that(author_client, exercise):
    assert submit(author_client, url_of(exercise), {"steps": "1. Stand.\n2. Bend."}).status_code == 302
    assert Version.objects.get_for_object(exercise).first().revision.get_comment() == "Changed Steps."


def test_a_question_and_its_answers_are_checked_together(author_client, second_author):
    question = Question.objects.get(slug="walking")
    url = url_of(question)
    first, second = both_open(author_client, second_author, url)
    assert (
        post_form(author_client, url, first.change(text="Does walking hurt your knee at all?")).status_code
        == 302
    )
    refused = post_form(second_author, url, second.change(text="Does walking hurt?"))
    refusal(refused)


def test_saving_a_section_does_not_republish_an_exercise_unpublished_on_its_own_page(
    author_client, second_author, exercise
):
    """Publishing is shown in the section's list of exercises, not editable there: the form a
    colleague had open cannot undo an unpublish made meanwhile on the exercise's own page."""
    section_form = read_form(author_client.get(url_of(exercise.section)))
    assert submit(second_author, url_of(exercise), {"is_published": False}).status_code == 302

    saved = post_form(author_client, url_of(exercise.section), section_form.change(title="A new title"))

    assert saved.status_code == 302
    exercise.refresh_from_db()
    assert not exercise.is_published


def test_two_authors_on_an_item_with_no_version_keep_both_changes(author_client, second_author):
    """An item with no version yet (made outside the admin): opening it gives it a first
    version, so a conflict still merges instead of letting “save again” overwrite."""
    entry = Entry.objects.get(slug="who-gets-runners-knee")
    Version.objects.get_for_object(entry).delete()
    url = url_of(entry)
    first, second = both_open(author_client, second_author, url)
    assert post_form(author_client, url, first.change(question="Who gets it most?")).status_code == 302

    refused = post_form(second_author, url, second.change(answer="Mostly runners who add miles fast."))
    assert "They changed: question." in refusal(refused)
    assert post_form(second_author, url, read_form(refused)).status_code == 302

    entry.refresh_from_db()
    assert entry.question == "Who gets it most?"
    assert entry.answer == "Mostly runners who add miles fast."
