"""The self-check's mechanics, on questions made here: the two steps, errors, tampering, the
result's rules (waiting, the core, the week), the calendar and the query count. (The shipped
questions: test_selfcheck_content.)"""

import itertools
from urllib.parse import urlencode

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from articles.models import Choice, Exercise, Question, RedFlag, RunningStage
from articles.selfcheck import CORE_REASON

from .conftest import make_entry, make_exercise, make_section

pytestmark = pytest.mark.django_db

START = "/self-check/"
QUESTIONS = "/self-check/questions/"
RESULT = "/self-check/result/"
CALENDAR = "/self-check/week.ics"


def make_question(slug, kind=Question.Kind.SINGLE, **fields):
    position = Question.objects.count() * 10  # in the order made
    return Question.objects.create(
        slug=slug,
        text=fields.pop("text", f"Question {slug}?"),
        kind=kind,
        is_published=True,
        position=position,
        **fields,
    )


def make_choice(question, slug, *, exercises=(), sections=(), **fields):
    position = question.choices.count() * 10  # in the order made
    choice = Choice.objects.create(
        question=question, slug=slug, label=fields.pop("label", slug), position=position, **fields
    )
    choice.exercises.set(exercises)
    choice.sections.set(sections)
    return choice


def make_red_flag(level, title):
    return RedFlag.objects.create(
        title=title, level=level, what_to_do=f"Do this for {title}.", why="Because.", source="Test"
    )


@pytest.fixture
def quiz():
    """A warning-sign question and a squat question of our own, with the shipped ones unpublished."""
    Question.objects.update(is_published=False)
    glutes = make_section(title="Strengthen glutes")
    thighs = make_section(title="Strengthen thighs", article=glutes.article, position=5)
    bridge = make_exercise(section=glutes, title="Bridge", dosage="3 sets of 10", focus="hip")
    squat = make_exercise(section=thighs, title="Squat", dosage="2 sets of 8", focus="knee")
    stretch = make_exercise(
        section=thighs, title="Stretch", dosage="Hold 20 s", focus="stretch", days_per_week=5
    )
    signs = make_question("signs", kind=Question.Kind.MULTIPLE, text="Any of these?", is_warning_step=True)
    make_choice(signs, "none", label="None of these", is_exclusive=True)
    make_choice(signs, "locks", label="It locks", red_flag=make_red_flag(RedFlag.Level.URGENT, "Locking"))
    make_choice(
        signs, "deformed", label="Looks deformed", red_flag=make_red_flag(RedFlag.Level.EMERGENCY, "Deformed")
    )
    young = make_red_flag(RedFlag.Level.SOON, "Young")
    make_choice(signs, "under-16", label="I am under 16", red_flag=young)
    make_choice(
        signs,
        "elsewhere",
        label="It hurts elsewhere",
        red_flag=make_red_flag(RedFlag.Level.SOON, "Elsewhere"),
    )
    test = make_question("squat-test", text="What did your knee do?", hint="Watch in a mirror.")
    make_choice(test, "centred", label="Stayed centred")
    inward = make_choice(
        test,
        "inward",
        label="Moved inward",
        reason="your knee moved inward",
        exercises=[bridge, squat],
        sections=[glutes],
    )
    make_entry(question="Are bridges good?").suggested_after.add(inward)
    make_choice(test, "tight", label="Feels tight", reason="it feels tight", exercises=[stretch])
    make_choice(test, "rest", label="Walking hurts", running_change=Choice.RunningChange.REST)
    make_choice(test, "cut", label="Running hurts", running_change=Choice.RunningChange.CUT_BACK)
    return {"bridge": bridge, "squat": squat, "stretch": stretch, "glutes": glutes, "young": young}


def get(client, url, **answers):
    pairs = [
        (k, v) for k, values in answers.items() for v in (values if isinstance(values, list) else [values])
    ]
    return client.get(f"{url}?{urlencode(pairs)}")


def result(client, **answers):
    return get(client, RESULT, **answers)


def test_the_first_step_asks_only_the_warning_signs(client, quiz):
    response = client.get(START)
    assertTemplateUsed(response, "articles/self_check_form.html")
    assertContains(response, '<legend class="legend">Any of these?</legend>', html=True)
    assertContains(response, 'type="checkbox" name="signs"', count=5)
    assertNotContains(response, "What did your knee do?")
    assertContains(response, f'action="{QUESTIONS}"')


