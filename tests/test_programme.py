"""The programme over HTTP, on the shipped content: the check-in page and the weeks it leads to,
errors and tampering, the calendar, the query count, no cookies; and the content the rules
stand on (the pain rule's numbers, every week's doses, the running stages)."""

import datetime
import itertools
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import time_machine
from django.template.loader import render_to_string
from icalendar import Calendar
from pytest_django.asserts import assertContains, assertNotContains

from articles import programme
from articles.models import Choice, Exercise, RunningStage
from articles.programme import MAX_CHECKINS, CheckIn, Levels, Overall, encode
from articles.selfcheck import live_content
from articles.week import Dose, ProgrammeWeek, build_week, ladder, run_days, spread, what_changed

from .pageforms import read_form

pytestmark = pytest.mark.django_db

ANSWERS = [
    ("warning-signs", "none"),
    ("where-it-hurts", "kneecap"),
    ("half-squat-test", "moved-inward"),
    ("knees-roll-in", "no"),
    ("training-change", "training-for-event"),
    ("walking", "pain-free"),
    ("running-pain", "still-hurts"),
    ("how-long", "few-weeks"),
]
CHECK_IN = "/self-check/check-in/"
WEEK = "/self-check/week/"
CALENDAR = "/self-check/week.ics"
FINE = {
    "signs": ["none"],
    "exercise_pain": "1",
    "exercise_worse": "no",
    "ran": "yes",
    "run_pain": "1",
    "run_settled": "yes",
    "run_worse": "no",
    "overall": "b",
}


def url(path, *pairs):
    return f"{path}?{urlencode([*ANSWERS, *pairs])}"


def check_in(client, check_in_url, changes):
    """Fill in the check-in page's form as a reader does and send it (a GET form)."""
    form = read_form(client.get(check_in_url)).change(**changes)
    return client.get(form.action, form.data())


def next_week_url(response):
    assert response.status_code == 302, response.status_code
    return response["Location"]


def test_the_result_links_to_the_first_check_in(client):
    response = client.get(url("/self-check/result/"))
    assertContains(response, f'href="{url(CHECK_IN)}"'.replace("&", "&amp;"))


def test_the_check_in_asks_the_warning_signs_pain_runs_and_overall(client):
    response = client.get(url(CHECK_IN))
    assertContains(response, "Check in after week 1")
    form = read_form(response)
    assert {
        "signs",
        "exercise_pain",
        "exercise_worse",
        "ran",
        "run_pain",
        "run_settled",
        "run_worse",
        "overall",
    } <= form.names
    assert form.action == WEEK


def test_a_fine_week_steps_up_to_a_week_at_its_own_short_address(client):
    location = next_week_url(check_in(client, url(CHECK_IN), FINE))
    assert dict(parse_qsl(urlsplit(location).query))["w"] == "2"
    response = client.get(location)
    assertContains(response, "One step up")
    assert response.context["week"].number == 2


def test_a_fine_week_says_which_part_steps_up_and_which_stays(client):
    week_two = client.get(next_week_url(check_in(client, url(CHECK_IN), FINE)))
    assertContains(week_two, "Running moves up to: ")
    assertContains(week_two, "The exercises stay the same; they can step up next week.")
    check_in_two = week_two.context["query"]
    week_three = client.get(next_week_url(check_in(client, f"{CHECK_IN}?{check_in_two}", FINE)))
    assertContains(
        week_three,
        "The exercises step up from 2 sets to 3. Your running stays the same; it can step up next week.",
    )


def _week_after(client, week_url, answers):
    """The next week's URL after checking in on the week at `week_url` with `answers`."""
    query = client.get(week_url).context["query"]
    return next_week_url(check_in(client, f"{CHECK_IN}?{query}", answers))


