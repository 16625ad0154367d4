"""Two authors on one FAQ entry, in real browsers: the second save is refused with a clear
message, and what the second author typed is still in the editor."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from faq.models import Entry

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in_page(browser, live_server, username):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-browser-password-9")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return context, page


def test_the_second_authors_save_is_refused_and_their_text_kept(
    live_server, browser, django_user_model, output_path
):
    for name in ("first", "second"):
        user = django_user_model.objects.create_user(
            name, password="a-long-browser-password-9", is_staff=True
        )
        user.groups.add(Group.objects.get(name="Authors"))
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    url = f"{live_server.url}/admin/faq/entry/{entry.pk}/change/"
    (first_context, first), (second_context, second) = (
        signed_in_page(browser, live_server, "first"),
        signed_in_page(browser, live_server, "second"),
    )
    first.goto(url)
    second.goto(url)

    first.locator("#id_answer").fill("The first author's answer.")
    first.get_by_role("button", name="Save", exact=True).first.click()
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.locator("#id_answer").fill("The second author's careful rewrite.")
    second.get_by_role("button", name="Save", exact=True).first.click()
    expect(second.locator(".errorlist.nonfield")).to_contain_text("first saved this on")
    expect(second.locator("#id_answer")).to_have_value("The second author's careful rewrite.")
    second.screenshot(path=f"{output_path}/conflict.png", full_page=True)
    entry.refresh_from_db()
    assert entry.answer == "The first author's answer."
    first_context.close()
    second_context.close()
