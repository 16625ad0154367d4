"""A programme week as readers see it: the exercises at their doses, the running stage, and
seven days. Built from content (exercises, running stages) and a week's levels
(articles/programme.py), so the self-check's first week and every later week are made alike.

Strength: each exercise of the plan climbs its own ladder, a rung a step: its starting sets,
one more set a step up to MAX_SETS, then its harder next exercise (`Exercise.next_exercise`)
from that one's starting sets. Running: the week's stage (`RunningStage`), its runs put on days
without strengthening where it can (a day off between runs).
"""

import itertools
from dataclasses import dataclass, field

from .models import Choice
from .programme import MAX_SETS, Levels

DAYS = range(1, 8)
MAINTENANCE_DAYS = (1, 4)  # strength about twice a week, once back to usual running
NO_RUN = "No running today. Walk as much as the pain rule allows."
NO_STAGES = "No running plan: follow the running rule."


@dataclass
class Dose:
    """One exercise in a week: the exercise, its sets (None if its dose counts none), its dose
    text, and on which days."""

    exercise: object
    sets: int | None
    days: list

    @property
    def text(self):
        if self.days == list(MAINTENANCE_DAYS):
            return f"{self.exercise.dosage_at(self.sets)}, twice a week"
        return self.exercise.dose_at(self.sets)


@dataclass
class Day:
    number: int
    exercises: list = field(default_factory=list)  # the Doses of the day
    running: str = ""
    runs: bool = False

    @property
    def strengthens(self):
        return any(dose.exercise.is_strengthening for dose in self.exercises)


@dataclass
class ProgrammeWeek:
    number: int
    doses: list
    stage: object  # a RunningStage, or None when authors have none
    days: list
    change: str = "start"
    maintenance: bool = False
    stepped: str | None = None  # the part that stepped up: "strength" or "running"
    reason: str | None = None  # why it held or stepped back (a programme.Reason)
    at_easiest: tuple = ()  # on a hold after a flare: the parts already at their easiest


def ladder(exercise, live):
    """[(exercise, sets)] from `exercise` up through its harder next exercises (live ones only,
    {pk: exercise}), one rung a step."""
    rungs, seen = [], set()
    while exercise is not None and exercise.pk not in seen:
        seen.add(exercise.pk)
        sets = range(exercise.starting_sets, MAX_SETS + 1) if exercise.starting_sets else [None]
        rungs += [(exercise, n) for n in sets]
        exercise = live.get(exercise.next_exercise_id)
    return rungs


def top_levels(plan, live, stages):
    """The highest Levels a programme starting from `plan` (exercises) can reach."""
    strength = max((len(ladder(exercise, live)) - 1 for exercise in plan), default=0)
    return Levels(strength=strength, running=max(len(stages) - 1, 0))


def start_levels(running_change, stages):
    """Week 1: every exercise at its starting dose; running at the stage the self-check's answers
    call for: walking only (walking hurts), the first walk–run stage (cut back), or easy runs,
    one below usual running (no change)."""
    top = max(len(stages) - 1, 0)
    stage = {Choice.RunningChange.REST: 0, Choice.RunningChange.CUT_BACK: 1}.get(running_change, top - 1)
    return Levels(strength=0, running=min(max(stage, 0), top))


def spread(days_per_week):
    """Which days (1–7) to do something `days_per_week` times, spaced as evenly as possible
    from the first day to the last: 4 -> days 1, 3, 5, 7; 3 -> 1, 4, 7."""
    if days_per_week == 1:
        return [1]
    return sorted({round(i * 6 / (days_per_week - 1)) + 1 for i in range(days_per_week)})


def run_days(runs, strength_days):
    """`runs` days (sorted, 1–7) for running: no two back to back where the week has room (up
    to 4 runs), then as few on strengthening days as can be, then as far apart as can be, then
    as late in the week as can be (a trial run ends a week off)."""

    def cost(days):
        gaps = [after - before for before, after in itertools.pairwise(days)]
        return (
            gaps.count(1),  # back to back: the stages ask for a day off between runs
            len(set(days) & set(strength_days)),
            -min(gaps, default=7),
            -days[0],
        )

    return list(min(itertools.combinations(DAYS, runs), key=cost)) if runs else []


