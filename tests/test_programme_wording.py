"""The programme's and the self-check's wording, on the shipped content: what a reader reads
agrees with itself (the days, the urgent signs, how long it takes) and with the clinical notes."""

import re
from urllib.parse import urlencode

import pytest
from django.template.loader import render_to_string
from icalendar import Calendar
from pytest_django.asserts import assertContains, assertNotContains

from faq.models import Entry

from .test_programme import ANSWERS, CALENDAR, WEEK

pytestmark = pytest.mark.django_db

WEEK_OFF = [(k, "hurts" if k == "walking" else v) for k, v in ANSWERS]
# The clinical notes' urgent signs (same or next day), in the words the site uses.
URGENT_SIGNS = ("locks", "keeps giving way", "swells a lot", "very bad", "never stops", "at night or at rest")


def test_the_week_off_runnings_trial_run_falls_on_the_day_its_words_name_without_strengthening(client):
    week = client.get(f"{WEEK}?{urlencode(WEEK_OFF)}").context["week"]
    assert [day.number for day in week.days if day.runs] == [6]
    assert not week.days[5].strengthens
    assert "On day 6" in week.stage.description


@pytest.mark.parametrize("template", ["includes/pain_rule.html", "includes/medical_note.html"])
def test_the_pain_rule_and_the_footer_name_the_same_urgent_signs(template):
    text = render_to_string(template)
    for sign in URGENT_SIGNS:
        assert sign in text, sign


def test_the_calendar_says_what_the_week_page_says_about_how_long(client):
    page = client.get(f"{WEEK}?{urlencode(ANSWERS)}")
    assertContains(page, "Nobody can promise how long your knee will take.")
    events = Calendar.from_ical(client.get(f"{CALENDAR}?{urlencode(ANSWERS)}").content).walk("VEVENT")
    for event in events:
        description = str(event["DESCRIPTION"])
        assert "Nobody can promise how long your knee will take." in description
        assert "six weeks" not in description


def test_the_not_sure_result_says_its_plan_is_general_strengthening_with_no_time_promise(client):
    pairs = [(k, "not-sure" if k == "where-it-hurts" else v) for k, v in ANSWERS]
    response = client.get(f"/self-check/result/?{urlencode(pairs)}")
    main = response.content.decode().split("<main")[1].split("</main>")[0]
    assert "It is general strengthening for the hip and knee." in main
    assert "month" not in main
    assert "six weeks" not in main


def test_the_not_improving_result_says_lasting_pain_is_common_and_not_their_fault(client):
    pairs = [(k, "not-improving" if k == "how-long" else v) for k, v in ANSWERS]
    response = client.get(f"/self-check/result/?{urlencode(pairs)}")
    assertContains(response, "It is not your fault.")


def test_the_arthritis_answers_link_preview_stands_alone(client):
    response = client.get(Entry.objects.get(slug="does-runners-knee-lead-to-arthritis").get_absolute_url())
    description = re.search(r'<meta name="description" content="([^"]*)"', response.content.decode())[1]
    assert "arthritis" in description
    assert description != "No one can say yet."


def test_the_nhs_knee_pain_source_says_a_summary_was_read(client):
    response = client.get(Entry.objects.get(slug="is-walking-good-for-runners-knee").get_absolute_url())
    assertContains(response, "Knee pain: when to get help (as summarised in other sources)")
    assertNotContains(response, "we did not read the page itself")