def test_no_warning_sign_leads_to_the_other_questions_carrying_the_answer(client, quiz):
    response = get(client, QUESTIONS, signs="none")
    assertContains(response, '<legend class="legend">What did your knee do?</legend>', html=True)
    assertContains(response, 'aria-describedby="id_squat-test-hint"')
    assertContains(response, '<input type="hidden" name="signs" value="none">', html=True)
    assertContains(response, f'action="{RESULT}"')
    assertContains(response, f'href="{START}?signs=none"')  # Back, with the answer kept
    assertNotContains(response, "There is a problem")


@pytest.mark.parametrize("sign", ["locks", "deformed", "under-16"])
def test_a_sign_that_makes_self_care_wait_ends_the_check_at_once(client, quiz, sign):
    RedFlag.objects.filter(title="Young").update(sees_someone_first=True)
    response = get(client, QUESTIONS, signs=sign)
    assert response.status_code == 302
    assert response["Location"] == f"{RESULT}?signs={sign}"
    waiting = client.get(response["Location"])
    assertContains(waiting, 'class="care-card ')
    assertNotContains(waiting, "What did your knee do?")  # no other question asked
    assertNotContains(waiting, "There is a problem")


def test_a_soon_sign_goes_on_to_the_other_questions(client, quiz):
    response = get(client, QUESTIONS, signs="elsewhere")
    assertContains(response, "What did your knee do?")


def test_missing_answers_get_an_error_summary_linking_to_each_question(client, quiz):
    response = result(client, signs="none")
    assertContains(response, "<title>Error: ", count=1)
    assertContains(response, "There is a problem")
    assertContains(response, 'href="#id_squat-test_0"')
    message = "Select an answer: what did your knee do?"
    assertContains(response, message, count=2)  # in the summary and beside the question
    assertNotContains(response, 'href="#id_signs_0"')


def test_an_empty_first_step_gets_its_error(client, quiz):
    response = client.get(QUESTIONS)
    assertContains(response, "<title>Error: ", count=1)
    assertContains(response, 'href="#id_signs_0"')


def test_other_answers_are_kept_after_an_error(client, quiz):
    response = get(client, QUESTIONS, signs=["none", "under-16"])
    html = response.content.decode()
    assert 'value="none" id="id_signs_0" checked' in html
    assert 'value="under-16" id="id_signs_3" checked' in html
    assertContains(response, "Select “None of these” on its own, or untick it", count=2)


@pytest.mark.parametrize(
    "tampered",
    [
        {"squat-test": "no-such-choice", "signs": "none"},
        {"squat-test": ["inward", "centred"], "signs": "none"},
        {"squat-test": "inward" * 500, "signs": "none"},
        {"squat-test": "inward", "signs": ["none"] * 20 + ["x" * 5000]},
        {"squat-test": "inward", "signs": ["none", "nope"]},
        {"squat-test": "inward", "signs": ""},
        {"squat-test": "inward"},
    ],
    ids=[
        "unknown choice",
        "two values for one answer",
        "huge value",
        "huge list",
        "unknown in a list",
        "empty",
        "partial",
    ],
)
@pytest.mark.parametrize("url", [QUESTIONS, RESULT, CALENDAR])
def test_tampered_answers_get_a_form_error_not_a_crash(client, quiz, tampered, url):
    response = get(client, url, **tampered)
    if url == CALENDAR:  # no calendar without a valid plan: the result page says what is missing
        assert response.status_code == 302
        response = client.get(response["Location"])
    assert response.status_code == 200
    assertTemplateUsed(response, "articles/self_check_form.html")
    if url == QUESTIONS and tampered.get("signs") == "none":
        assertContains(response, "What did your knee do?")  # the first step is fine: on to the next
    else:
        assertContains(response, "There is a problem")


def test_an_unpublished_choice_cannot_be_chosen(client, quiz):
    Choice.objects.filter(slug="inward").update(is_published=False)
    response = result(client, **{"squat-test": "inward", "signs": "none"})
    assertContains(response, "There is a problem")
    assertNotContains(response, "Moved inward")


