"""“Copy link” beside FAQ answers and guide sections: a plain link without JavaScript; with it, a
copy and a short status beside the link, on screen and spoken (a polite live region)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PERMALINK = "/faq/where-does-runners-knee-hurt/"


def copy_status(page, link_name):
    """The status shown beside the link called `link_name`."""
    return page.get_by_role("link", name=link_name).locator("xpath=following-sibling::*[1]")


def assert_readable_on_screen(status):
    """Visible as text, not a 1-pixel box for screen readers only."""
    expect(status).to_be_visible()
    box = status.bounding_box()
    assert box["width"] > 50 and box["height"] > 10, box


def test_copy_link_copies_the_address_and_shows_link_copied(live_server, new_context, screenshot):
    page = new_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    page.goto(live_server.url + PERMALINK)
    status = copy_status(page, "Copy link to this answer")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_be_empty()
    page.get_by_role("link", name="Copy link to this answer").click()
    expect(status).to_have_text("Link copied")
    assert_readable_on_screen(status)
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + PERMALINK
    screenshot(page, "faq-link-copied")

    page.goto(live_server.url + "/guide/runners-knee-recovery/")
    section_link = "Copy link to “Strengthen your glutes and hips”"
    page.get_by_role("link", name=section_link).click()
    expect(copy_status(page, section_link)).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        "/guide/runners-knee-recovery/#strengthen-your-glutes"
    )


def test_a_refused_copy_shows_the_address_to_copy_by_hand(live_server, new_context, screenshot):
    context = new_context()
    context.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new DOMException('Refused', 'NotAllowedError'));"
    )
    page = context.new_page()
    page.goto(live_server.url + PERMALINK)
    page.get_by_role("link", name="Copy link to this answer").click()
    status = copy_status(page, "Copy link to this answer")
    expect(status).to_have_text(
        f"Could not copy the link. Copy this address instead: {live_server.url}{PERMALINK}"
    )
    assert_readable_on_screen(status)
    expect(page).to_have_url(live_server.url + PERMALINK)
    screenshot(page, "faq-copy-refused")


def test_without_javascript_copy_link_is_the_permalink(live_server, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/guide/runners-knee-recovery/")
    page.get_by_role("link", name="Copy link to “Strengthen your glutes and hips”").click()
    expect(page).to_have_url(re.compile(r"#strengthen-your-glutes$"))
