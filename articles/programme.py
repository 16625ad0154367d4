"""The recovery programme's rules, as pure functions: no database, no request.

A programme is the self-check's first week plus one weekly check-in per week since. Where a
reader stands is two levels, replayed from the check-ins in the URL (nothing is stored):
- strength: how many steps up the exercises are (each step adds a set to every exercise, from
  its starting dose up to MAX_SETS, then moves it on to its harder next exercise);
- running: which running stage (0 = walking only, up to the reader's usual running).

The pain rule, from the notes' pain-monitoring sources (TREK, Esculier 2020), with its numbers
here once (templates/includes/pain_rule.html says them in words):
- a run: worst pain at most RUN_PAIN_FINE out of 10, settled within about an hour, and the knee
  no worse the next morning;
- exercises: a mild ache (at most EXERCISE_PAIN_FINE out of 10) gone by the next morning.

After each check-in:
- everything within the rule: one step up in all, never more: the exercises or the running
  steps up a level, not both. When both could (they ran, neither is at its top), they take turns:
  the part that did not step up last time steps now, running first (it is what the reader is
  working back to). When only one can (no run, or the other at its top), that one steps;
- outside the rule once (a run slow to settle, exercise pain above a mild ache but at most
  EXERCISE_PAIN_HOLD): hold the week;
- worse the next morning, pain above that, or outside the rule two check-ins running: step back
  the part that flared to the last level the knee was happy with; the other part holds;
- a warning sign: the care card and no plan;
- "worse" overall: the week never steps up, even within the pain rule; "worse" two check-ins
  running, or not better by week NO_BETTER_BY: the "soon" card, with the log;
- back to usual running (the top stage) within the rule, after at least MAINTENANCE_AFTER weeks:
  a maintenance week (strength about twice a week), and every week after it stays one: a flare
  steps back a level, never the days.
"""

import enum
import hashlib
import re
from dataclasses import dataclass, field

RUN_PAIN_FINE = 2  # out of 10, during a run
EXERCISE_PAIN_FINE = 3  # out of 10: a mild ache
EXERCISE_PAIN_HOLD = 5  # above this, exercises step back
MAX_SETS = 4
MAX_CHECKINS = 12  # weeks of check-ins a programme takes (URLs stay short)
NO_BETTER_BY = 6  # the check-in at the end of this week must find the knee better
MAINTENANCE_AFTER = 6  # weeks of the full programme before strength drops to twice a week
PAIN_VALUES = range(0, 11)


class Verdict(enum.IntEnum):
    """What one check-in says about one part of the programme: higher = more careful."""

    WITHIN = 0
    HOLD = 1
    BACK = 2


class Overall(enum.StrEnum):
    BETTER = "b"
    SAME = "s"
    WORSE = "w"

    @property
    def label(self):
        return {"b": "better", "s": "about the same", "w": "worse"}[self.value]


@dataclass(frozen=True)
class CheckIn:
    """One week's answers. Pains are 0–10; the run answers are None when they did not run."""

    exercise_pain: int
    exercise_worse: bool
    overall: Overall
    run_pain: int | None = None
    run_settled: bool | None = None
    run_worse: bool | None = None
    warning: bool = False  # a warning sign that makes self-care wait (never in a token)

    @property
    def ran(self):
        return self.run_pain is not None


def exercise_verdict(checkin):
    if checkin.exercise_worse or checkin.exercise_pain > EXERCISE_PAIN_HOLD:
        return Verdict.BACK
    return Verdict.HOLD if checkin.exercise_pain > EXERCISE_PAIN_FINE else Verdict.WITHIN


def run_verdict(checkin):
    """None when they did not run: nothing to judge running by."""
    if not checkin.ran:
        return None
    if checkin.run_worse or checkin.run_pain > RUN_PAIN_FINE:
        return Verdict.BACK
    return Verdict.WITHIN if checkin.run_settled else Verdict.HOLD


# A check-in in the URL: one short token a week, e.g. "2n" + "1yn" + "b" -> "2n1ynb" (exercise
# pain, worse next morning; run pain, settled, worse next morning, or "x" for no run; overall).
TOKEN = re.compile(r"([0-9a])([yn])(?:x|([0-9a])([yn])([yn]))([bsw])")


def _pain_char(pain):
    return "a" if pain == 10 else str(pain)


