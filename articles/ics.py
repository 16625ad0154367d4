"""A programme week as an iCalendar file: one all-day event a day, from tomorrow."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from .programme import Card, calendar_uid

# Said after how long it takes (the week page's words, articles/includes/how_long.html).
CHECK_IN = (
    "Check in at the end of each week. If your knee is no better after a few weeks, see a GP or "
    "physiotherapist."
)
SOON = "Book an appointment with a GP or a physiotherapist. Take your log of the weeks with you."


def _plain(template_name):
    """A rule from its one template, as plain lines for a calendar's description."""
    text = strip_tags(render_to_string(template_name))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _care_first(result, card):
    """What a care card says to do, so the calendar keeps it (book the appointment)."""
    if card == Card.SOON:
        return SOON
    if result.top_level:
        return result.top_level.what_to_do
    return ""


def week_calendar(result, week, card, identity, week_url):
    """The iCalendar bytes for `week` (a ProgrammeWeek of `result`'s programme), starting the day
    after today. `identity`: the (name, value) pairs that make the programme, for stable UIDs;
    `card`: the programme's card (programme.Card) or None; `week_url`: the week's page."""
    today = timezone.localdate()
    start = today + datetime.timedelta(days=1)
    # Made today (its first minute): the file stays the same all day, so a calendar app that asks
    # again with the file's ETag gets a 304 rather than the same events anew.
    made = datetime.datetime.combine(today, datetime.time(), tzinfo=timezone.get_current_timezone())
    rules = f"{_plain('includes/pain_rule.html')}\n\n{_plain('includes/running_rule.html')}"
    first = _care_first(result, card)
    keep_going = f"{_plain('articles/includes/how_long.html')} {CHECK_IN}"

    calendar = Calendar()
    calendar.add("prodid", "-//kneesite//Programme week//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Knee plan")
    for day in week.days:
        exercises = "\n".join(f"- {dose.exercise.title}: {dose.text}" for dose in day.exercises)
        event = Event()
        event.add("uid", calendar_uid(identity, week.number, day.number, start))
        event.add("dtstamp", made)
        event.add("dtstart", start + datetime.timedelta(days=day.number - 1))
        event.add("summary", f"Knee plan, week {week.number}, day {day.number}: " + _summary(day))
        description = [
            *([first] if first else []),
            exercises or "No exercises today.",
            f"Running: {day.running}",
            keep_going,
            rules,
            f"Your week: {week_url}",
        ]
        event.add("description", "\n\n".join(description))
        calendar.add_component(event)
    return calendar.to_ical()


def _summary(day):
    """“2 exercises and a run”, “rest day”…"""
    parts = []
    if day.exercises:
        count = len(day.exercises)
        parts.append(f"{count} exercise{'s' if count > 1 else ''}")
    if day.runs:
        parts.append("a run")
    return " and ".join(parts) or "rest day"