def test_worse_the_next_morning_steps_back_and_says_flare_ups_are_common(client):
    week_two = next_week_url(check_in(client, url(CHECK_IN), FINE))  # running steps up first
    week_three = _week_after(client, week_two, FINE)  # then the exercises
    week_four = _week_after(client, week_three, {**FINE, "exercise_worse": "yes"})
    response = client.get(week_four)
    assertContains(response, "A step back")
    assertContains(response, "The exercises drop from 3 sets to 2.")
    assertContains(response, "Flare-ups are common. They do not mean damage.")


def test_a_flare_at_the_easiest_level_keeps_the_week_and_does_not_claim_a_step_back(client):
    week_two = next_week_url(check_in(client, url(CHECK_IN), FINE))  # the exercises stay at their first
    week_three = _week_after(client, week_two, {**FINE, "exercise_worse": "yes"})
    response = client.get(week_three)
    assertNotContains(response, "A step back")
    assertContains(response, "The same again.")
    assertContains(response, "Your exercises are already at the easiest level, so this week stays the same.")
    assertContains(response, "Flare-ups are common. They do not mean damage.")
    assertContains(response, "see a GP or physiotherapist")


def test_a_warning_sign_at_the_check_in_ends_with_the_care_card_and_no_plan(client):
    response = check_in(client, url(CHECK_IN), {**FINE, "signs": ["locks-gives-way"]})
    assert response.status_code == 200
    assertContains(response, "care-card care-card-urgent")
    assertContains(response, "Stop your programme for now.")  # already started: not “don’t start”
    assertNotContains(response, "start exercises")
    main = response.content.decode().split("<main")[1].split("</main>")[0]
    assert "Day 1" not in main and "/exercises/" not in main


def test_worse_twice_reaches_the_soon_card_with_a_printable_log(client):
    worse = encode(CheckIn(1, False, Overall.WORSE))
    response = client.get(url(WEEK, ("w", "3"), ("h", f"{worse}.{worse}")))
    html = response.content.decode()
    assertContains(response, "Soon: book an appointment")
    assertContains(response, "Your knee has been worse at two check-ins in a row")
    assertContains(response, "Your log")
    assertContains(response, "Overall: worse.", count=2)
    assertNotContains(response, 'class="week-change ')  # the card says why the week holds
    assert html.index('class="care-card ') < html.index("Bookmark it")


def test_a_missing_answer_gets_the_error_summary(client):
    response = check_in(client, url(CHECK_IN), {**FINE, "overall": None})
    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assert response.context["form"].errors.as_data()["overall"][0].code == "required"


def test_an_empty_check_in_gets_the_error_summary_naming_each_question(client):
    form = read_form(client.get(url(CHECK_IN)))
    response = client.get(form.action, form.data())
    assert response.status_code == 200
    summary = response.content.decode().split('class="error-summary-list"')[1].split("</ul>")[0]
    for topic in ("the warning signs", "the worst pain during the exercises", "how your knee is overall"):
        assert topic in summary


def test_a_missing_answer_says_which_question_it_is_about(client):
    response = check_in(client, url(CHECK_IN), {**FINE, "overall": None})
    summary = response.content.decode().split('class="error-summary-list"')[1].split("</ul>")[0]
    assert "Select an answer for how your knee is overall" in summary


def test_a_pain_of_eleven_says_which_question_it_is_about(client):
    answers = [(k, v) for k, v in FINE.items() if k not in ("signs", "run_pain")]
    response = client.get(url(WEEK, *answers, ("signs", "none"), ("run_pain", "11")))
    assertContains(response, "Select a number from 0 to 10 for the worst pain during a run")


def test_the_check_in_asks_the_warning_signs_briefly_and_links_to_them_in_full(client):
    Choice.objects.filter(slug="locks-gives-way").update(hint="Your knee gets stuck, bent.")
    response = client.get(url(CHECK_IN))
    assertNotContains(response, "Your knee gets stuck, bent.")
    link = re.search(
        r'href="([^"]*)" target="_blank">Go through the warning signs in full', response.content.decode()
    )
    full = client.get(link.group(1).replace("&amp;", "&"))
    assertContains(full, "Check for warning signs")
    assertContains(full, "Your knee gets stuck, bent.")


