"""Two people in two browsers: an author changes a live FAQ answer, previews it under a banner
and sends it for review; a clinical reviewer reads the diff, sends it back with a comment; the
author edits again; the reviewer approves; readers see it."""

import pytest
from playwright.sync_api import expect

from faq.models import Entry
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "who-gets-runners-knee"


def test_an_author_and_a_reviewer_take_a_change_from_draft_to_live(
    new_context, live_server, signed_in_author, screenshot
):
    author = signed_in_author("writer", groups=("Authors",))
    checker = signed_in_author("checker", groups=("Clinical reviewers",))
    reader = new_context().new_page()
    entry = Entry.objects.get(slug=SLUG)
    public = f"{live_server.url}{entry.get_absolute_url()}"
    edit = f"{live_server.url}/admin/faq/entry/{entry.pk}/change/"

    # The author edits the live answer and saves: it waits for review.
    author.goto(edit)
    author.locator("#id_answer").fill("Anyone who runs can get it. This line is new.")
    author.get_by_role("button", name="Save", exact=True).first.click()
    expect(author.locator(".messagelist")).to_contain_text("waits for a clinical reviewer")
    expect(author.locator("#pending-change")).to_contain_text("Change awaiting review, by writer")
    screenshot(author, "1-author-change-waits")

    # Readers still see the published answer; the author previews the change under a banner.
    reader.goto(public)
    expect(reader.locator("main")).not_to_contain_text("This line is new.")
    author.goto(public)
    expect(author.locator(".draft-banner")).to_contain_text("Changes awaiting review, by writer")
    expect(author.locator("main")).to_contain_text("This line is new.")
    assert_no_axe_violations(author)
    screenshot(author, "2-author-preview-with-banner")

    # The reviewer finds it on the admin home and reads the diff.
    checker.goto(f"{live_server.url}/admin/")
    expect(checker.locator("#awaiting-review caption")).to_have_text("1 change awaits review")
    screenshot(checker, "3-reviewer-admin-home")
    checker.locator("#awaiting-review").get_by_role("link").first.click()
    expect(checker.locator("#review-diff")).to_contain_text("This line is new.")
    assert_no_axe_violations(checker, within="#content-main")
    screenshot(checker, "4-reviewer-diff")

    # Sent back with a comment, which the author sees on the item.
    checker.get_by_label("Comment for the author").fill("Say who is most at risk, with a source.")
    checker.get_by_role("button", name="Send back to the author").click()
    expect(checker.locator(".messagelist")).to_contain_text("Sent back to writer")
    author.goto(edit)
    expect(author.locator("#pending-change")).to_contain_text("Say who is most at risk, with a source.")
    expect(author.locator("#id_answer")).to_have_value("Anyone who runs can get it. This line is new.")
    screenshot(author, "5-author-sees-comment")

    # The author edits again; the reviewer approves.
    author.locator("#id_answer").fill("Anyone who runs can get it, most often young women. This line is new.")
    author.get_by_role("button", name="Save", exact=True).first.click()
    expect(author.locator(".messagelist")).to_contain_text("waits for a clinical reviewer")
    checker.goto(f"{live_server.url}/admin/")
    checker.locator("#awaiting-review").get_by_role("link").first.click()
    expect(checker.locator("#review-diff")).to_contain_text("most often young women")
    checker.get_by_role("button", name="Approve").click()
    expect(checker.locator(".messagelist")).to_contain_text("Approved")
    screenshot(checker, "6-reviewer-approved")

    # Readers see it, checked by a clinical reviewer.
    reader.goto(public)
    expect(reader.locator("main")).to_contain_text("most often young women")
    expect(reader.locator(".review-dates")).to_contain_text("Checked by a clinical reviewer on")
    screenshot(reader, "7-reader-sees-it-live")


def test_a_reviewer_sees_the_live_item_beside_an_open_change_and_its_author_withdraws_it(
    live_server, signed_in_author, screenshot
):
    author = signed_in_author("writer", groups=("Authors",))
    checker = signed_in_author("checker", groups=("Clinical reviewers",))
    entry = Entry.objects.get(slug=SLUG)
    edit = f"{live_server.url}/admin/faq/entry/{entry.pk}/change/"
    author.goto(edit)
    author.locator("#id_answer").fill("A change I will take back.")
    author.get_by_role("button", name="Save", exact=True).first.click()

    # Someone else sees the live answer, told that the author's change is open.
    checker.goto(edit)
    expect(checker.locator("#pending-change")).to_contain_text("Change by writer: awaiting review")
    expect(checker.locator("#id_answer")).to_have_value(entry.answer)
    screenshot(checker, "1-reviewer-sees-live-item-and-notice")

    # The author withdraws it from the review page.
    author.goto(edit)
    author.get_by_role("link", name="Compare with what readers see now").click()
    assert_no_axe_violations(author, within="#content-main")
    screenshot(author, "2-author-can-withdraw")
    author.get_by_role("button", name="Withdraw my change").click()
    expect(author.locator(".messagelist")).to_contain_text("Withdrawn")
    expect(author.locator("#pending-change")).to_have_count(0)
    screenshot(author, "3-author-withdrew")
