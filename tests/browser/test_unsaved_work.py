"""An author never loses typed text: leaving with edits asks first, and text typed while the
session ended is offered back after signing in again (static/js/admin-unsaved-work.js)."""

import re
import time

import pytest
import reversion
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from faq.models import Entry
from tests.browser.conftest import (
    assert_no_axe_violations,
    give_session,
    make_author,
    sign_in_on_the_login_page,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def entry_page(live_server, page):
    """An author (whose saves go live at once) signed in, on a FAQ entry's admin page."""
    give_session(page.context, live_server, make_author("writer"))
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    expect(page.locator("#id_answer")).to_be_visible()
    return entry


def test_leaving_a_page_with_edits_asks_first(page, entry_page, screenshot):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.locator("#id_answer").click()  # browsers ask only on a page the person has used
    page.locator("#id_answer").fill("My new answer.")
    page.get_by_role("link", name="History").click()
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_answer")).to_have_value("My new answer.")
    screenshot(page, "edited-page-kept")


def test_saving_does_not_ask(page, entry_page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.locator("#id_answer").fill("A new answer.")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert dialogs == []


def test_text_typed_as_the_session_ended_is_offered_back_after_signing_in(page, entry_page, screenshot):
    page.locator("#id_answer").fill("Careful words typed over lunch.")
    Session.objects.all().delete()  # the session ends while the author types
    page.get_by_role("button", name="Save", exact=True).first.click()
    sign_in_on_the_login_page(page)  # Save led to the sign-in page, which leads back to the item

    offer = page.get_by_role("status").filter(has_text="You have unsaved text from")
    expect(offer).to_be_visible()
    expect(page.locator("#id_answer")).to_have_value(entry_page.answer)
    screenshot(page, "unsaved-text-offered")
    # The offer itself meets WCAG (Django's own filter boxes elsewhere on the page do not quite).
    assert_no_axe_violations(page, within="#content-main > [role=status]")
    offer.get_by_role("button", name="Restore it").click()
    expect(page.locator("#id_answer")).to_have_value("Careful words typed over lunch.")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    entry_page.refresh_from_db()
    assert entry_page.answer == "Careful words typed over lunch."


def test_the_unsaved_text_offer_gives_a_24_hour_time(page, entry_page):
    page.locator("#id_answer").fill("Words typed in the evening.")
    Session.objects.all().delete()
    page.get_by_role("button", name="Save", exact=True).first.click()
    sign_in_on_the_login_page(page)

    offer = page.get_by_role("status").filter(has_text="You have unsaved text from")
    expect(offer).to_contain_text(re.compile(r"from [0-2]\d:[0-5]\d\. "))


def test_saved_text_is_not_offered_again(page, entry_page):
    page.locator("#id_answer").fill("Careful words typed over lunch.")
    Session.objects.all().delete()
    page.get_by_role("button", name="Save", exact=True).first.click()
    sign_in_on_the_login_page(page)
    page.get_by_role("button", name="Restore it").click()
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    Entry.objects.filter(pk=entry_page.pk).update(answer="A colleague's later answer.")
    page.goto(page.url.split("?")[0] + f"{entry_page.pk}/change/")
    expect(page.locator("#id_answer")).to_have_value("A colleague's later answer.")
    expect(page.get_by_text("You have unsaved text from")).to_have_count(0)


def test_unsaved_text_is_not_offered_to_someone_else_on_the_same_browser(page, entry_page):
    make_author("colleague")
    page.locator("#id_answer").fill("My private draft.")
    Session.objects.all().delete()
    page.get_by_role("button", name="Save", exact=True).first.click()

    sign_in_on_the_login_page(page, "colleague")

    expect(page.locator("#id_answer")).to_have_value(entry_page.answer)
    expect(page.get_by_text("You have unsaved text from")).to_have_count(0)


def test_logging_out_clears_the_unsaved_text_kept_in_this_browser(page, entry_page):
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#id_answer").click()
    page.locator("#id_answer").fill("A draft left behind.")
    kept = "() => Object.keys(localStorage).filter((key) => key.startsWith('kneesite-unsaved'))"
    page.wait_for_function(f"() => ({kept})().length > 0")
    # A slow network: the page stays open a second after "Log out" is sent, long enough for any
    # copy the click scheduled (the field's "change" as it loses focus) to be written.
    page.route("**/admin/logout/", lambda route: (time.sleep(1), route.continue_()))

    page.get_by_role("button", name="Log out").click()

    expect(page.get_by_role("link", name="Log in again")).to_be_visible()
    assert page.evaluate(kept) == []


def test_staying_on_the_page_after_log_out_keeps_the_text_typed_next(page, entry_page):
    page.on("dialog", lambda dialog: dialog.dismiss())  # "Leave site?" Stay.
    page.locator("#id_answer").fill("A first draft.")
    kept = "() => Object.keys(localStorage).filter((key) => key.startsWith('kneesite-unsaved'))"
    page.wait_for_function(f"() => ({kept})().length > 0")
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#id_answer")).to_have_value("A first draft.")

    page.locator("#id_answer").fill("A second draft, typed after staying.")

    page.wait_for_function(f"() => ({kept})().length > 0")


def test_unsaved_text_can_be_discarded(page, entry_page):
    page.locator("#id_answer").fill("A draft I do not want.")
    Session.objects.all().delete()
    page.get_by_role("button", name="Save", exact=True).first.click()
    sign_in_on_the_login_page(page)
    page.get_by_role("button", name="Discard it").click()
    page.reload()
    expect(page.locator("#id_answer")).to_have_value(entry_page.answer)
    expect(page.get_by_text("You have unsaved text from")).to_have_count(0)


def test_a_save_the_server_refused_still_asks_before_leaving(page, entry_page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.locator("#id_answer").fill("Read [this](/faq/no-such-question/).")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".errorlist")).to_contain_text("leads to no page readers can open")
    expect(page.get_by_text("You have unsaved text from")).to_have_count(0)  # it is in the form
    page.locator("#id_answer").click()
    page.get_by_role("link", name="History").click()
    assert dialogs == ["beforeunload"]


def test_a_refused_save_does_not_offer_the_unsaved_text_over_the_merged_form(
    page, entry_page, django_user_model
):
    page.locator("#id_answer").fill("My answer, typed as a colleague saved.")
    colleague = django_user_model.objects.create_user("colleague", is_staff=True)
    with reversion.create_revision():  # meanwhile a colleague saves a newer question
        reversion.set_user(colleague)
        Entry.objects.filter(pk=entry_page.pk).update(question="The colleague's question?")
        reversion.add_to_revision(Entry.objects.get(pk=entry_page.pk))

    page.get_by_role("button", name="Save", exact=True).first.click()

    expect(page.locator(".errorlist.nonfield")).to_contain_text("colleague saved this on")
    expect(page.locator("#id_question")).to_have_value("The colleague's question?")
    expect(page.get_by_text("You have unsaved text from")).to_have_count(0)


def test_restored_text_does_not_overwrite_a_colleagues_newer_save(page, entry_page, django_user_model):
    page.locator("#id_answer").fill("My words from before the break.")
    Session.objects.all().delete()
    page.get_by_role("button", name="Save", exact=True).first.click()
    colleague = django_user_model.objects.create_user("colleague", is_staff=True)
    with reversion.create_revision():  # meanwhile a colleague saves a newer version
        reversion.set_user(colleague)
        Entry.objects.filter(pk=entry_page.pk).update(answer="The colleague's answer.")
        reversion.add_to_revision(Entry.objects.get(pk=entry_page.pk))
    sign_in_on_the_login_page(page)
    page.get_by_role("button", name="Restore it").click()
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".errorlist.nonfield")).to_contain_text("colleague saved this on")
    expect(page.locator("#id_answer")).to_have_value("My words from before the break.")
    entry_page.refresh_from_db()
    assert entry_page.answer == "The colleague's answer."
