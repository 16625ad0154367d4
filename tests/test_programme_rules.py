"""The programme's rules as pure functions (articles/programme.py): every combination of one
check-in's answers, at every level a programme can be at, after every kind of week before; then
thousands of random 12-week programmes. No database: these run in a few seconds."""

import datetime
import itertools
import random

import pytest

from articles.programme import (
    MAINTENANCE_AFTER,
    MAX_CHECKINS,
    NO_BETTER_BY,
    Card,
    CheckIn,
    Levels,
    Overall,
    Reason,
    Verdict,
    calendar_uid,
    decode,
    encode,
    exercise_verdict,
    replay,
    run_verdict,
)
from articles.week import DAYS, MAINTENANCE_DAYS

TOP = Levels(strength=9, running=3)
# Pain values grouped where the rule treats them alike: a mild ache, more, a lot.
EXERCISE_PAINS = (0, 3, 4, 5, 6, 10)
RUN_PAINS = (0, 2, 3, 10)
RUNS = [(None, None, None), *itertools.product(RUN_PAINS, (True, False), (True, False))]


def every_checkin(warning=False):
    for pain, worse, (run_pain, settled, run_worse), overall in itertools.product(
        EXERCISE_PAINS, (True, False), RUNS, Overall
    ):
        yield CheckIn(pain, worse, overall, run_pain, settled, run_worse, warning)


ALL_CHECKINS = list(every_checkin())
FINE = CheckIn(0, False, Overall.BETTER, 1, True, False)
# The week before: fine, held (a slow-settling run), stepped back (worse next morning).
BEFORE = [FINE, CheckIn(0, False, Overall.SAME, 1, False, False), CheckIn(2, True, Overall.SAME)]
LEVELS = [Levels(s, r) for s in range(TOP.strength + 1) for r in range(TOP.running + 1)]


def strength_days(week):
    """Strength days a week: twice in the maintenance week, else each exercise's own spread (up
    to every day). At the same sets, more days is more sessions a week (sets x days)."""
    return len(MAINTENANCE_DAYS) if week.maintenance else len(DAYS)


def harder(after, before):
    """Is week `after` harder than week `before`: a higher strength level, more strength days a
    week, or a later running stage?"""
    return after.levels.harder_than(before.levels) or strength_days(after) > strength_days(before)


def within(checkin):
    return exercise_verdict(checkin) == Verdict.WITHIN and run_verdict(checkin) in (None, Verdict.WITHIN)


def combinations():
    """(the week before the check-in, the week after, the check-in) at every level, after every
    kind of week before."""
    for start, before, checkin in itertools.product(LEVELS, [None, *BEFORE], ALL_CHECKINS):
        checkins = [before, checkin] if before else [checkin]
        programme = replay(start, TOP, checkins)
        yield programme, checkin


COMBINATIONS = list(combinations())


def test_every_combination_is_walked():
    assert len(COMBINATIONS) == len(LEVELS) * 4 * len(ALL_CHECKINS) > 10_000