def test_knee_moving_inward_recommends_the_exercises_with_the_reason(client, quiz):
    response = result(client, **{"squat-test": "inward", "signs": "none"})
    assertTemplateUsed(response, "articles/self_check_result.html")
    for exercise in (quiz["bridge"], quiz["squat"]):
        assertContains(response, f'href="{exercise.get_absolute_url()}"')
        assertContains(response, exercise.dose)
    assertContains(response, "Chosen because your knee moved inward.", count=2)
    assertContains(response, "Suggested because your knee moved inward.", count=2)  # a section, a FAQ entry
    assertContains(response, f'href="{quiz["glutes"].get_absolute_url()}"')
    assertContains(response, "Are bridges good?")  # suggested after that answer


@pytest.mark.parametrize("answer", ["centred", "tight", "rest", "cut"])
def test_every_plan_holds_a_hip_and_a_knee_strengthening_exercise(client, quiz, answer):
    response = result(client, **{"squat-test": answer, "signs": "none"})
    exercises = [r.item for r in response.context["result"].exercises]
    assert {e.focus for e in exercises} >= {"hip", "knee"}
    assertContains(response, "Everyone gets at least one exercise for the hip and one for the knee")
    core = [r.item for r in response.context["result"].exercises if r.reasons == [CORE_REASON]]
    assert all(e.is_strengthening for e in core)
    assert len(exercises) >= 3  # topped up with the gentlest strengthening when answers chose little


def test_strengthening_comes_before_stretches(client, quiz):
    response = result(client, **{"squat-test": "tight", "signs": "none"})
    titles = [r.item.title for r in response.context["result"].exercises]
    assert set(titles[:2]) == {"Squat", "Bridge"} and titles[-1] == "Stretch"


def test_the_plan_keeps_to_a_short_list(client, quiz):
    extra = make_question("extra", kind=Question.Kind.MULTIPLE)
    many = [make_exercise(section=quiz["glutes"], focus="balance") for _ in range(8)]
    make_choice(extra, "all", exercises=many)
    response = result(client, **{"squat-test": "inward", "signs": "none", "extra": "all"})
    exercises = response.context["result"].exercises
    assert len(exercises) == 6
    assert {r.item.focus for r in exercises[:2]} == {"knee", "hip"}


def test_stretches_take_at_most_one_place_in_the_plan(client, quiz):
    extra = make_question("extra", kind=Question.Kind.MULTIPLE)
    many = [make_exercise(section=quiz["glutes"], focus="stretch") for _ in range(3)]
    make_choice(extra, "all", exercises=many)
    response = result(client, **{"squat-test": "inward", "signs": "none", "extra": "all"})
    assert [r.item.focus for r in response.context["result"].exercises].count("stretch") == 1


@pytest.mark.parametrize("sign", ["locks", "deformed", "under-16"])
def test_a_waiting_result_has_no_exercise_plan_or_running_advice(client, quiz, sign):
    RedFlag.objects.filter(title="Young").update(sees_someone_first=True)
    response = result(client, **{"squat-test": "inward", "signs": [sign]})
    assertContains(response, 'class="care-card ')
    assertContains(response, "start exercises for runner’s knee")
    for absent in ("Your exercises", "Your week", "The pain rule", "running rule", "Are bridges good?"):
        assertNotContains(response, absent)
    assertNotContains(response, f'href="{quiz["bridge"].get_absolute_url()}"')
    assertNotContains(response, CALENDAR)
    # Only the answers asked: the check ended at the warning signs.
    assertNotContains(response, "What did your knee do?")


def test_red_flags_come_first_most_urgent_on_top(client, quiz):
    response = result(client, signs=["locks", "deformed"])
    html = response.content.decode()
    assertContains(response, "Emergency: get help now", count=1)
    assertContains(response, "Do this for Deformed.")
    assert html.index('class="care-card ') < html.index("Your answers")
    assert html.index("Deformed") < html.index("Locking")


def test_a_soon_red_flag_comes_first_then_the_plan_while_waiting(client, quiz):
    response = result(client, **{"squat-test": "inward", "signs": "under-16"})
    html = response.content.decode()
    assertContains(response, "Soon: book an appointment")
    assertContains(response, "While you wait: your exercises")
    assert html.index('class="care-card ') < html.index("While you wait: your exercises")
    assertContains(response, f'href="{quiz["bridge"].get_absolute_url()}"')


