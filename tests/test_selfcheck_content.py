"""The shipped self-check: every answer leads where the clinical notes say, whatever the mix."""

import dataclasses
import itertools
import re
from urllib.parse import urlencode

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Choice, Exercise, Question, Section
from articles.selfcheck import build_result, live_content, published_questions
from faq.models import Entry

pytestmark = pytest.mark.django_db

# Answers that raise nothing: the reader's knee is fine by every question.
ALL_CLEAR = {
    "warning-signs": "none",
    "where-it-hurts": "kneecap",
    "half-squat-test": "centred",
    "knees-roll-in": "no",
    "training-change": "none",
    "walking": "pain-free",
    "running-pain": "no-pain",
    "how-long": "few-weeks",
}
WAITING_SIGNS = [
    "deformed",
    "no-weight",
    "hot-red-swollen",
    "numb-foot",
    "locks-gives-way",
    "big-swelling",
    "severe-pain",
    "under-16",
]


def query(**changes):
    answers = {**ALL_CLEAR, **{key.replace("_", "-"): value for key, value in changes.items()}}
    pairs = [
        (k, v) for k, values in answers.items() for v in (values if isinstance(values, list) else [values])
    ]
    return urlencode(pairs)


def result(client, **changes):
    response = client.get(f"/self-check/result/?{query(**changes)}")
    assertNotContains(response, "There is a problem")
    return response


def link(model, slug):
    return f'href="{model.objects.get(slug=slug).get_absolute_url()}"'


def test_the_shared_copies_answer_as_the_models_do():
    """Pages read the self-check's questions, answers, red flags and FAQ links as plain copies
    (articles/selfcheck.py): a template that reads a field a copy lacks would print nothing."""

    def same(copy, model, names):
        for name in names:
            assert getattr(copy, name) == getattr(model, name), (type(model).__name__, model.pk, name)

    def field_names(copy, *left_out):
        return [f.name for f in dataclasses.fields(copy) if f.name not in left_out]

    red_flags_seen = set()
    for question in published_questions():
        model = Question.objects.get(pk=question.pk)
        same(question, model, field_names(question, "live_choices", "step_url"))
        assert question.step_url + f"#question-{question.slug}" == model.get_absolute_url()
        assert [c.pk for c in question.live_choices] == [c.pk for c in model.choices.published()]
        for choice in question.live_choices:
            choice_model = Choice.objects.get(pk=choice.pk)
            same(choice, choice_model, field_names(choice, "red_flag"))
            assert getattr(choice.red_flag, "pk", None) == choice_model.red_flag_id
            if choice.red_flag:
                red_flags_seen.add(choice.red_flag.pk)
                red_flag = choice_model.red_flag
                same(
                    choice.red_flag,
                    red_flag,
                    [*field_names(choice.red_flag), "level_name", "self_care_waits"],
                )
                assert choice.red_flag.get_level_display() == red_flag.get_level_display()
    assert red_flags_seen  # the shipped warning signs have red flags

    faq_links = live_content().faq_entries
    assert faq_links
    for link in faq_links.values():
        entry = Entry.objects.get(pk=link.pk)
        same(link, entry, ["question", "slug", "position"])
        assert link.get_absolute_url() == entry.get_absolute_url()


def test_every_shipped_question_is_answered_by_the_all_clear_answers():
    assert set(Question.objects.published().values_list("slug", flat=True)) == set(ALL_CLEAR)


def test_only_the_warning_signs_are_asked_first():
    assert list(Question.objects.filter(is_warning_step=True).values_list("slug", flat=True)) == [
        "warning-signs"
    ]


def test_all_clear_answers_raise_no_red_flag(client):
    assertNotContains(result(client), 'class="care-card ')


def test_every_warning_sign_makes_self_care_wait():
    """Each warning sign is emergency or urgent, or (under 16) marked to see someone first."""
    signs = (
        Choice.objects.filter(question__slug="warning-signs").exclude(slug="none").select_related("red_flag")
    )
    assert sorted(choice.slug for choice in signs) == sorted(WAITING_SIGNS)
    assert all(choice.red_flag.self_care_waits for choice in signs)