def test_run_answers_are_needed_only_after_a_run(client):
    response = check_in(client, url(CHECK_IN), {**FINE, "run_pain": None})
    assert response.context["form"].errors.as_data()["run_pain"][0].code == "required"
    no_run = {**FINE, "ran": "no", "run_pain": None, "run_settled": None, "run_worse": None}
    assert check_in(client, url(CHECK_IN), no_run).status_code == 302


def test_a_pain_of_eleven_is_a_form_error(client):
    response = client.get(
        url(
            WEEK,
            *[
                (k, v)
                for k, values in FINE.items()
                for v in ([values] if isinstance(values, str) else values)
                if k != "exercise_pain"
            ],
            ("exercise_pain", "11"),
        )
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["exercise_pain"][0].code == "invalid_choice"


@pytest.mark.parametrize(
    "tampered",
    [
        [("w", "99")],
        [("h", "zz")],
        [("h", "1n1ynb"), ("w", "5")],
        [("w", "2"), ("w", "2"), ("h", "1nxb")],
        [("h", ".".join(["1nxb"] * 13))],
    ],
    ids=["week-99", "bad-token", "wrong-week", "twice", "too-many"],
)
def test_a_tampered_address_gets_an_error_summary_not_a_500(client, tampered):
    for path in (WEEK, CHECK_IN, CALENDAR):
        response = client.get(url(path, *tampered))
        assert response.status_code == 400
        assertContains(response, "There is a problem", status_code=400)


def test_the_address_stays_short_after_twelve_weeks(client):
    history = ".".join(encode(CheckIn(10, True, Overall.SAME, 10, False, True)) for _ in range(MAX_CHECKINS))
    response = client.get(url(WEEK, ("w", str(MAX_CHECKINS + 1)), ("h", history)))
    assert response.status_code == 200
    for link in re.findall(r'href="(/self-check/[^"]+)"', response.content.decode()):
        assert len(link) <= 2000
    assertNotContains(response, "Check in after week")  # the last week


def test_nothing_about_the_reader_is_stored(client):
    form = client.get(url(CHECK_IN))
    sent = check_in(client, url(CHECK_IN), FINE)
    week_two = client.get(next_week_url(sent))
    assert not form.cookies and not sent.cookies and not week_two.cookies


@pytest.mark.parametrize("path", [CHECK_IN, WEEK])
def test_programme_pages_take_few_queries(client, django_assert_max_num_queries, path):
    client.get(url(path, ("h", "1n1ynb")))  # the content version's shared data is loaded once
    with django_assert_max_num_queries(2):
        assert client.get(url(path, ("h", "1n1ynb"), ("w", "2"))).status_code == 200


def test_the_event_runner_is_told_when_to_postpone(client):
    assertContains(client.get(url(WEEK)), "Postpone it if you are not back to your usual running")
    assertContains(client.get(url("/self-check/result/")), "Postpone it if you are not back")


def test_a_week_is_served_from_the_page_cache_the_second_time(client, django_assert_max_num_queries):
    week_url = url(WEEK, ("w", "2"), ("h", "1n1ynb"))
    first = client.get(week_url)
    with django_assert_max_num_queries(0):
        second = client.get(week_url)
    assert second.content == first.content


def calendar_uids(client, pairs):
    response = client.get(f"{CALENDAR}?{urlencode(pairs)}")
    return [str(event["UID"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]


def test_calendar_uids_are_the_same_whatever_the_order_of_the_parameters(client):
    pairs = [*ANSWERS, ("w", "2"), ("h", "1n1ynb")]
    assert calendar_uids(client, pairs) == calendar_uids(client, pairs[::-1])


def test_the_same_weeks_calendar_is_the_same_file_all_day_so_asking_again_gets_a_304(client):
    url = f"{CALENDAR}?{urlencode(ANSWERS)}"
    first = client.get(url)
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(seconds=5)):
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_calendar_uids_differ_between_weeks_and_start_dates(client):
    week_one = calendar_uids(client, ANSWERS)
    week_two = calendar_uids(client, [*ANSWERS, ("h", "1n1ynb")])
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=3)):
        later = calendar_uids(client, ANSWERS)
    assert len({*week_one, *week_two, *later}) == 21


