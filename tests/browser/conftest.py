"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import restore_initial_content

# Debian's Chromium, as the brief fixes it. Its headless shell (the Debian package
# chromium-headless-shell, /usr/lib/chromium/chromium-headless-shell) costs a third to a fifth of
# the CPU a page load, context or axe run, but is another browser build than the one named here.
CHROMIUM = "/usr/bin/chromium"
# Playwright already passes --disable-extensions, --disable-renderer-backgrounding,
# --disable-dev-shm-usage, --disable-background-networking, --disable-sync and the like.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"]
TIMEOUT_MS = 10_000  # a broken page fails a test in seconds instead of hanging the suite
WCAG = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
PASSWORD = "a-long-browser-password-9"
AUTHOR_AND_REVIEWER = ("Authors", "Clinical reviewers")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def new_context(new_context):
    """pytest-playwright's `new_context` (closed after the test), with the short timeout. Tests
    open every browser context through it, so no test pays for a page it does not use."""

    def create(**context_args):
        context = new_context(**context_args)
        context.set_default_timeout(TIMEOUT_MS)
        return context

    return create


@pytest.fixture
def screenshot(output_path):
    """Save a screenshot of `target` (a page or a locator) as test-results/<test>/<name>.png:
    what fits the window, or the whole page with full_page=True where the whole layout is the
    point (a full-page PNG of a long page such as the guide costs a second of CPU)."""

    def take(target, name, full_page=False):
        path = Path(output_path) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=path, **({"full_page": True} if full_page else {}))
        return path

    return take


def assert_no_axe_violations(page, within=None):
    """Run axe-core on the current page (or only the part matching the CSS selector `within`);
    fail on any WCAG 2.x A/AA violation. axe runs as JavaScript in the page, so use it only
    where JavaScript is on. Only violations are collected in full: the rest is never read."""
    results = Axe().run(page, context=within, options={"runOnly": WCAG, "resultTypes": ["violations"]})
    assert not results.response["violations"], results.generate_report()


@pytest.fixture(autouse=True)
def initial_content(transactional_db):
    """Live-server tests run in flushed transactional databases: put the content back."""
    restore_initial_content()


def make_author(username, groups=AUTHOR_AND_REVIEWER):
    """A new staff user `username` with PASSWORD. By default also a clinical reviewer, so their
    saves go live at once; `groups=("Authors",)` for one whose changes wait for review."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def sign_in_on_the_login_page(page, username="writer"):
    """Fill in the login page the browser is on, as a person does, and log in."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def give_session(context, live_server, user):
    """Give a browser context `user`'s session cookie, as logging in sets it, without loading
    the login page and the admin home (test_unsaved_work and test_unpublish_recommended log
    in on the page itself)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def signed_in_author(new_context, live_server):
    """Open a page as a new author `username` (see make_author), signed in, in a browser context
    of their own (its cookies apart from other authors')."""

    def open_page(username, groups=AUTHOR_AND_REVIEWER):
        context = new_context()
        give_session(context, live_server, make_author(username, groups))
        return context.new_page()

    return open_page