def test_the_week_has_seven_days_matching_each_exercise_dose(client, quiz):
    response = result(client, **{"squat-test": "tight", "signs": "none"})
    week = response.context["result"].week.days
    assert [day.number for day in week] == [1, 2, 3, 4, 5, 6, 7]
    for recommendation in response.context["result"].exercises:
        exercise = recommendation.item
        days = [day.number for day in week if exercise in [dose.exercise for dose in day.exercises]]
        assert len(days) == exercise.days_per_week
        if exercise.days_per_week == 4:
            assert days == [1, 3, 5, 7]  # spread out, never two days running
    assertContains(response, '<th scope="row">Day 7</th>', html=True)
    assertContains(response, "Rest day from strengthening")


def test_running_starts_at_the_stage_the_answers_call_for(client, quiz):
    stages = list(RunningStage.objects.all())
    keep = result(client, **{"squat-test": "centred", "signs": "none"})
    assert keep.context["result"].week.stage == stages[-2]  # easy runs, one below usual running
    cut = result(client, **{"squat-test": "cut", "signs": "none"})
    assert cut.context["result"].week.stage == stages[1]
    assertContains(cut, stages[1].run_text, count=stages[1].runs_per_week)
    rest = result(client, **{"squat-test": "rest", "signs": "none"})
    assert rest.context["result"].week.stage == stages[0]
    assertContains(rest, stages[0].description)


def test_the_trial_run_of_a_week_off_running_is_not_on_a_strengthening_day(client, quiz):
    week = result(client, **{"squat-test": "rest", "signs": "none"}).context["result"].week
    runs = [day for day in week.days if day.runs]
    assert len(runs) == 1
    assert not runs[0].strengthens


def test_the_result_shows_the_starting_dose_not_a_range(client, quiz):
    quiz["squat"].starting_sets, quiz["squat"].dosage = 2, "2–4 sets of about 8"
    quiz["squat"].save()
    response = result(client, **{"squat-test": "inward", "signs": "none"})
    assertContains(response, "2 sets of about 8, 4 days a week")
    assertNotContains(response, "2–4 sets")


def test_the_calendar_holds_the_week(client, quiz):
    from icalendar import Calendar

    response = get(client, CALENDAR, **{"squat-test": "inward", "signs": "none"})
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 7
    assert len({str(event["UID"]) for event in events}) == 7
    dates = [event.decoded("DTSTART") for event in events]
    assert all((b - a).days == 1 for a, b in itertools.pairwise(dates))
    assert str(events[1]["SUMMARY"]) == "Knee plan, week 1, day 2: a run"  # a run day is not a rest day
    day_one = str(events[0]["DESCRIPTION"])
    assert f"Squat: {quiz['squat'].starting_dose}" in day_one
    assert "The pain rule" in day_one
    assert "/self-check/week/?" in day_one


def test_a_soon_result_calendar_keeps_the_care_card(client, quiz):
    from icalendar import Calendar

    response = get(client, CALENDAR, **{"squat-test": "inward", "signs": "elsewhere"})
    for event in Calendar.from_ical(response.content).walk("VEVENT"):
        description = str(event["DESCRIPTION"])
        assert description.startswith("Do this for Elsewhere.")
        assert "Nobody can promise how long your knee will take." in description
        assert "no better after a few weeks, see a GP" in description


def test_a_waiting_result_has_no_calendar(client, quiz):
    response = get(client, CALENDAR, signs="deformed")
    assert response.status_code == 302
    assert response["Location"].startswith(RESULT)


def test_the_result_url_reproduces_the_result_and_lists_the_answers_to_change(client, quiz):
    query = {"squat-test": "inward", "signs": ["elsewhere"]}
    first, second = result(client, **query), result(client, **query)
    assert first.content == second.content
    assertContains(first, "<dt>What did your knee do?</dt>", html=True)
    assertContains(first, f'href="{QUESTIONS}?squat-test=inward&amp;signs=elsewhere#question-squat-test"')
    assertContains(first, f'href="{START}?squat-test=inward&amp;signs=elsewhere#question-signs"')


def test_changing_an_answer_shows_the_step_with_answers_ticked(client, quiz):
    response = client.get(f"{QUESTIONS}?squat-test=inward&signs=none")
    assertNotContains(response, "There is a problem")
    assert 'value="inward" id="id_squat-test_1" checked' in response.content.decode()
    first = client.get(f"{START}?squat-test=inward&signs=none")
    assert 'value="none" id="id_signs_0" checked' in first.content.decode()
    assertContains(first, '<input type="hidden" name="squat-test" value="inward">', html=True)


