"""The inlined stylesheet applies under the strict Content-Security-Policy, on screen and in
print, and the page asks for no stylesheet file."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ["/", "/guide/runners-knee-recovery/", "/faq/where-does-runners-knee-hurt/", "/no-such-page/"]


def test_the_styles_apply_with_the_strict_csp_and_no_violation(live_server, page, screenshot):
    console, stylesheets = [], []
    page.on("console", lambda message: console.append(message.text))
    page.on(
        "request", lambda request: request.resource_type == "stylesheet" and stylesheets.append(request.url)
    )
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert "style-src 'self' 'sha256-" in response.headers["content-security-policy"]
        header = page.locator(".site-header")
        assert header.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(11, 79, 108)"
    screenshot(page, "page-not-found-inlined-styles")
    assert not [text for text in console if "Content Security Policy" in text], console
    assert stylesheets == []


def test_the_print_rules_still_apply(live_server, page):
    page.goto(live_server.url + "/guide/runners-knee-recovery/")
    nav = page.locator(".site-header nav")
    assert nav.evaluate("element => getComputedStyle(element).display") != "none"
    page.emulate_media(media="print")
    assert nav.evaluate("element => getComputedStyle(element).display") == "none"