def test_the_pain_rule_states_the_programmes_numbers():
    text = render_to_string("includes/pain_rule.html")
    assert f"{programme.RUN_PAIN_FINE} out of 10 or less during a run" in text
    assert f"up to {programme.EXERCISE_PAIN_FINE} out of 10" in text
    assert "within about an hour" in text


def test_every_weeks_doses_match_the_exercise_pages(client):
    """Every rung of every exercise's ladder: the sets the page allows, in the page's words."""
    live = live_content().exercises
    for exercise in live.values():
        if not exercise.days_per_week:
            continue
        for rung, sets in ladder(exercise, live):
            page = client.get(rung.get_absolute_url())
            assertContains(page, rung.dosage)
            if sets is not None:
                assert rung.sets_range in rung.dosage
                assert (
                    rung.dose_at(sets)
                    == f"{rung.dosage.replace(rung.sets_range, str(sets))}, {rung.how_often}"
                )


def test_a_programme_week_puts_every_plan_exercise_at_one_rung():
    live = live_content().exercises
    stages = list(RunningStage.objects.all())
    plan = [e for e in live.values() if e.slug in ("straight-leg-raise", "glute-bridge")]
    for level in range(8):
        week = build_week(plan, stages, live, programme.Week(1, Levels(level, 0)))
        assert len(week.doses) == 2
        for dose in week.doses:
            assert dose.sets is None or dose.exercise.starting_sets <= dose.sets <= programme.MAX_SETS


def test_the_shipped_stages_go_from_walking_to_usual_running_one_run_more_at_most():
    stages = list(RunningStage.objects.all())
    assert stages[0].slug == "walking" and stages[-1].slug == "usual-running"
    for before, after in itertools.pairwise(stages):
        assert after.runs_per_week - before.runs_per_week <= 2
        assert after.minutes >= before.minutes


def test_the_shipped_chains_lead_to_the_bodyweight_squat_last():
    chain = ladder(Exercise.objects.get(slug="straight-leg-raise"), live_content().exercises)
    assert [e.slug for e, _ in chain][-1] == "bodyweight-squat"


def test_an_exercise_with_starting_sets_must_give_the_range_in_its_dose(admin_client):
    from django.core.exceptions import ValidationError

    exercise = Exercise.objects.get(slug="glute-bridge")
    exercise.dosage = "3 sets of about 10"
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert error.value.error_dict["dosage"][0].code == "sets_range"


def test_running_stages_have_an_admin_with_history(admin_client):
    stage = RunningStage.objects.first()
    assert admin_client.get(f"/admin/articles/runningstage/{stage.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/articles/runningstage/{stage.pk}/history/").status_code == 200


@pytest.mark.parametrize(
    "pairs",
    [
        [("w", "abc")],
        [("w", "-1")],
        [("h", "1n1ynb" * 500)],
        [("h", "..")],
        [("h", "1n1ynb."), ("w", "3")],
        [("exercise_pain", "abc"), ("overall", "x"), ("signs", "nope")],
        [("signs", "none"), ("signs", "locks-gives-way"), ("exercise_pain", "1"), ("exercise_pain", "2")],
        [("ran", "maybe")],
    ],
)
def test_hostile_programme_addresses_get_an_answer_never_a_500(client, pairs):
    for path in (WEEK, CHECK_IN, CALENDAR):
        assert client.get(url(path, *pairs)).status_code in (200, 302, 400)


def test_a_week_without_the_self_check_answers_goes_back_to_the_self_check(client):
    response = client.get(f"{WEEK}?w=2&h=1n1ynb")
    assert response.status_code == 302
    assert response["Location"].startswith("/self-check/result/")