@pytest.mark.parametrize("sign", WAITING_SIGNS)
def test_a_warning_sign_ends_the_check_in_one_step_with_no_exercise_or_running(client, sign):
    response = client.get(f"/self-check/questions/?warning-signs={sign}")
    assert response.status_code == 302
    waiting = client.get(response["Location"])
    assertContains(waiting, 'class="care-card ')
    assertContains(waiting, link(Section, "when-to-see-a-professional"))
    html = waiting.content.decode().split("<main")[1].split("</main>")[0]
    assert "/exercises/" not in html
    assert not re.search(r"\brun\b|running rule|Your week", html), sign


@pytest.mark.parametrize("sign", WAITING_SIGNS)
def test_a_warning_sign_wins_over_any_later_answers_in_the_url(client, sign):
    response = result(client, warning_signs=sign, running_pain="still-hurts", half_squat_test="moved-inward")
    assert response.context["result"].exercises == []
    assertNotContains(response, "How does your knee feel when you run?")  # not asked, not listed


def test_the_under_16_result_sends_to_a_gp_with_no_plan(client):
    response = result(client, warning_signs="under-16")
    assertContains(response, "Soon: book an appointment")
    assertContains(response, "Until then, don’t start exercises for runner’s knee.")
    assertNotContains(response, "Your week")


def test_the_under_16_card_says_who_to_see_once(client):
    response = result(client, warning_signs="under-16")
    assertContains(response, "Book an appointment with a GP.", count=1)
    assertNotContains(response, "Wait until a GP or physiotherapist")


def test_a_care_card_does_not_repeat_its_level_after_each_reason(client):
    response = result(client, where_it_hurts="not-sure")
    assertContains(response, "Soon: book an appointment", count=1)
    assertNotContains(response, "(soon")


STEP_TWO_OPTIONS = {
    "where-it-hurts": ["kneecap", "elsewhere", "not-sure"],
    "half-squat-test": ["centred", "moved-inward", "could-not", "skipped"],
    "knees-roll-in": ["yes", "no", "not-sure"],
    "training-change": [["none"], ["more-running", "new-to-running", "training-for-event"]],
    "walking": ["pain-free", "hurts"],
    "running-pain": ["still-hurts", "a-little", "no-pain"],
    "how-long": ["few-weeks", "not-tried-yet", "not-improving", "keeps-coming-back"],
}


def answer_grid():
    """Every combination of step-two answers (1,728), each as {question slug: [choice slugs]}."""
    for values in itertools.product(*STEP_TWO_OPTIONS.values()):
        yield {
            slug: value if isinstance(value, list) else [value]
            for slug, value in zip(STEP_TWO_OPTIONS, values, strict=True)
        }


def chosen_choices(questions, answers):
    """The choices a reader's answers pick, in question order, as the self-check's steps
    hand them to `build_result`."""
    return [
        choice
        for question in questions
        for choice in question.live_choices
        if choice.slug in answers.get(question.slug, ())
    ]


def test_every_plan_holds_hip_and_knee_strengthening_in_a_short_week():
    """All 1,728 answer combinations past the warning signs, through the rule itself (the pages
    that show a result get one journey per kind of result, below)."""
    questions = published_questions()
    for grid_answers in answer_grid():
        answers = {"warning-signs": ["none"], **grid_answers}
        plan = build_result(chosen_choices(questions, answers), questions)
        exercises = [r.item for r in plan.exercises]
        if answers["where-it-hurts"] == ["elsewhere"]:
            assert exercises == [] and plan.self_care_waits, answers  # not runner's knee: no plan
            continue
        assert {"hip", "knee"} <= {e.focus for e in exercises}, answers
        assert "bodyweight-squat" not in {e.slug for e in exercises}, answers  # the hardest waits
        assert [e.focus for e in exercises].count("stretch") <= 1, answers
        assert not plan.self_care_waits, answers
        assert 2 <= len(exercises) <= 6, answers
        assert all(e.focus != Exercise.Focus.CHECK for e in exercises), answers
        assert len(plan.sections) <= 3, answers
        resting = answers["walking"] == ["hurts"]
        assert (plan.week.stage.slug == "walking") == resting, answers
        assert all(not day.strengthens for day in plan.week.days if day.runs and resting), answers


