"""“Copy link” beside FAQ answers and guide sections: a plain link without JavaScript, a copy
with a spoken confirmation with it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_copy_link_copies_the_address_and_says_so(live_server, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + "/faq/where-does-runners-knee-hurt/")
    page.get_by_role("link", name="Copy link to this answer").click()
    expected = f"{live_server.url}/faq/where-does-runners-knee-hurt/"
    expect(page.locator("[data-copy-status]")).to_have_text(f"Link copied: {expected}")
    assert page.evaluate("navigator.clipboard.readText()") == expected

    page.goto(live_server.url + "/guide/runners-knee-recovery/")
    page.get_by_role("link", name="Copy link to “Strengthen your glutes and hips”").click()
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        "/guide/runners-knee-recovery/#strengthen-your-glutes"
    )
    context.close()


def test_without_javascript_copy_link_is_the_permalink(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/guide/runners-knee-recovery/")
    page.get_by_role("link", name="Copy link to “Strengthen your glutes and hips”").click()
    expect(page).to_have_url(re.compile(r"#strengthen-your-glutes$"))
    context.close()