def test_a_self_check_care_card_stays_first_on_every_week(client):
    pairs = [(k, "not-improving" if k == "how-long" else v) for k, v in ANSWERS]
    response = client.get(f"{WEEK}?{urlencode([*pairs, ('w', '2'), ('h', '1n1ynb')])}")
    html = response.content.decode()
    assertContains(response, "Soon: book an appointment")
    assert html.index('class="care-card ') < html.index("Bookmark it")


STARTS = {
    "half-squat-test": ["centred", "moved-inward", "could-not", "skipped"],
    "walking": ["pain-free", "hurts"],
    "running-pain": ["still-hurts", "a-little", "no-pain"],
}


def test_random_programmes_from_every_kind_of_result_show_the_exercise_pages_doses(client):
    """Twelve-week walks from 24 self-check results, built into weeks as readers see them."""
    import random

    from articles.programme import replay

    rng = random.Random(15)
    tokens = [
        encode(c)
        for c in (
            CheckIn(0, False, Overall.BETTER, 1, True, False),
            CheckIn(5, True, Overall.SAME),
            CheckIn(2, False, Overall.SAME, 4, False, True),
        )
    ]
    for values in itertools.product(*STARTS.values()):
        answers = dict(ANSWERS) | dict(zip(STARTS, values, strict=True))
        result = client.get(f"/self-check/result/?{urlencode(answers)}").context["result"]
        start, top = result.start()
        for _ in range(10):
            checkins = [programme.decode(rng.choice(tokens)) for _ in range(MAX_CHECKINS)]
            for week in replay(start, top, checkins).weeks:
                shown = result.programme_week(week)
                assert len(shown.days) == 7 and shown.stage is not None
                for dose in shown.doses:
                    exercise = dose.exercise
                    assert exercise.slug != "bodyweight-squat" or week.levels.strength > 0
                    how_often = "twice a week" if week.maintenance else exercise.how_often
                    if dose.sets is not None:
                        assert exercise.starting_sets <= dose.sets <= programme.MAX_SETS
                        dosage = exercise.dosage.replace(exercise.sets_range, str(dose.sets))
                    else:
                        dosage = exercise.dosage
                    assert dose.text == f"{dosage}, {how_often}"


def test_usual_running_within_the_rule_reaches_the_maintenance_week_after_six_weeks(client):
    fine = encode(CheckIn(0, False, Overall.BETTER, 1, True, False))
    pairs = [(k, "no-pain" if k == "running-pain" else v) for k, v in ANSWERS]  # starts at easy runs
    week_six = client.get(f"{WEEK}?{urlencode([*pairs, ('w', '6'), ('h', '.'.join([fine] * 5))])}")
    assertNotContains(week_six, "keeping your knee strong")  # usual running since week 2, but not 6 weeks yet
    response = client.get(f"{WEEK}?{urlencode([*pairs, ('w', '7'), ('h', '.'.join([fine] * 6))])}")
    assertContains(response, "Week 7: keeping your knee strong")
    assertContains(response, "Keep doing your strengthening exercises about twice a week")
    assertContains(response, "If the pain comes back")
    assert all(dose.text.endswith("twice a week") for dose in response.context["week"].doses)


def test_fine_weeks_reach_the_maintenance_week_within_the_programme_from_every_kind_of_result(client):
    """Strength and running take turns to step up: even from walking only, fine weeks reach usual
    running and the maintenance week before the last check-in."""
    from articles.programme import replay

    fine = CheckIn(0, False, Overall.BETTER, 1, True, False)
    for values in itertools.product(*STARTS.values()):
        answers = dict(ANSWERS) | dict(zip(STARTS, values, strict=True))
        start, top = client.get(f"/self-check/result/?{urlencode(answers)}").context["result"].start()
        weeks = replay(start, top, [fine] * MAX_CHECKINS).weeks
        assert any(week.maintenance for week in weeks), (answers, start, top)


