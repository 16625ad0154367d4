"""Taking the self-check as a reader would, in a real browser, with JavaScript off and on."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

WARNING_SIGNS = "Do any of these apply to you?"


def answer(page, question, label):
    page.get_by_role("group", name=question).get_by_label(label, exact=True).check()


def open_page(new_context, javascript):
    return new_context(java_script_enabled=javascript).new_page()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_an_emergency_answer_ends_the_check_in_one_step(live_server, new_context, javascript, screenshot):
    page = open_page(new_context, javascript)
    page.goto(live_server.url + "/self-check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check for warning signs")
    screenshot(page, "1-warning-signs")
    answer(page, WARNING_SIGNS, "I can't stand on the leg at all since a fall, a twist or a knock")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your self-check result")
    expect(page.get_by_role("heading", name="Emergency: get help now")).to_be_visible()
    expect(page.get_by_text("Go to A&E now, or call 999.")).to_be_visible()
    expect(page.get_by_text("Your week")).to_have_count(0)
    expect(page.locator("main a[href^='/exercises/']")).to_have_count(0)
    expect(page.get_by_role("link", name="When to see a professional")).to_be_visible()
    screenshot(page, "2-emergency")
    if javascript:
        assert_no_axe_violations(page)


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_an_under_16_reader_gets_a_care_card_and_no_plan(live_server, new_context, javascript, screenshot):
    page = open_page(new_context, javascript)
    page.goto(live_server.url + "/self-check/")
    answer(page, WARNING_SIGNS, "The person with the knee pain is under 16")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Soon: book an appointment")).to_be_visible()
    expect(page.get_by_text("Until then, don’t start exercises for runner’s knee.")).to_be_visible()
    expect(page.get_by_text("Your week")).to_have_count(0)
    screenshot(page, "under-16")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_a_typical_reader_gets_a_week_that_prints_on_one_page(
    live_server, new_context, javascript, screenshot, output_path
):
    page = open_page(new_context, javascript)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Take the self-check").click()
    answer(page, WARNING_SIGNS, "None of these")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About your knee and your running")

    # Miss most questions: the error summary comes first, linking to each one.
    answer(page, "Where does your knee hurt?", "In, behind or around the kneecap")
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    if javascript:
        expect(summary).to_be_focused()
    assert summary.get_by_role("link").count() == 6
    expect(
        page.get_by_role("group", name="Where does your knee hurt?").get_by_label(
            "In, behind or around the kneecap"
        )
    ).to_be_checked()
    screenshot(page, "1-errors")
    if javascript:
        assert_no_axe_violations(page)
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_half-squat-test_0")).to_be_focused()

    answer(page, "What happened in the half-squat test?", "I skipped the test")
    answer(page, "Do your knees roll inward when you run?", "No")
    answer(page, "Do any of these describe your running lately?", "None of these")
    answer(page, "Does walking hurt your knee?", "No, I can walk without pain")
    answer(page, "How does your knee feel when you run?", "Running still hurts")
    answer(page, "How long has your knee been hurting?", "Less than a few weeks")
    page.get_by_role("button", name="See my result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your self-check result")
    expect(page.get_by_text("Chosen because you skipped the half-squat test").first).to_be_visible()
    week = page.get_by_role("table")
    expect(week.get_by_role("row")).to_have_count(8)  # a header and seven days
    expect(page.get_by_role("link", name="Add this week to your calendar")).to_be_visible()
    screenshot(page, "2-result")
    if javascript:
        assert_no_axe_violations(page)
    page.emulate_media(media="print")
    pdf = page.pdf(path=Path(output_path) / "3-result.pdf", format="A4")  # the print, to look at
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1  # one A4 page
    page.emulate_media(media="screen")

    # Back to the questions, answers kept.
    result_url = page.url
    page.get_by_role("link", name=re.compile("Change your answer to “Does walking hurt")).click()
    expect(
        page.get_by_role("group", name="Does walking hurt your knee?").get_by_label(
            "No, I can walk without pain"
        )
    ).to_be_checked()
    page.goto(result_url)
    page.get_by_role("link", name="Glute bridge").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glute bridge")
    expect(page.get_by_role("heading", name="The pain rule")).to_be_visible()

    # The result's address brings the same result back, in a fresh browser.
    fresh = open_page(new_context, javascript)
    fresh.goto(result_url)
    expect(fresh.get_by_text("Chosen because you skipped the half-squat test").first).to_be_visible()