@pytest.mark.parametrize("level", LEVELS[:: len(LEVELS) // 4])
def test_a_warning_sign_always_ends_with_the_care_card_and_no_plan(level):
    for checkin in every_checkin(warning=True):
        programme = replay(level, TOP, [FINE, checkin])
        assert programme.card == Card.CARE
        assert programme.current is None
        assert not programme.can_check_in


def test_a_week_after_a_check_in_outside_the_rule_is_never_harder():
    for programme, checkin in COMBINATIONS:
        before, after = programme.weeks[-2], programme.weeks[-1]
        if not within(checkin):
            assert not harder(after, before), (checkin, before, after)


def steps_up(before, after):
    """How many levels week `after` is above week `before`, strength and running together."""
    return max(after.strength - before.strength, 0) + max(after.running - before.running, 0)


def test_at_most_one_part_steps_up_by_one_level_per_check_in():
    for programme, _ in COMBINATIONS:
        assert steps_up(programme.weeks[-2].levels, programme.weeks[-1].levels) <= 1


def test_running_never_increases_after_a_run_outside_the_rule():
    for programme, checkin in COMBINATIONS:
        if checkin.ran and run_verdict(checkin) != Verdict.WITHIN:
            assert programme.weeks[-1].levels.running <= programme.weeks[-2].levels.running


def test_running_never_increases_without_a_run():
    for programme, checkin in COMBINATIONS:
        if not checkin.ran:
            assert programme.weeks[-1].levels.running <= programme.weeks[-2].levels.running


def test_everything_within_the_rule_steps_one_part_up_unless_at_the_top_worse_overall_or_a_card():
    for programme, checkin in COMBINATIONS:
        before, after = programme.weeks[-2].levels, programme.weeks[-1].levels
        worse = checkin.overall == Overall.WORSE
        if within(checkin) and not worse and programme.card is None and before.strength < TOP.strength:
            assert steps_up(before, after) == 1
            assert programme.weeks[-1].change == "up"


def test_strength_and_running_take_turns_running_first():
    programme = replay(Levels(0, 0), TOP, [FINE] * 4)
    assert [week.stepped for week in programme.weeks[1:]] == ["running", "strength", "running", "strength"]
    assert programme.weeks[-1].levels == Levels(2, 2)


def test_a_turn_comes_back_to_the_part_that_did_not_step_up_last_time():
    no_run = CheckIn(0, False, Overall.BETTER)
    programme = replay(Levels(0, 0), TOP, [FINE, no_run, no_run, FINE])
    assert [week.stepped for week in programme.weeks[1:]] == ["running", "strength", "strength", "running"]


def test_without_a_run_only_the_exercises_step_up():
    programme = replay(Levels(0, 0), TOP, [CheckIn(0, False, Overall.BETTER)])
    assert programme.weeks[-1].levels == Levels(1, 0)


def test_with_running_at_its_top_the_exercises_step_up_every_fine_week():
    programme = replay(Levels(0, TOP.running), TOP, [FINE] * 3)
    assert programme.weeks[-1].levels == Levels(3, TOP.running)


def test_with_the_exercises_at_their_top_running_steps_up_every_fine_week():
    programme = replay(Levels(TOP.strength, 0), TOP, [FINE] * 3)
    assert programme.weeks[-1].levels == Levels(TOP.strength, 3)


def test_worse_next_morning_steps_back():
    for programme, checkin in COMBINATIONS:
        before, after = programme.weeks[-2].levels, programme.weeks[-1].levels
        if checkin.exercise_worse and before.strength > 0:
            assert after.strength < before.strength
            assert programme.weeks[-1].change == "back"
        if checkin.run_worse and before.running > 0:
            assert after.running < before.running


def test_a_flare_at_the_easiest_level_holds_and_names_the_part_that_flared():
    exercises_worse = CheckIn(0, True, Overall.SAME, 1, True, False)
    run_worse = CheckIn(0, False, Overall.SAME, 1, True, True)
    both_worse = CheckIn(0, True, Overall.SAME, 1, True, True)
    for checkin, start, flared in [
        (exercises_worse, Levels(0, 2), ("strength",)),
        (run_worse, Levels(2, 0), ("running",)),
        (both_worse, Levels(0, 0), ("strength", "running")),
    ]:
        week = replay(start, TOP, [checkin]).weeks[-1]
        assert (week.change, week.levels, week.at_easiest) == ("hold", start, flared)
        assert week.reason == Reason.WORSE_NEXT_MORNING
    assert replay(Levels(1, 2), TOP, [exercises_worse]).weeks[-1].change == "back"  # an easier level


def test_outside_the_rule_once_holds():
    slow_run = CheckIn(0, False, Overall.SAME, 1, False, False)
    programme = replay(Levels(2, 2), TOP, [slow_run])
    assert programme.weeks[-1].levels == Levels(2, 2)
    assert programme.weeks[-1].change == "hold"


def test_outside_the_rule_twice_running_steps_back_to_the_last_level_the_knee_was_happy_with():
    slow_run = CheckIn(0, False, Overall.SAME, 1, False, False)
    programme = replay(Levels(2, 1), TOP, [FINE, slow_run, slow_run])
    assert [week.levels.running for week in programme.weeks] == [1, 2, 2, 1]


def test_a_step_back_goes_to_the_last_level_the_knee_was_happy_with():
    flare = CheckIn(2, True, Overall.SAME, 4, False, True)
    programme = replay(Levels(0, 0), TOP, [FINE, FINE, FINE, flare])
    assert programme.weeks[-2].levels == Levels(1, 2)
    assert programme.weeks[-1].levels == Levels(0, 1)


def test_worse_overall_twice_running_gives_the_soon_card():
    for level in LEVELS:
        programme = replay(level, TOP, [replace_overall(FINE, Overall.WORSE)] * 2)
        assert programme.card == Card.SOON
        assert programme.current is not None  # the week to keep to while waiting


def test_worse_once_is_not_the_soon_card():
    programme = replay(Levels(), TOP, [replace_overall(FINE, Overall.WORSE)])
    assert programme.card is None


@pytest.mark.parametrize("overall", [Overall.SAME, Overall.WORSE])
def test_no_better_by_week_six_gives_the_soon_card(overall):
    checkins = [replace_overall(FINE, Overall.SAME)] * (NO_BETTER_BY - 1) + [replace_overall(FINE, overall)]
    assert replay(Levels(), TOP, checkins[:-1]).card is None
    assert replay(Levels(), TOP, checkins).card == Card.SOON


def test_better_by_week_six_carries_on():
    checkins = [replace_overall(FINE, Overall.SAME)] * (NO_BETTER_BY - 1) + [FINE]
    assert replay(Levels(), TOP, checkins).card is None


def test_the_soon_card_never_steps_up():
    for programme, _ in COMBINATIONS:
        if programme.card == Card.SOON:
            assert not harder(programme.weeks[-1], programme.weeks[-2])


def test_usual_running_within_the_rule_leads_to_the_maintenance_week_after_six_weeks():
    programme = replay(Levels(TOP.strength, TOP.running), TOP, [FINE] * MAINTENANCE_AFTER)
    assert not any(week.maintenance for week in programme.weeks[:-1])  # the trials ran 6 to 8 weeks
    assert programme.weeks[-1].maintenance
    assert programme.weeks[-1].levels == Levels(TOP.strength, TOP.running)


def test_a_knee_worse_overall_never_gets_a_harder_week():
    for programme, checkin in COMBINATIONS:
        if checkin.overall == Overall.WORSE:
            assert not harder(programme.weeks[-1], programme.weeks[-2]), checkin


@pytest.mark.parametrize("start", [Levels(0, 0), Levels(0, 1), Levels(0, TOP.running - 1)])
def test_the_maintenance_week_is_reached_within_the_programme_from_every_usual_start(start):
    """Walking only, short walk–run or easy runs: fine weeks reach it by the last check-in."""
    programme = replay(start, TOP, [FINE] * MAX_CHECKINS)
    assert any(week.maintenance for week in programme.weeks)


def test_no_maintenance_week_before_usual_running():
    programme = replay(Levels(0, TOP.running - 1), TOP, [FINE])
    assert not programme.weeks[-1].maintenance


def test_a_running_flare_in_the_maintenance_week_steps_running_back_and_keeps_strength_twice_a_week():
    running_flare = CheckIn(0, False, Overall.BETTER, 5, False, True)
    programme = replay(
        Levels(TOP.strength - 3, TOP.running - 3), TOP, [FINE] * MAINTENANCE_AFTER + [running_flare]
    )
    before, after = programme.weeks[-2], programme.weeks[-1]
    assert before.maintenance and before.levels == Levels(TOP.strength, TOP.running)
    assert after.levels == Levels(TOP.strength, TOP.running - 1)
    assert after.maintenance


def test_a_strength_flare_in_the_maintenance_week_steps_strength_back_and_keeps_it_twice_a_week():
    strength_flare = CheckIn(2, True, Overall.BETTER, 1, True, False)
    programme = replay(
        Levels(TOP.strength - 1, TOP.running), TOP, [FINE] * MAINTENANCE_AFTER + [strength_flare]
    )
    before, after = programme.weeks[-2], programme.weeks[-1]
    assert before.maintenance and after.maintenance
    assert after.levels.strength < before.levels.strength


@pytest.mark.parametrize("checkin", ALL_CHECKINS[::7])
def test_a_token_decodes_to_its_check_in(checkin):
    assert decode(encode(checkin)) == checkin
    assert len(encode(checkin)) <= 6


@pytest.mark.parametrize("token", ["", "bn1ynb", "2n1ynq", "2nyynb", "2n1yn", "2n1ynbb", "1\n", "2nxb\n"])
def test_a_tampered_token_is_refused(token):
    with pytest.raises(ValueError):
        decode(token)


def test_a_random_walk_of_twelve_weeks_keeps_every_rule():
    """A few thousand programmes, from every starting level, with random honest answers."""
    rng = random.Random(15)
    for _ in range(3000):
        top = Levels(rng.randrange(12), rng.randrange(5))  # plans and stage lists of every size
        start = Levels(rng.randrange(top.strength + 1), rng.randrange(top.running + 1))
        checkins = [rng.choice(ALL_CHECKINS) for _ in range(MAX_CHECKINS)]
        if rng.random() < 0.05:
            checkins[rng.randrange(MAX_CHECKINS)] = CheckIn(0, False, Overall.SAME, warning=True)
        programme = replay(start, top, checkins)
        assert_walk_keeps_the_rules(programme, checkins, top)


def assert_walk_keeps_the_rules(programme, checkins, top):
    weeks = programme.weeks
    for index, week in enumerate(weeks[1:]):
        before, checkin = weeks[index], checkins[index]
        assert week.number == before.number + 1
        assert steps_up(before.levels, week.levels) <= 1, (checkins, before, week)
        if not within(checkin):
            assert not harder(week, before), (checkins, before, week)
        if not checkin.ran or run_verdict(checkin) != Verdict.WITHIN:
            assert week.levels.running <= before.levels.running
        assert 0 <= week.levels.strength <= top.strength and 0 <= week.levels.running <= top.running
    warned = next((i for i, c in enumerate(checkins) if c.warning), None)
    if warned is not None:
        assert programme.card == Card.CARE and programme.current is None
        assert len(weeks) == warned + 1  # nothing planned after the warning sign
        return
    last = len(checkins)
    worse_twice = last > 1 and checkins[-1].overall == checkins[-2].overall == Overall.WORSE
    if worse_twice or (last >= NO_BETTER_BY and checkins[-1].overall != Overall.BETTER):
        assert programme.card == Card.SOON


def replace_overall(checkin, overall):
    return CheckIn(
        checkin.exercise_pain,
        checkin.exercise_worse,
        overall,
        checkin.run_pain,
        checkin.run_settled,
        checkin.run_worse,
    )


ANSWERS = [("where-it-hurts", "kneecap"), ("warning-signs", "none"), ("h", "0nx0yb.1n1ynb")]
START = datetime.date(2026, 12, 1)


def test_calendar_uids_are_the_same_whatever_the_order_of_the_parameters():
    for day in range(1, 8):
        assert calendar_uid(ANSWERS, 3, day, START) == calendar_uid(ANSWERS[::-1], 3, day, START)


def test_calendar_uids_differ_between_weeks_days_and_start_dates():
    uids = {
        calendar_uid(ANSWERS, week, day, START + datetime.timedelta(days=offset))
        for week in range(1, 14)
        for day in range(1, 8)
        for offset in range(3)
    }
    assert len(uids) == 13 * 7 * 3


@pytest.mark.parametrize(
    ("checkins", "reason"),
    [
        ([CheckIn(1, False, Overall.WORSE)], Reason.WORSE_OVERALL),
        ([CheckIn(0, False, Overall.SAME, 1, False, False)], Reason.OUTSIDE_ONCE),
        ([CheckIn(4, False, Overall.SAME)], Reason.OUTSIDE_ONCE),
        ([CheckIn(1, True, Overall.SAME)], Reason.WORSE_NEXT_MORNING),
        ([CheckIn(0, False, Overall.SAME, 1, True, True)], Reason.WORSE_NEXT_MORNING),
        ([CheckIn(6, False, Overall.SAME)], Reason.PAIN_ABOVE),
        ([CheckIn(0, False, Overall.SAME, 3, True, False)], Reason.PAIN_ABOVE),
        ([CheckIn(4, False, Overall.SAME), CheckIn(4, False, Overall.SAME)], Reason.OUTSIDE_TWICE),
    ],
)
def test_a_week_that_holds_or_steps_back_says_why(checkins, reason):
    assert replay(Levels(2, 2), TOP, checkins).weeks[-1].reason == reason


def test_a_fine_week_with_no_step_left_says_so():
    programme = replay(TOP, TOP, [FINE])
    assert (programme.weeks[-1].change, programme.weeks[-1].reason) == ("top", Reason.NO_STEP_LEFT)


def test_a_fine_week_without_a_run_holds_running_and_says_so_when_only_running_has_room():
    exercises_at_top = Levels(TOP.strength, 1)
    programme = replay(exercises_at_top, TOP, [CheckIn(1, False, Overall.BETTER)])
    assert (programme.weeks[-1].change, programme.weeks[-1].reason) == ("hold", Reason.NO_RUN)
    assert programme.weeks[-1].levels == exercises_at_top


def test_every_hold_and_step_back_has_a_reason_and_no_step_up_has_one():
    for programme, _ in COMBINATIONS:
        week = programme.weeks[-1]
        assert (week.reason is not None) == (week.change in ("hold", "back", "top")), week