def strength_sessions(week):
    """Sets x days a week over the week's exercises (an exercise without sets counts one a day)."""
    return sum((dose.sets or 1) * len(dose.days) for dose in week.doses)


def test_a_running_flare_after_the_maintenance_week_is_never_harder(client):
    fine = encode(CheckIn(0, False, Overall.BETTER, 1, True, False))
    running_flare = encode(CheckIn(0, False, Overall.BETTER, 5, False, True))
    pairs = [(k, "no-pain" if k == "running-pain" else v) for k, v in ANSWERS]  # starts at easy runs
    fines = ".".join([fine] * 6)
    before = client.get(f"{WEEK}?{urlencode([*pairs, ('w', '7'), ('h', fines)])}").context["week"]
    response = client.get(f"{WEEK}?{urlencode([*pairs, ('w', '8'), ('h', f'{fines}.{running_flare}')])}")
    after = response.context["week"]
    assertContains(response, "A step back.")
    assertContains(response, "Keep doing your strengthening exercises about twice a week.")
    assert after.stage.position < before.stage.position
    assert strength_sessions(after) <= strength_sessions(before)


def preview_url(response):
    """The page's og:url, as a link preview reads it (HTML entities undone)."""
    match = re.search(r'<meta property="og:url" content="([^"]*)">', response.content.decode())
    return match.group(1).replace("&amp;", "&")


def test_a_shared_programme_weeks_preview_link_opens_that_week(client):
    fine = encode(CheckIn(0, False, Overall.BETTER, 1, True, False))
    week = url(WEEK, ("w", "3"), ("h", f"{fine}.{fine}"))
    shared = urlsplit(preview_url(client.get(week)))
    response = client.get(f"{shared.path}?{shared.query}")
    assertContains(response, "<h1>Week 3")
    assert parse_qsl(shared.query) == parse_qsl(urlsplit(week).query)


def test_a_shared_check_ins_preview_link_opens_that_check_in(client):
    fine = encode(CheckIn(0, False, Overall.BETTER, 1, True, False))
    shared = urlsplit(preview_url(client.get(url(CHECK_IN, ("w", "2"), ("h", fine)))))
    response = client.get(f"{shared.path}?{shared.query}")
    assertContains(response, "Check in after week 2")
    assert parse_qsl(shared.query) == [*ANSWERS, ("w", "2"), ("h", fine)]


def test_a_week_held_because_the_knee_is_worse_overall_says_so(client):
    response = client.get(url(WEEK, ("w", "3"), ("h", "1nxb.1nxw")))
    assertContains(response, "You said your knee is worse overall.")
    assertNotContains(response, "went a little outside the pain rule")


def test_a_week_stepped_back_for_pain_above_the_rule_says_so(client):
    response = client.get(url(WEEK, ("w", "3"), ("h", "1nxb.7nxs")))
    assertContains(response, "The pain went above the pain rule.")


def test_a_step_back_says_the_exercises_drop_from_what_to_what(client):
    response = client.get(url(WEEK, ("w", "4"), ("h", "1n1ynb.1nxb.1yxs")))
    assertContains(response, "The exercises drop from 3 sets to 2.")


def test_a_running_step_back_says_which_stage_it_drops_back_to(client):
    short = RunningStage.objects.all()[1]
    response = client.get(url(WEEK, ("w", "3"), ("h", "1n1ynb.1n1yys")))
    assertContains(response, f"Running drops back to: {short.title}.")


def test_a_running_step_up_says_what_changed_in_numbers_from_last_week(client):
    short, longer = RunningStage.objects.all()[1:3]
    response = client.get(url(WEEK, ("w", "2"), ("h", "1n1ynb")))
    assertContains(response, f"Running moves up to: {longer.title}.")
    assert (short.runs_per_week, short.minutes, short.walk_breaks) != (
        longer.runs_per_week,
        longer.minutes,
        longer.walk_breaks,
    )
    if short.walk_breaks != longer.walk_breaks:
        assertContains(response, f"Walk breaks: {longer.walk_breaks} (last week: {short.walk_breaks}).")
    if short.runs_per_week != longer.runs_per_week:
        assertContains(response, f"Runs a week: {longer.runs_per_week}, up from {short.runs_per_week}.")
    if short.minutes != longer.minutes:
        assertContains(response, f"Minutes a run: {longer.minutes}, up from {short.minutes}.")


