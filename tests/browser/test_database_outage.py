"""An author's save while the database is unreachable: the 503 page says nothing was saved and
how to get the text back, and the edit page offers the typed text back once the database is
there again (static/js/admin-unsaved-work.js)."""

import pytest
from playwright.sync_api import expect

from ..test_resilience import database_down
from .conftest import assert_no_axe_violations
from .test_unsaved_work import entry_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["database_down", "entry_page"]  # fixtures


@pytest.mark.usefixtures("entry_page")
def test_a_save_while_the_database_is_down_keeps_the_typed_text(page, request, monkeypatch, screenshot):
    change_page = page.url
    page.locator("#id_answer").fill("Words typed as the database went away.")
    request.getfixturevalue("database_down")()
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your changes were not saved")
    screenshot(page, "save-while-database-down")
    assert_no_axe_violations(page)
    monkeypatch.undo()  # the database is back

    page.go_back()  # as the page says: the form still holds the text
    expect(page.locator("#id_answer")).to_have_value("Words typed as the database went away.")
    page.goto(change_page)  # and opened afresh, the page offers it back
    offer = page.get_by_role("status").filter(has_text="You have unsaved text from")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Restore it").click()
    expect(page.locator("#id_answer")).to_have_value("Words typed as the database went away.")
    # The restored text asks markdownx for a preview: let it finish before the test's database is
    # emptied, which the live server's threads share with the next test.
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", ["unavailable", "too-large"])
def test_nginxs_error_pages_have_the_sites_look_and_meet_wcag(page, live_server, screenshot, name):
    """static/errors/: the pages nginx sends itself when no app server answers or a request is
    too large (deploy/nginx.conf)."""
    page.goto(f"{live_server.url}/static/errors/{name}.html")
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot(page, f"nginx-error-{name}")
    assert_no_axe_violations(page)
