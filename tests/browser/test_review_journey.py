"""An author's everyday journeys through the admin as it renders, in a real browser: reviews due
on the admin home, marked reviewed in bulk; editing and previewing a FAQ entry; scheduling one
for later; changing a slug, after which the old address leads to the new one."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Exercise
from faq.models import Entry
from tests.browser.conftest import assert_no_axe_violations, give_session, make_author

pytestmark = pytest.mark.django_db(transaction=True)

LONG_AGO = datetime.date(2020, 1, 1)


@pytest.fixture
def author_page(page, live_server):
    """The browser page, signed in as an author whose saves go live at once."""
    give_session(page.context, live_server, make_author("writer"))
    return page


@pytest.fixture
def reader(new_context):
    """A second browser context with no session: what any reader sees."""
    return new_context().new_page()


def save(page, button="Save"):
    page.get_by_role("button", name=button, exact=True).first.click()


def test_an_author_marks_overdue_items_reviewed_from_the_admin_home(author_page, live_server, screenshot):
    page = author_page
    Entry.objects.filter(slug__in=["who-gets-runners-knee", "where-does-runners-knee-hurt"]).update(
        next_review_due=LONG_AGO
    )
    Exercise.objects.filter(slug="calf-stretch").update(next_review_due=None)
    page.goto(f"{live_server.url}/admin/")
    reviews = page.locator("#reviews-due")
    expect(reviews.locator("caption")).to_have_text("Reviews due: 3 overdue")
    assert_no_axe_violations(page)
    screenshot(page, "1-admin-home-3-overdue")

    reviews.get_by_role("link", name="2 overdue").click()
    expect(page).to_have_url(f"{live_server.url}/admin/faq/entry/?review=overdue")
    page.wait_for_load_state("load")  # the admin's actions.js wires "select all" on the load event
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_label("Select all objects on this page for an action").check()
    page.get_by_label("Action:").select_option(label="Mark reviewed today")
    screenshot(page, "2-overdue-entries-chosen")
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Marked 2 FAQ entries as reviewed today")
    expect(rows).to_have_count(0)
    screenshot(page, "3-marked-reviewed")

    page.get_by_role("link", name="Home").first.click()
    expect(reviews.locator("caption")).to_have_text("Reviews due: 1 overdue")
    expect(reviews).to_contain_text("None overdue")
    screenshot(page, "4-admin-home-1-overdue")
    today = timezone.localdate()
    assert set(Entry.objects.filter(last_reviewed=today).values_list("slug", flat=True)) == {
        "who-gets-runners-knee",
        "where-does-runners-knee-hurt",
    }


def test_an_author_edits_a_faq_entry_and_previews_the_draft(author_page, live_server, reader, screenshot):
    page = author_page
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page.goto(f"{live_server.url}/admin/faq/entry/")
    page.get_by_role("link", name=entry.question).click()
    page.locator("#id_answer").fill("A **new** answer, still being written.")
    page.get_by_label("Published").uncheck()
    save(page, "Save and continue editing")
    expect(page.locator(".messagelist")).to_contain_text("Readers: a draft, not shown.")
    screenshot(page, "1-entry-saved-as-draft")

    page.get_by_role("link", name="View on site").click()
    expect(page).to_have_url(f"{live_server.url}/faq/where-does-runners-knee-hurt/")
    expect(page.get_by_text("Draft preview.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("A new answer, still being written.")
    screenshot(page, "2-draft-preview")
    response = reader.goto(f"{live_server.url}/faq/where-does-runners-knee-hurt/")
    assert response.status == 404


def test_an_author_schedules_an_entry_for_later(author_page, live_server, reader, time_machine, screenshot):
    page = author_page
    entry = Entry.objects.get(slug="who-gets-runners-knee")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    page.locator("#id_pub_date_0").fill(tomorrow.strftime("%d/%m/%Y"))
    page.locator("#id_pub_date_1").fill("09:00:00")
    save(page)
    when = tomorrow.strftime("%-d %B %Y, 09:00")
    expect(page.locator(".messagelist")).to_contain_text(f"Readers: scheduled, shown from {when}.")
    expect(page.locator("#result_list")).to_contain_text(f"scheduled, shown from {when}")
    screenshot(page, "1-scheduled")
    assert reader.goto(f"{live_server.url}/faq/who-gets-runners-knee/").status == 404

    time_machine.move_to(tomorrow.replace(hour=9, minute=1))
    assert reader.goto(f"{live_server.url}/faq/who-gets-runners-knee/").status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(entry.question)


def test_a_changed_slug_sends_the_old_address_to_the_new_one(author_page, live_server, reader, screenshot):
    page = author_page
    entry = Entry.objects.get(slug="who-gets-runners-knee")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    page.get_by_label("Slug").fill("who-gets-it")
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    screenshot(page, "1-slug-changed")

    reader.goto(f"{live_server.url}/faq/who-gets-runners-knee/")
    expect(reader).to_have_url(f"{live_server.url}/faq/who-gets-it/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(entry.question)


def test_an_author_finds_a_deletion_in_recent_changes_and_filters_by_author(
    author_page, live_server, screenshot
):
    page = author_page
    entry = Entry.objects.get(slug="who-gets-runners-knee")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    page.get_by_role("button", name="Delete").first.click()
    page.get_by_role("button", name="Yes, I’m sure").click()
    expect(page.locator(".messagelist")).to_contain_text("was deleted successfully")

    page.get_by_role("link", name="Home").first.click()
    page.get_by_role("link", name="Recent changes by every author").click()
    newest = page.locator("#recent-changes tbody tr").first
    expect(newest).to_contain_text("writer")
    expect(newest).to_contain_text("FAQ entry: Who is most likely to get runner's knee? (recover deleted)")
    expect(newest).to_contain_text("Deleted")
    assert_no_axe_violations(page)
    screenshot(page, "1-recent-changes")

    page.get_by_label("Author").select_option("writer")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{live_server.url}/admin/recent-changes/?author=writer")
    expect(page.locator("#recent-changes tbody tr")).to_have_count(1)
    screenshot(page, "2-one-authors-changes")
    newest.get_by_role("link", name="recover deleted").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recover deleted FAQ entries")