def weekly_running_minutes(stage):
    """Minutes of running (not walking) in a stage's week, from its walk breaks' words."""
    breaks = re.fullmatch(r"run (\d+) minutes?, walk (\d+) minutes?", stage.walk_breaks)
    share = int(breaks[1]) / (int(breaks[1]) + int(breaks[2])) if breaks else 1
    return stage.runs_per_week * stage.minutes * share


def test_each_running_stage_after_the_trial_run_changes_one_thing_a_little():
    stages = list(RunningStage.objects.all())
    for before, after in itertools.pairwise(stages[1:]):
        changed = [
            name
            for name in ("runs_per_week", "minutes", "walk_breaks")
            if getattr(before, name) != getattr(after, name)
        ]
        assert len(changed) == 1, (before.slug, after.slug, changed)
        assert weekly_running_minutes(after) <= weekly_running_minutes(before) * 4 / 3, (
            before.slug,
            after.slug,
        )


@pytest.mark.parametrize("strength_days", [[], [1, 4], *(spread(n) for n in range(1, 8))])
def test_no_stage_puts_two_runs_on_back_to_back_days(strength_days):
    for stage in RunningStage.objects.all():
        days = run_days(stage.runs_per_week, strength_days)
        assert len(days) == stage.runs_per_week
        assert all(after - before > 1 for before, after in itertools.pairwise(days)), (stage.slug, days)


def test_a_wrong_week_number_links_to_the_week_the_address_holds(client):
    response = client.get(url(WEEK, ("w", "99"), ("h", "1nxb")))
    assert response.status_code == 400
    link = re.search(r'<a href="([^"]*)">Go to week 2</a>', response.content.decode())
    assert link, response.content.decode()
    week = client.get(link[1].replace("&amp;", "&"))
    assert week.status_code == 200
    assert week.context["week"].number == 2


def test_a_step_back_names_an_exercise_that_drops_back_to_an_easier_one():
    live = live_content().exercises
    plan = [live_by_slug(live, "straight-leg-raise"), live_by_slug(live, "glute-bridge")]
    balance = next(e for e in live.values() if not e.starting_sets and e.days_per_week and e.next_exercise_id)
    stages = list(RunningStage.objects.all())
    before = build_week([*plan, balance], stages, live, programme.Week(2, Levels(1, 1)))
    after = build_week([*plan, balance], stages, live, programme.Week(3, Levels(0, 1), "back"))
    assert what_changed(before, after) == [
        "The exercises drop from 3 sets to 2.",
        f"{live[balance.next_exercise_id].title} drops back to {balance.title}.",
    ]


def test_a_step_up_of_some_exercises_names_each_and_not_all_of_them():
    """An exercise already at its top keeps its sets: “the exercises step up” would be untrue."""
    live = live_content().exercises
    bridge, raise_, stretch = (
        live_by_slug(live, slug) for slug in ("glute-bridge", "straight-leg-raise", "hamstring-stretch")
    )

    def week(*doses):
        return ProgrammeWeek(1, [Dose(exercise, sets, [1]) for exercise, sets in doses], None, [], "up")

    before = week((bridge, 4), (raise_, 3), (stretch, 3))
    after = week((bridge, 4), (raise_, 4), (stretch, 4))
    assert what_changed(before, after) == [
        f"Straight-leg raise: {raise_.dosage_at(4)}, up from 3.",
        f"Hamstring stretch: {stretch.dosage_at(4)}, up from 3.",
    ]
    assert "4 times" in stretch.dosage_at(4)  # a stretch's dose counts times, not sets


def live_by_slug(live, slug):
    return next(e for e in live.values() if e.slug == slug)
