"""An author links to a page that does not exist, and to a FAQ entry's old address, from a FAQ
answer in the admin: each save is refused beside the field, the moved link naming the new address."""

import pytest
from playwright.sync_api import expect

from faq.models import Entry
from tests.conftest import make_entry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def answer_page(signed_in_author, live_server):
    """An author on a FAQ entry's admin page: (page, the answer box)."""
    page = signed_in_author("writer")
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    return page, page.locator("#id_answer")


def save_answer(page, answer, text):
    answer.fill(text)
    page.get_by_role("button", name="Save", exact=True).first.click()
    return page.locator(".field-answer .errorlist")


def test_links_to_a_missing_or_a_moved_page_are_refused_beside_the_answer(answer_page, screenshot):
    page, answer = answer_page
    moved = make_entry(slug="old-question")
    moved.slug = "new-question"
    moved.save()  # leaves a redirect from /faq/old-question/

    error = save_answer(page, answer, "Read [this](/faq/no-such-question/).")

    expect(error).to_contain_text("The link to /faq/no-such-question/ leads to no page readers can open.")
    expect(answer).to_have_value("Read [this](/faq/no-such-question/).")
    screenshot(page.locator(".field-answer"), "link-to-missing-page")

    error = save_answer(page, answer, "Read [this](/faq/old-question).")

    expect(error).to_contain_text(
        "The page /faq/old-question moved to /faq/new-question/: link there instead."
    )
    screenshot(page.locator(".field-answer"), "link-to-moved-page")