def test_nothing_is_stored_about_the_reader(client, quiz):
    response = result(client, **{"squat-test": "inward", "signs": "none"})
    assert not response.cookies


def test_a_question_added_by_an_author_shows_on_the_form_and_in_results(client, quiz):
    question = make_question("new-one", text="Do you run on hills?")
    make_choice(question, "yes", label="Yes, often", reason="you run on hills", exercises=[quiz["squat"]])
    make_choice(question, "no", label="No")
    assertContains(get(client, QUESTIONS, signs="none"), "Do you run on hills?")
    response = result(client, **{"squat-test": "centred", "signs": "none", "new-one": "yes"})
    assertContains(response, "Chosen because you run on hills.")


def test_an_author_moves_a_question_into_the_first_step(client, quiz):
    Question.objects.filter(slug="squat-test").update(is_warning_step=True)
    assertContains(client.get(START), "What did your knee do?")


# A count of the extra questions, the next publication time (a new content version) and the
# questions with their choices (one query); a result also the guide's live items (two) and what
# the answers recommend (three: articles.selfcheck.load_live_content, with the running stages).
@pytest.mark.parametrize(("url", "queries"), [(START, 3), (QUESTIONS, 3), (RESULT, 8)])
def test_query_count_is_constant_in_the_number_of_questions(
    client, django_assert_max_num_queries, quiz, url, queries
):
    def fetch():
        query = {"squat-test": "inward", "signs": "none"}
        query.update(
            {f"extra-{n}": "a" for n in range(Question.objects.filter(slug__startswith="extra").count())}
        )
        return get(client, url, **query)

    with django_assert_max_num_queries(queries):
        assert fetch().status_code == 200
    for n in range(10):
        question = make_question(f"extra-{n}")
        for letter in "abc":
            make_choice(question, letter, exercises=[quiz["bridge"]], sections=[quiz["glutes"]])
    with django_assert_max_num_queries(queries):
        assert "There is a problem" not in fetch().content.decode()


def test_a_big_faq_does_not_weigh_on_the_self_check(client, quiz):
    """Only the FAQ entries an answer links to are loaded, however many the FAQ holds."""
    from django.db.models.signals import post_init

    from faq.models import Entry

    Entry.objects.bulk_create(
        Entry(
            question=f"Unlinked question {n}?", slug=f"unlinked-{n}", answer="An answer.", is_published=True
        )
        for n in range(300)
    )
    loaded = []

    def count(sender, **kwargs):
        loaded.append(sender)

    post_init.connect(count, sender=Entry)
    try:
        response = result(client, **{"squat-test": "inward", "signs": "none"})
    finally:
        post_init.disconnect(count, sender=Entry)
    assertContains(response, "Are bridges good?")
    assert len(loaded) <= Entry.objects.exclude(suggested_after=None).count()


def test_a_question_with_no_published_answer_is_left_off_the_form(client, quiz):
    empty = make_question("empty", text="A question still being written?")
    make_choice(empty, "draft", is_published=False)
    assertNotContains(get(client, QUESTIONS, signs="none"), "A question still being written?")
    response = result(client, **{"squat-test": "inward", "signs": "none"})
    assertTemplateUsed(response, "articles/self_check_result.html")


def test_exercises_of_an_unpublished_guide_are_not_recommended(client, quiz):
    article = quiz["glutes"].article
    article.is_published = False
    article.save()
    response = result(client, **{"squat-test": "inward", "signs": "none"})
    assertNotContains(response, f'href="{quiz["bridge"].get_absolute_url()}"')
    assertNotContains(response, "Strengthen glutes")
    assert all(r.item.is_live for r in response.context["result"].exercises)  # the core, from live ones


def test_an_exercise_without_days_a_week_never_enters_a_plan(client, quiz):
    """Exercises an author wrote before "days a week" existed are left out, not a crash."""
    Exercise.objects.filter(pk=quiz["bridge"].pk).update(days_per_week=None)
    response = result(client, **{"squat-test": "inward", "signs": "none"})
    assert response.status_code == 200
    assert quiz["bridge"] not in [r.item for r in response.context["result"].exercises]
    assert get(client, CALENDAR, **{"squat-test": "inward", "signs": "none"}).status_code == 200


def test_a_repeated_none_of_these_is_not_an_error(client, quiz):
    response = get(client, QUESTIONS, signs=["none", "none"])
    assertNotContains(response, "There is a problem")