def encode(checkin):
    """The check-in as its token (str, 4 or 6 characters)."""
    yes_no = {True: "y", False: "n"}
    run = (
        f"{_pain_char(checkin.run_pain)}{yes_no[checkin.run_settled]}{yes_no[checkin.run_worse]}"
        if checkin.ran
        else "x"
    )
    return f"{_pain_char(checkin.exercise_pain)}{yes_no[checkin.exercise_worse]}{run}{checkin.overall}"


def decode(token):
    """The CheckIn a token holds. Raises ValueError for anything encode() could not have made."""
    match = TOKEN.fullmatch(token)
    if not match:
        raise ValueError(f"not a check-in: {token!r}")
    pain, worse, run_pain, settled, run_worse, overall = match.groups()
    return CheckIn(
        exercise_pain=10 if pain == "a" else int(pain),
        exercise_worse=worse == "y",
        overall=Overall(overall),
        run_pain=None if run_pain is None else (10 if run_pain == "a" else int(run_pain)),
        run_settled=None if settled is None else settled == "y",
        run_worse=None if run_worse is None else run_worse == "y",
    )


@dataclass(frozen=True)
class Levels:
    strength: int = 0
    running: int = 0

    def harder_than(self, other):
        return self.strength > other.strength or self.running > other.running


class Reason(enum.StrEnum):
    """Why a week held or stepped back (the week page says it in words)."""

    WORSE_OVERALL = "worse-overall"  # within the pain rule, but the reader said "worse" overall
    OUTSIDE_ONCE = "outside-once"  # a little outside the pain rule
    WORSE_NEXT_MORNING = "worse-next-morning"
    PAIN_ABOVE = "pain-above"  # pain above the rule's numbers
    OUTSIDE_TWICE = "outside-twice"  # a little outside the rule two check-ins running
    NO_STEP_LEFT = "no-step-left"  # within the rule, at the top already
    NO_RUN = "no-run"  # within the rule, the exercises at their top, but no run to step running by


@dataclass(frozen=True)
class Week:
    """One programme week: its number (1 = the self-check's week), its levels, how it came from
    the week before ("start", "up", "hold", "back", or "top": within the rule but no step left;
    a step back with no easier level to drop back to is a "hold" with the step back's reason),
    the part that stepped up ("strength" or "running", on an "up" week only), whether it is
    the maintenance week, why it held or stepped back (a Reason, None otherwise), and on such a
    hold the parts that flared at their easiest level (("strength",), ("running",) or both)."""

    number: int
    levels: Levels
    change: str = "start"
    maintenance: bool = False
    stepped: str | None = None
    reason: Reason | None = None
    at_easiest: tuple = ()


class Card(enum.StrEnum):
    CARE = "care"  # a warning sign: the self-check's care card, no plan
    SOON = "soon"  # see a GP or physiotherapist, with the log


@dataclass
class Programme:
    """Every week so far (weeks[-1] is the one to do now, absent after a warning sign), the
    check-ins between them, and the card to show first, if any."""

    weeks: list
    checkins: list = field(default_factory=list)
    card: Card | None = None
    top: Levels = Levels()

    @property
    def room(self):
        """{"strength": bool, "running": bool}: which parts of the current week can still step up."""
        levels = self.weeks[-1].levels
        return {part: getattr(levels, part) < getattr(self.top, part) for part in ("strength", "running")}

    @property
    def current(self):
        return self.weeks[-1] if self.card != Card.CARE else None

    @property
    def can_check_in(self):
        return self.card != Card.CARE and len(self.checkins) < MAX_CHECKINS


def _last_fine(level, fine_levels):
    """The last level the knee was happy with below `level`, else one below it (never below 0)."""
    below = [fine for fine in fine_levels if fine < level]
    return max(below) if below else max(level - 1, 0)


def _back_reason(checkin, verdicts, raw):
    """The Reason a part stepped back: worse next morning, then pain above the rule, else the
    rule missed two check-ins running (`raw`: the verdicts before that rule)."""
    if checkin.exercise_worse and verdicts["strength"] == Verdict.BACK:
        return Reason.WORSE_NEXT_MORNING
    if checkin.run_worse and verdicts["running"] == Verdict.BACK:
        return Reason.WORSE_NEXT_MORNING
    if any(raw[part] == Verdict.BACK for part in raw):
        return Reason.PAIN_ABOVE
    return Reason.OUTSIDE_TWICE


