"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import restore_initial_content

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(autouse=True)
def fail_fast(page):
    """A broken page should fail a test in seconds, not hang the suite."""
    page.set_default_timeout(10_000)


@pytest.fixture
def screenshot(page, output_path):
    """Save a full-page screenshot under the test's output folder (test-results/...)."""

    def take(name):
        path = Path(output_path) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, full_page=True)
        return path

    return take


def assert_no_axe_violations(page, within=None):
    """Run axe-core on the current page (or only the part matching the CSS selector `within`);
    fail on any WCAG 2.x A/AA violation. axe runs as JavaScript in the page, so use it only
    where JavaScript is on."""
    results = Axe().run(
        page, context=within, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    )
    assert not results.response["violations"], results.generate_report()


@pytest.fixture(autouse=True)
def initial_content(transactional_db):
    """Live-server tests run in flushed transactional databases: put the content back."""
    restore_initial_content()


BROWSER_PASSWORD = "a-long-browser-password-9"


def signed_in_author(browser, live_server, username, groups=("Authors", "Clinical reviewers")):
    """A new author `username` signed in through the login page, in a browser context of their
    own (its cookies apart from other authors'): returns (context, page). By default also a
    clinical reviewer, so their saves go live at once; `groups=("Authors",)` for one whose
    changes wait for review."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from playwright.sync_api import expect

    user = get_user_model().objects.create_user(username, password=BROWSER_PASSWORD, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(BROWSER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return context, page