def test_the_grid_picks_the_choices_the_result_page_picks(client):
    """The grid above gets the result the page shows, here for a mix with several answers to
    one question and a red flag that does not stop the plan."""
    changes = {"training-change": ["more-running", "new-to-running"], "how-long": ["not-improving"]}
    response = result(client, **{slug.replace("-", "_"): value for slug, value in changes.items()})
    questions = published_questions()
    answers = {**{slug: [value] for slug, value in ALL_CLEAR.items()}, **changes}
    assert response.context["result"] == build_result(chosen_choices(questions, answers), questions)


@pytest.mark.parametrize(
    "changes,shown,not_shown",
    [
        ({}, ["Your week", "Running this week: easy runs without walk breaks"], ['class="care-card ']),
        (
            {"running_pain": "still-hurts"},
            ["Your week", "Running this week: walk–run, short"],
            ['class="care-card '],
        ),
        (
            {"walking": "hurts"},
            ["Your week", "Running this week: walking, then one trial run"],
            ['class="care-card '],
        ),
        ({"how_long": "not-improving"}, ["Soon: book an appointment", "While you wait: your exercises"], []),
        (
            {"warning_signs": "under-16"},
            ["Soon: book an appointment", "start exercises for runner’s knee"],
            ["Your week"],
        ),
        ({"warning_signs": "locks-gives-way"}, ["Urgent: get help the same or next day"], ["Your week"]),
        ({"warning_signs": "deformed"}, ["Emergency: get help now", "Don’t start exercises"], ["Your week"]),
    ],
    ids=[
        "plan-running",
        "plan-cut-back",
        "week-off-running",
        "soon-with-plan",
        "under-16",
        "urgent",
        "emergency",
    ],
)
def test_each_kind_of_result_shows_its_advice_on_the_result_page(client, changes, shown, not_shown):
    response = result(client, **changes)
    for words in shown:
        assertContains(response, words)
    for words in not_shown:
        assertNotContains(response, words)


def test_knee_moving_inward_in_the_half_squat_test_gets_the_hip_exercises(client):
    response = result(client, half_squat_test="moved-inward")
    for slug in ("side-lying-hip-abduction", "glute-bridge"):
        assertContains(response, link(Exercise, slug))
    assertContains(response, link(Section, "strengthen-your-glutes"))
    assertContains(response, "because your knee moved inward or wobbled in the half-squat test")


@pytest.mark.parametrize("answer", ["could-not", "skipped"])
def test_a_painful_or_skipped_half_squat_starts_with_the_gentlest_exercises(client, answer):
    response = result(client, half_squat_test=answer)
    slugs = [r.item.slug for r in response.context["result"].exercises]
    assert "straight-leg-raise" in slugs
    assert "bodyweight-squat" not in slugs


def test_the_half_squat_question_says_to_hold_on_and_skip_it_if_it_hurts():
    hint = Question.objects.get(slug="half-squat-test").hint
    assert "hold on" in hint.lower() and "skipped the test" in hint


def test_knees_rolling_in_does_not_send_readers_to_braces_or_insoles(client):
    response = result(client, knees_roll_in="yes")
    assertContains(response, link(Section, "running-form"))
    assertNotContains(response, link(Section, "knee-braces"))
    assertNotContains(response, link(Section, "insoles-and-orthotics"))


def test_running_that_hurts_is_cut_back_not_stopped(client):
    week = result(client, running_pain="still-hurts").context["result"].week
    assert week.stage.slug == "walk-run"
    assert [d.number for d in week.days if d.runs] == [2, 4, 6]
    assert "walk 1 minute" in week.days[1].running


def test_a_week_off_running_only_when_walking_hurts(client):
    response = result(client, walking="hurts")
    assertContains(response, "No running for the first five days.")
    assertContains(response, "If walking still hurts by day 7")