def _part_to_step(levels, top, ran, last_stepped):
    """Which part steps up after a check-in within the rule ("strength", "running" or None when
    neither can): one part a week; when both can, the one that did not step up last time
    (`last_stepped`), running the first time."""
    can = [part for part in ("running", "strength") if levels[part] < getattr(top, part)]
    if not ran and "running" in can:
        can.remove("running")  # nothing to judge running by
    if len(can) == 2:
        return "strength" if last_stepped == "running" else "running"
    return can[0] if can else None


def replay(start, top, checkins):
    """The Programme from its starting Levels, the highest Levels it can reach (`top`) and the
    check-ins (CheckIn, oldest first). Pure: the same arguments give the same programme."""
    weeks = [Week(1, start)]
    fine = {"strength": [], "running": []}
    previous = {"strength": None, "running": None}
    last_stepped = None
    programme = Programme(weeks, list(checkins), top=top)
    for number, checkin in enumerate(checkins, start=1):
        if checkin.warning:
            programme.card = Card.CARE
            return programme
        week = weeks[-1]
        verdicts = {"strength": exercise_verdict(checkin), "running": run_verdict(checkin)}
        raw = dict(verdicts)
        for part, verdict in verdicts.items():
            if verdict == Verdict.HOLD and previous[part] in (Verdict.HOLD, Verdict.BACK):
                verdicts[part] = Verdict.BACK  # outside the rule two check-ins running
            if verdict == Verdict.WITHIN:
                fine[part].append(getattr(week.levels, part))
        previous = verdicts
        worst = max(v for v in verdicts.values() if v is not None)
        levels = {"strength": week.levels.strength, "running": week.levels.running}
        reason = None
        if worst == Verdict.BACK:
            change = "back"
            reason = _back_reason(checkin, verdicts, raw)
            for part, verdict in verdicts.items():
                if verdict == Verdict.BACK:
                    levels[part] = _last_fine(levels[part], fine[part])
        elif worst == Verdict.HOLD:
            change = "hold"
            reason = Reason.OUTSIDE_ONCE
        else:
            change = "up"
            part = _part_to_step(levels, top, checkin.ran, last_stepped)
            if part:
                levels[part] += 1
            elif levels["running"] < top.running:
                change, reason = "hold", Reason.NO_RUN  # running has room, but nothing to judge it by
        worse_twice = (
            checkin.overall == Overall.WORSE and number > 1 and checkins[number - 2].overall == Overall.WORSE
        )
        if worse_twice or (number >= NO_BETTER_BY and checkin.overall != Overall.BETTER):
            programme.card = Card.SOON
        else:
            programme.card = None
        if programme.card or checkin.overall == Overall.WORSE:
            # Never a harder week for a knee the reader says is worse overall, even within the rule.
            levels = {part: min(value, getattr(week.levels, part)) for part, value in levels.items()}
            if change == "up":
                change, reason = "hold", Reason.WORSE_OVERALL
        new = Levels(**levels)
        if change == "up" and new == week.levels:
            change, reason = "top", Reason.NO_STEP_LEFT  # within the rule, at the top already
        at_easiest = ()
        if change == "back" and new == week.levels:
            change = "hold"  # outside the rule, but no easier level to drop back to (reason kept)
            at_easiest = tuple(part for part, verdict in verdicts.items() if verdict == Verdict.BACK)
        # the part that stepped up, if the step survived the checks above
        stepped = next((part for part in levels if levels[part] > getattr(week.levels, part)), None)
        last_stepped = stepped or last_stepped
        reaches_maintenance = (
            worst == Verdict.WITHIN
            and checkin.ran
            and week.levels.running == top.running
            and top.running > 0
            and number >= MAINTENANCE_AFTER  # the trials' programmes ran 6 to 8 weeks
        )
        # Once reached, strength stays twice a week: leaving it would double the sessions a week,
        # a harder week, after a flare or a hold. A flare steps back the level instead.
        maintenance = week.maintenance or (reaches_maintenance and programme.card is None)
        weeks.append(Week(number + 1, new, change, maintenance, stepped, reason, at_easiest))
    return programme


def calendar_uid(answers, week_number, day_number, start_date):
    """A calendar event's UID (str): the same for the same programme week and day whatever the
    order of the URL's parameters, different between weeks, days and start dates.
    `answers` is a list of (name, value) pairs: the self-check answers and the check-in tokens
    that make the programme."""
    canonical = "&".join(f"{name}={value}" for name, value in sorted(answers))
    digest = hashlib.sha256(f"{canonical}|{week_number}|{start_date.isoformat()}".encode()).hexdigest()[:20]
    return f"{digest}-week-{week_number}-day-{day_number}@kneesite"
