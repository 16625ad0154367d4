"""The programme as a reader lives it, in a real browser with JavaScript off and on: from the
self-check through weekly check-ins, and to the care card with a printable log."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations
from .test_self_check_journey import WARNING_SIGNS, answer, open_page

pytestmark = pytest.mark.django_db(transaction=True)

SIGNS = "Since you started, have any of these happened?"
EXERCISE_PAIN = "How bad was the worst pain during the exercises?"
EXERCISE_WORSE = "Was your knee worse the morning after the exercises?"
RAN = "Did you run this week?"
RUN_PAIN = "If you ran: how bad was the worst pain during a run?"
RUN_SETTLED = "If you ran: did the pain settle within about an hour?"
RUN_WORSE = "If you ran: was your knee worse the next morning?"
OVERALL = "Overall, how is your knee compared with when you started?"
CHECK_IN_ANSWERS = (
    "warning-signs=none&where-it-hurts=kneecap&half-squat-test=skipped&knees-roll-in=no"
    "&training-change=none&walking=pain-free&running-pain=still-hurts&how-long=few-weeks"
)


def take_the_self_check(page, url):
    page.goto(url + "/self-check/")
    answer(page, WARNING_SIGNS, "None of these")
    page.get_by_role("button", name="Continue").click()
    answer(page, "Where does your knee hurt?", "In, behind or around the kneecap")
    answer(page, "What happened in the half-squat test?", "I skipped the test")
    answer(page, "Do your knees roll inward when you run?", "No")
    answer(page, "Do any of these describe your running lately?", "None of these")
    answer(page, "Does walking hurt your knee?", "No, I can walk without pain")
    answer(page, "How does your knee feel when you run?", "Running still hurts")
    answer(page, "How long has your knee been hurting?", "Less than a few weeks")
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your self-check result")


def check_in(page, week, *, worse_next_morning="No", overall="Better", open_it=True):
    if open_it:
        page.get_by_role("link", name=f"Check in after week {week}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Check in after week {week}")
    answer(page, SIGNS, "None of these")
    answer(page, EXERCISE_PAIN, "1")
    answer(page, EXERCISE_WORSE, worse_next_morning)
    answer(page, RAN, "Yes")
    answer(page, RUN_PAIN, "1")
    answer(page, RUN_SETTLED, "Yes")
    answer(page, RUN_WORSE, "No")
    answer(page, OVERALL, overall)
    page.get_by_role("button", name="See next week").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Week {week + 1}")


def doses(page):
    return page.locator(".week-doses li").all_inner_texts()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_fine_fine_then_worse_next_morning_steps_up_up_then_back(
    live_server, new_context, javascript, screenshot, output_path
):
    page = open_page(new_context, javascript)
    take_the_self_check(page, live_server.url)

    check_in(page, 1)
    expect(page.get_by_text("One step up.")).to_be_visible()
    expect(page.get_by_text("Running moves up to:")).to_be_visible()  # one part a week
    week_two = doses(page)
    assert any(dose.startswith("Straight-leg raise: 2 sets") for dose in week_two), week_two
    screenshot(page, "1-week-2-step-up")
    page.emulate_media(media="print")
    pdf = page.pdf(path=Path(output_path) / "1-week-2.pdf", format="A4")  # the print, to look at
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1  # the week prints on one A4 page
    page.emulate_media(media="screen")

    check_in(page, 2)
    expect(page.get_by_text("One step up.")).to_be_visible()
    expect(page.get_by_text("The exercises step up from 2 sets to 3.")).to_be_visible()
    assert any(dose.startswith("Straight-leg raise: 3 sets") for dose in doses(page))
    screenshot(page, "2-week-3-step-up")

    check_in(page, 3, worse_next_morning="Yes")
    expect(page.get_by_text("A step back.")).to_be_visible()
    expect(page.get_by_text("Flare-ups are common. They do not mean damage.")).to_be_visible()
    expect(page.get_by_text("The exercises drop from 3 sets to 2.")).to_be_visible()
    assert doses(page) == week_two  # back to the last level the knee was happy with
    screenshot(page, "3-week-4-step-back")
    if javascript:
        assert_no_axe_violations(page)
    assert len(page.url) < 2000


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_worse_twice_reaches_the_care_card_and_prints_the_log(
    live_server, new_context, javascript, screenshot, output_path
):
    page = open_page(new_context, javascript)
    take_the_self_check(page, live_server.url)

    # A missing answer: the error summary, nothing lost.
    page.get_by_role("link", name="Check in after week 1").click()
    answer(page, EXERCISE_PAIN, "2")
    page.get_by_role("button", name="See next week").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("alert").get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("group", name=EXERCISE_PAIN).get_by_label("2", exact=True)).to_be_checked()
    screenshot(page, "1-check-in-errors")
    if javascript:
        assert_no_axe_violations(page)

    check_in(page, 1, overall="Worse", open_it=False)
    expect(page.get_by_text("Soon: book an appointment")).to_have_count(0)
    check_in(page, 2, overall="Worse")
    expect(page.get_by_role("heading", name="Soon: book an appointment")).to_be_visible()
    expect(page.get_by_text("Your knee has been worse at two check-ins in a row.")).to_be_visible()
    log = page.get_by_role("table").filter(has_text="How it went")
    expect(log.get_by_role("row")).to_have_count(3)  # a header and two weeks
    screenshot(page, "2-care-card")
    if javascript:
        assert_no_axe_violations(page)
    page.emulate_media(media="print")
    page.pdf(path=Path(output_path) / "3-care-card.pdf", format="A4")  # the print, to look at


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_an_empty_check_in_shows_the_error_summary_not_the_same_week(
    live_server, new_context, javascript, screenshot
):
    page = open_page(new_context, javascript)
    page.goto(live_server.url + "/self-check/check-in/?" + CHECK_IN_ANSWERS)
    page.get_by_role("button", name="See next week").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select an answer for the worst pain during the exercises")
    expect(summary).to_contain_text("Select an answer for how your knee is overall")
    screenshot(page, "empty-check-in")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_the_check_in_fits_a_phone(live_server, new_context, javascript, screenshot):
    """The check-in at phone widths: no sideways scrolling, and short (its height is printed)."""
    page = open_page(new_context, javascript)
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + "/self-check/check-in/?" + CHECK_IN_ANSWERS)
        expect(page.get_by_role("heading", level=1)).to_have_text("Check in after week 1")
        height = page.evaluate("document.documentElement.scrollHeight")
        form = page.locator("form.check-in-form").bounding_box()["height"]
        print(
            f"check-in at {width} px, JavaScript {'on' if javascript else 'off'}: {height} px, form {form:.0f} px"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert form < (1700 if javascript else 2200)  # the whole page was 3,944 px at 390 px before
        for radio in page.get_by_role("group", name=EXERCISE_PAIN).get_by_role("radio").all():
            box = radio.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8 target size
        screenshot(page, f"check-in-{width}", full_page=True)


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_the_run_questions_show_after_yes_i_ran_when_javascript_is_on(live_server, new_context, javascript):
    page = open_page(new_context, javascript)
    page.goto(live_server.url + "/self-check/check-in/?" + CHECK_IN_ANSWERS)
    run_pain = page.get_by_role("group", name=RUN_PAIN)
    if javascript:
        expect(run_pain).to_be_hidden()
        answer(page, RAN, "Yes")
    expect(run_pain).to_be_visible()
    answer(page, RAN, "No")
    expect(run_pain).to_be_hidden() if javascript else expect(run_pain).to_be_visible()