def test_pain_somewhere_else_gets_no_runners_knee_plan_but_may_stay_active(client):
    response = result(client, where_it_hurts="elsewhere")
    assertContains(response, "Book an appointment with a GP or a physiotherapist")
    assertContains(response, "Staying active is fine")
    assertNotContains(response, "Your week")
    assertNotContains(response, "bodyweight-squat")


def test_not_sure_keeps_a_plan_that_says_it_is_general_strengthening(client):
    response = result(client, where_it_hurts="not-sure")
    assertContains(response, "While you wait: your exercises")
    assertContains(response, "These are general exercises to make the hip and knee stronger")
    assertNotContains(response, "helps most people with runner’s knee. It is what")


def test_the_under_16_result_says_to_stay_active_and_stop_sport_that_makes_them_limp(client):
    response = result(client, warning_signs="under-16")
    assertContains(response, "Stop any sport that makes you limp")


def test_a_knee_that_stayed_in_line_does_not_start_on_the_bodyweight_squat(client):
    slugs = [r.item.slug for r in result(client, half_squat_test="centred").context["result"].exercises]
    assert "bodyweight-squat" not in slugs
    assert "step-down" in slugs  # the exercise before it


def test_a_care_card_comes_before_the_bookmarking_lines(client):
    html = result(client, how_long="not-improving").content.decode()
    assert html.index('class="care-card ') < html.index("Bookmark it")


def test_pain_for_months_despite_exercises_says_what_to_bring(client):
    response = result(client, how_long="not-improving")
    assertContains(response, "What to bring to the appointment")


def test_pain_that_has_not_gone_says_see_a_physio_while_doing_the_plan(client):
    response = result(client, how_long="not-improving")
    assertContains(response, "Soon: book an appointment")
    assertContains(response, "While you wait: your exercises")


def test_running_that_still_hurts_suggests_the_faq_on_running_with_a_sore_knee(client):
    response = result(client, running_pain="still-hurts")
    entries = [r.item.slug for r in response.context["result"].faq_entries]
    assert "should-i-run-if-it-still-hurts" in entries
    assert len(entries) == len(set(entries)) <= 3
    assertContains(response, "Suggested because running still hurts")


def test_a_waiting_result_suggests_no_faq_entry(client):
    assert result(client, warning_signs="locks-gives-way").context["result"].faq_entries == []


def rule(response, title_id):
    html = response.content.decode()
    start = html.index(f'id="{title_id}"')
    return re.sub(r"</?h\d[^>]*>", "", html[start : html.index("</ul>", start)])


def test_the_pain_rule_reads_the_same_on_the_guide_an_exercise_and_the_result(client):
    pages = [
        client.get(Section.objects.get(slug="introduction").article.get_absolute_url()),
        client.get(Exercise.objects.get(slug="glute-bridge").get_absolute_url()),
        result(client),
    ]
    rules = {rule(page, "pain-rule-title") for page in pages}
    assert len(rules) == 1
    assert "Stop:" in rules.pop()
    running = {rule(page, "running-rule-title") for page in (pages[0], pages[2])}
    assert len(running) == 1


def test_every_exercise_page_shows_the_pain_rule_in_its_stop_box(client):
    for exercise in Exercise.objects.published():
        html = client.get(exercise.get_absolute_url()).content.decode()
        stop_box = html[html.index('class="stop-box"') :]
        assert 'id="pain-rule-title"' in stop_box, exercise.slug


def test_pain_somewhere_else_ends_the_check_in_without_the_other_questions(client):
    """Not runner's knee: the reader is sent to a GP or physiotherapist at once, never asked to
    do the half-squat test first (the other questions on that page stay unanswered)."""
    response = client.get("/self-check/result/?warning-signs=none&where-it-hurts=elsewhere")
    assert response.status_code == 200
    assertContains(response, "Soon: book an appointment")
    assertNotContains(response, "half-squat test?")
    assertNotContains(response, "Your week")
