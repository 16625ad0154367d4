"""Taking the self-check as a reader would, in a real browser."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page, question, label):
    page.get_by_role("group", name=question).get_by_label(label, exact=True).check()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_reader_takes_the_self_check_and_follows_a_recommendation(
    live_server, browser, javascript, output_path
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    shots = Path(output_path)
    shots.mkdir(parents=True, exist_ok=True)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Take the self-check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-check: which exercises fit your knee?")
    page.screenshot(path=shots / "1-form.png", full_page=True)

    # Miss most questions: the error summary comes first, linking to each one.
    answer(page, "Do any of these apply to your knee?", "None of these")
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    if javascript:
        expect(summary).to_be_focused()
    assert summary.get_by_role("link").count() == 7
    expect(
        page.get_by_role("group", name="Do any of these apply to your knee?").get_by_label("None of these")
    ).to_be_checked()
    page.screenshot(path=shots / "2-errors.png", full_page=True)
    if javascript:
        assert_no_axe_violations(page)

    summary.get_by_role("link").first.click()
    expect(page.locator("#id_where-it-hurts_0")).to_be_focused()

    answer(page, "Where does your knee hurt?", "In, behind or around the kneecap")
    answer(page, "What happened in the half-squat test?", "My knee wobbled or moved inward")
    answer(page, "Do your knees roll inward when you run?", "No")
    answer(page, "Do any of these describe your running lately?", "None of these")
    answer(page, "Does walking hurt your knee?", "No, I can walk without pain")
    answer(page, "How does your knee feel when you run?", "Running still hurts")
    answer(page, "How long has your knee been hurting?", "Less than a few weeks")
    page.get_by_role("button", name="See my result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your self-check result")
    expect(page.get_by_text("Recommended because your knee moved inward or wobbled").first).to_be_visible()
    page.screenshot(path=shots / "3-result.png", full_page=True)
    if javascript:
        assert_no_axe_violations(page)
        page.emulate_media(media="print")
        page.screenshot(path=shots / "4-result-print.png", full_page=True)
        page.pdf(path=shots / "4-result.pdf")
        page.emulate_media(media="screen")

    result_url = page.url
    page.get_by_role("link", name="Glute bridge").first.click()
    expect(page).to_have_url(re.compile(r"/exercises/glute-bridge/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Glute bridge")

    # The result's address brings the same result back, in a fresh browser.
    fresh_context = browser.new_context(java_script_enabled=javascript)
    fresh = fresh_context.new_page()
    fresh.goto(result_url)
    expect(fresh.get_by_text("Recommended because your knee moved inward or wobbled").first).to_be_visible()
    fresh_context.close()
    context.close()
