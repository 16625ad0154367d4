"""The self-check's week: seven days of exercises at their doses, with what to do about running.

Each exercise is spread over the week on as many days as its page says (`days_per_week`).
Running follows the site's rule for building up running (templates/includes/running_rule.html):
keep it within the pain rule, cut it back, or, only where an answer calls for it, a week off
running ending in a short trial run.
"""

from dataclasses import dataclass, field

from .models import Choice

DAYS = range(1, 8)
RUN_DAYS = {2, 4, 6}  # a day off between runs

RUNNING = {
    Choice.RunningChange.KEEP: {
        "run": "Run if you usually would today, within the pain rule.",
        "rest": "No running: a day off between runs.",
    },
    Choice.RunningChange.CUT_BACK: {
        "run": "Short, easy run on flat ground if you usually run today, within the pain rule.",
        "rest": "No running: a day off between runs.",
    },
    Choice.RunningChange.REST: {
        "rest": "No running this week. Walk as much as is comfortable.",
        "trial": (
            "Trial run, if walking no longer hurts: short, easy, on flat ground. If it breaks the pain "
            "rule, stop, and do another week of exercises only."
        ),
    },
}


@dataclass
class Day:
    number: int
    exercises: list = field(default_factory=list)
    running: str = ""
    runs: bool = False

    @property
    def strengthens(self):
        return any(exercise.is_strengthening for exercise in self.exercises)


def spread(days_per_week):
    """Which days (1–7) to do something `days_per_week` times, spaced as evenly as possible
    from the first day to the last: 4 -> days 1, 3, 5, 7; 3 -> 1, 4, 7."""
    if days_per_week == 1:
        return [1]
    return sorted({round(i * 6 / (days_per_week - 1)) + 1 for i in range(days_per_week)})


def build_week(exercises, running_change):
    week = [Day(number) for number in DAYS]
    for exercise in exercises:
        for number in spread(exercise.days_per_week):
            week[number - 1].exercises.append(exercise)
    advice = RUNNING[running_change]
    for day in week:
        if running_change == Choice.RunningChange.REST:
            day.running = advice["trial"] if day.number == 7 else advice["rest"]
            day.runs = day.number == 7
        else:
            day.runs = day.number in RUN_DAYS
            day.running = advice["run"] if day.runs else advice["rest"]
    return week
