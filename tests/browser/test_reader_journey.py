"""A reader's first visit, in a real browser with JavaScript off, as most pages must work."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


def test_reader_goes_from_home_to_guide_section_exercise_and_faq(live_server, page, screenshot, settings):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Runner’s knee")
    screenshot(page, "1-home")

    page.get_by_role("link", name="Read the guide").click()
    expect(page).to_have_url(re.compile(r"/guide/runners-knee-recovery/$"))
    screenshot(page, "2-guide")

    page.get_by_role("navigation", name="Contents").get_by_role(
        "link", name=re.compile("glute", re.I)
    ).click()
    expect(page).to_have_url(re.compile(r"#strengthen-your-glutes$"))
    section = page.locator("#strengthen-your-glutes")
    expect(section).to_be_in_viewport()

    section.get_by_role("link", name=re.compile("glute bridge", re.I)).click()
    expect(page).to_have_url(re.compile(r"/exercises/glute-bridge/$"))
    expect(page.get_by_role("heading", level=2, name="Stop if")).to_be_visible()
    screenshot(page, "3-exercise")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="FAQ").click()
    page.get_by_role("link", name=re.compile("walking", re.I)).click()
    expect(page).to_have_url(re.compile(r"/faq/[\w-]+/$"))
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == settings.SITE_URL + urlsplit(page.url).path  # the site's address, not the server's
    screenshot(page, "4-faq-permalink")


def test_skip_link_is_first_and_visible_on_focus(live_server, page):
    page.goto(live_server.url + "/faq/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
