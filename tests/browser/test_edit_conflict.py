"""Two authors on one item, in real browsers (two contexts, two sign-ins): the second save is
refused with a clear message, what the second author typed is still in the editor, the
refusal's link opens the diff, and saving again keeps the colleague's change too."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Exercise
from faq.models import Entry
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def save(page):
    page.get_by_role("button", name="Save", exact=True).first.click()


@pytest.fixture(autouse=True)
def first_versions(initial_content):
    """As set-up leaves it: every item has a first version to compare with."""
    call_command("createinitialrevisions", verbosity=0)


@pytest.fixture
def two_authors(signed_in_author):
    return signed_in_author("first"), signed_in_author("second")


def refused_second_save(live_server, two_authors, item, first_changes, second_changes):
    """Both authors open `item`; the first saves `first_changes` ({selector: text}), then the
    second saves `second_changes` and is refused. Returns the second author's page."""
    first, second = two_authors
    url = f"{live_server.url}/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"
    first.goto(url)
    second.goto(url)
    for selector, text in first_changes.items():
        first.locator(selector).fill(text)
    save(first)
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")
    for selector, text in second_changes.items():
        second.locator(selector).fill(text)
    save(second)
    expect(second.locator(".errorlist.nonfield")).to_contain_text("first saved this on")
    return second


def test_the_second_authors_save_is_refused_their_text_kept_and_the_diff_linked(
    live_server, two_authors, screenshot
):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    second = refused_second_save(
        live_server,
        two_authors,
        entry,
        {"#id_answer": "The first author's answer."},
        {"#id_answer": "The second author's careful rewrite."},
    )
    expect(second.locator("#id_answer")).to_have_value("The second author's careful rewrite.")
    expect(second.locator("#theirs-answer")).to_have_value("The first author's answer.")
    assert_no_axe_violations(second, within="#edit-conflict")  # the admin's own widgets are not ours
    screenshot(second.locator("#edit-conflict"), "conflict")
    entry.refresh_from_db()
    assert entry.answer == "The first author's answer."

    second.get_by_role("link", name="Compare the two versions").click()
    expect(second.get_by_role("heading", level=1)).to_contain_text("Compare")
    expect(second.locator("#content-main")).to_contain_text("The first author's answer.")
    screenshot(second, "compare")


def test_saving_again_after_a_conflict_keeps_the_colleagues_field(live_server, two_authors, screenshot):
    exercise = Exercise.objects.filter(is_published=True).first()
    second = refused_second_save(
        live_server,
        two_authors,
        exercise,
        {"#id_progression": "Add a second set when it is easy."},
        {"#id_steps": "1. Stand tall.\n2. Bend slowly."},
    )
    expect(second.locator("#edit-conflict")).to_contain_text("Keeps theirs: it is now in the form.")
    expect(second.locator("#id_progression")).to_have_value("Add a second set when it is easy.")
    screenshot(second.locator("#edit-conflict"), "merged")
    save(second)
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    exercise.refresh_from_db()
    assert exercise.progression == "Add a second set when it is easy."
    assert exercise.steps == "1. Stand tall.\n2. Bend slowly."
