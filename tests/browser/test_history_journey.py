"""An author restores an older version from History, and recovers a deleted FAQ entry, in a
real browser, using only what the pages show."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import Entry
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def first_versions(initial_content):
    """As set-up leaves it: every item has a first version."""
    call_command("createinitialrevisions", verbosity=0)


@pytest.fixture
def author_page(signed_in_author):
    return signed_in_author("writer")


def save(page, says="was changed successfully"):
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text(says)


def test_an_older_version_is_restored_from_history(live_server, author_page, screenshot):
    page = author_page
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    for answer in ("The answer I liked.", "A rushed answer."):
        page.locator("#id_answer").fill(answer)
        page.get_by_role("button", name="Save and continue editing").first.click()
        expect(page.locator(".messagelist")).to_contain_text("successfully")

    page.get_by_role("link", name="History").click()
    # Oldest first: the shipped text, then the two saves.
    page.locator("#change-history tbody tr").nth(1).get_by_role("link").click()
    expect(page.locator("#id_answer")).to_have_value("The answer I liked.")
    screenshot(page, "restore-page")
    save(page)
    screenshot(page, "restored")

    page.goto(f"{live_server.url}{entry.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("The answer I liked.")
    expect(page.locator("main")).not_to_contain_text("A rushed answer.")


def test_a_deleted_entry_is_recovered(live_server, author_page, screenshot):
    page = author_page
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    page.get_by_role("button", name="Delete").first.click()
    page.get_by_role("button", name="Yes, I’m sure").click()
    expect(page.locator(".messagelist")).to_contain_text("was deleted successfully")
    assert not Entry.objects.filter(pk=entry.pk).exists()

    page.get_by_role("link", name="Recover deleted FAQ entries").click()
    # Each deleted item is listed by the date of its last version, which is the link.
    page.locator("tr", has_text="Where does runner's knee hurt?").get_by_role("link").click()
    expect(page.locator("#id_question")).to_have_value("Where does runner's knee hurt?")
    screenshot(page, "recover-page")
    save(page, says="was recovered")

    page.goto(f"{live_server.url}{entry.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Where does runner")


def test_the_history_page_labels_its_compare_buttons(live_server, author_page, screenshot):
    page = author_page
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    page.locator("#id_answer").fill("A newer answer.")
    save(page)

    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/history/")

    # The newest version is only ever compared to: its "from" button is hidden.
    expect(page.get_by_role("radio", name="Compare from the version of")).to_have_count(1)
    expect(page.get_by_role("radio", name="Compare to the version of")).to_have_count(2)
    screenshot(page.locator("#change-history"), "history-page")
    assert_no_axe_violations(page, within="#change-history")