def build_week(plan, stages, live, week):
    """The ProgrammeWeek of `week` (a programme.Week) for a plan (exercises, the self-check's),
    the running stages (first to last) and the live exercises ({pk: exercise})."""
    doses = {}
    for exercise in plan:
        rungs = ladder(exercise, live)
        rung_exercise, sets = rungs[min(week.levels.strength, len(rungs) - 1)]
        known = doses.get(rung_exercise.pk)
        if known is None or (sets or 0) > (known.sets or 0):  # two ladders met: the harder dose
            days = list(MAINTENANCE_DAYS) if week.maintenance else spread(rung_exercise.days_per_week)
            doses[rung_exercise.pk] = Dose(rung_exercise, sets, days)
    stage = stages[min(week.levels.running, len(stages) - 1)] if stages else None

    days = [Day(number) for number in DAYS]
    for dose in doses.values():
        for number in dose.days:
            days[number - 1].exercises.append(dose)
    strength_days = {day.number for day in days if day.strengthens}
    running = run_days(stage.runs_per_week, strength_days) if stage else []
    for day in days:
        day.runs = day.number in running
        day.running = (stage.run_text if day.runs else NO_RUN) if stage else NO_STAGES
    return ProgrammeWeek(
        week.number,
        list(doses.values()),
        stage,
        days,
        week.change,
        week.maintenance,
        week.stepped,
        week.reason,
        week.at_easiest,
    )


def _from_to(name, before, after):
    """“Runs a week: 4, up from 3.” (`before` and `after` are numbers)."""
    return f"{name}: {after}, {'up' if after > before else 'down'} from {before}."


def what_changed(before, after):
    """Sentences (str) saying what changed from the ProgrammeWeek `before` to `after`: the
    exercises' sets, an exercise moved to another, and the running stage with its numbers;
    [] when nothing did."""
    up = after.change == "up"
    lines = _strength_changes(before.doses, after.doses, up)
    was, now = before.stage, after.stage
    if was and now and was.pk != now.pk:
        lines.append(f"Running {'moves up' if up else 'drops back'} to: {now.title}.")
        if was.runs_per_week != now.runs_per_week:
            lines.append(_from_to("Runs a week", was.runs_per_week, now.runs_per_week))
        if was.minutes != now.minutes:
            lines.append(_from_to("Minutes a run", was.minutes, now.minutes))
        if was.walk_breaks != now.walk_breaks:
            lines.append(
                f"Walk breaks: {now.walk_breaks or 'none now'} (last week: {was.walk_breaks or 'none'})."
            )
    return lines


def _strength_changes(old, new, up):
    """Sentences for the doses (lists of Dose, in plan order) that changed: one for the sets when
    they all moved alike, one for each exercise that moved to another."""
    key = [(dose.exercise.pk, dose.sets) for dose in old]
    if key == [(dose.exercise.pk, dose.sets) for dose in new]:
        return []
    if len(old) != len(new):  # two ladders met (or parted): say the doses that changed
        gone = [dose for dose in old if dose not in new]
        come = [dose for dose in new if dose not in old]
        return [f"The exercises {'move on' if up else 'drop back'} from {_doses(gone)} to {_doses(come)}."]
    same = [(was, now) for was, now in zip(old, new, strict=True) if was.exercise.pk == now.exercise.pk]
    moved = [(was, now) for was, now in zip(old, new, strict=True) if was.exercise.pk != now.exercise.pk]
    changed = [(was, now) for was, now in same if was.sets != now.sets]
    lines = []
    if changed and len(changed) == len(same) and len({(was.sets, now.sets) for was, now in changed}) == 1:
        # every exercise that stays changed its sets alike: one sentence says it
        was, now = changed[0]
        lines.append(f"The exercises {'step up' if up else 'drop'} from {was.sets} sets to {now.sets}.")
    else:  # each in its own words ("times" for a stretch), as its dose reads
        lines += [
            f"{now.exercise.title}: {now.exercise.dosage_at(now.sets)}, {'up' if up else 'down'} from {was.sets}."
            for was, now in changed
        ]
    lines += [
        f"{was.exercise.title} {'moves on' if up else 'drops back'} to {_doses([now])}." for was, now in moved
    ]
    return lines


def _doses(doses):
    """“Step-ups, 4 sets and Wall squat, 2 sets”."""
    parts = [
        f"{dose.exercise.title}, {dose.sets} sets" if dose.sets else dose.exercise.title for dose in doses
    ]
    return " and ".join(parts)
