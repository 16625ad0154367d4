"""The self-check's week as an iCalendar file: one all-day event a day, from tomorrow."""

import datetime
import hashlib

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from kneesite.address import absolute_url


def _plain(template_name):
    """A rule from its one template, as plain lines for a calendar's description."""
    text = strip_tags(render_to_string(template_name))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def week_calendar(result, request):
    """The iCalendar bytes for `result.week`, starting the day after today."""
    start = timezone.localdate() + datetime.timedelta(days=1)
    uid_base = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    result_url = absolute_url(f"{reverse('articles:self_check_result')}?{request.GET.urlencode()}")
    rules = f"{_plain('includes/pain_rule.html')}\n\n{_plain('includes/running_rule.html')}"

    calendar = Calendar()
    calendar.add("prodid", "-//kneesite//Self-check week//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Knee plan")
    for day in result.week:
        exercises = "\n".join(f"- {exercise.title}: {exercise.dose}" for exercise in day.exercises)
        event = Event()
        event.add("uid", f"{uid_base}-day-{day.number}@kneesite")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", start + datetime.timedelta(days=day.number - 1))
        event.add("summary", f"Knee plan, day {day.number}: " + _summary(day))
        event.add(
            "description",
            f"{exercises or 'No exercises today.'}\n\nRunning: {day.running}\n\n{rules}\n\nYour plan: {result_url}",
        )
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
