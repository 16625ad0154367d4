"""The shipped self-check: each decision point of the brief leads where the brief says."""

from urllib.parse import urlencode

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Choice, Exercise, Question, RedFlag, Section

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


def result(client, **changes):
    answers = {**ALL_CLEAR, **{key.replace("_", "-"): value for key, value in changes.items()}}
    pairs = [
        (k, v) for k, values in answers.items() for v in (values if isinstance(values, list) else [values])
    ]
    response = client.get(f"/self-check/?{urlencode(pairs)}")
    assertNotContains(response, "There is a problem")
    return response


def link(model, slug):
    return f'href="{model.objects.get(slug=slug).get_absolute_url()}"'


def test_every_shipped_question_is_answered_by_the_all_clear_answers():
    assert set(Question.objects.published().values_list("slug", flat=True)) == set(ALL_CLEAR)


def test_all_clear_answers_raise_no_red_flag(client):
    assertNotContains(result(client), "care-card")


def test_knee_moving_inward_in_the_half_squat_test_gets_the_glute_exercises(client):
    response = result(client, half_squat_test="moved-inward")
    for slug in ("bodyweight-squat", "glute-bridge"):
        assertContains(response, link(Exercise, slug))
    assertContains(response, link(Section, "strengthen-your-glutes"))
    assertContains(response, "Recommended because your knee moved inward or wobbled in the half-squat test.")


def test_knee_staying_centred_does_not_prescribe_glute_strengthening(client):
    assertNotContains(result(client, half_squat_test="centred"), link(Section, "strengthen-your-glutes"))


def test_knees_rolling_in_when_running_points_to_form_and_stop_gaps(client):
    response = result(client, knees_roll_in="yes")
    for slug in ("running-form", "insoles-and-orthotics", "knee-braces"):
        assertContains(response, link(Section, slug))
    assertContains(response, "because your knees roll inward when you run")


def test_pain_around_the_kneecap_fits_runners_knee(client):
    response = result(client, where_it_hurts="kneecap")
    assertContains(response, link(Section, "introduction"))
    assertNotContains(response, "care-card")


def test_pain_elsewhere_says_get_it_assessed(client):
    response = result(client, where_it_hurts="elsewhere")
    assertContains(response, "Soon: book an appointment")
    assertContains(response, "because your pain is somewhere other than around the kneecap")


@pytest.mark.parametrize(
    ("choice", "reason"),
    [
        ("more-running", "you recently increased your mileage or number of runs"),
        ("new-to-running", "you are new to running"),
        ("training-for-event", "you are training for an event"),
    ],
)
def test_training_changes_point_to_building_up_gradually(client, choice, reason):
    response = result(client, training_change=choice)
    assertContains(response, link(Section, "returning-to-running"))
    assertContains(response, f"because {reason}")


def test_pain_free_walking_is_recommended_to_keep_fit(client):
    assertContains(result(client, walking="pain-free"), "so it can keep you fit while your knee recovers")


def test_running_still_hurting_gets_a_week_of_daily_exercises_then_a_trial_run(client):
    response = result(client, running_pain="still-hurts")
    for slug in ("glute-bridge", "hamstring-stretch", "calf-stretch", "quadriceps-stretch"):
        assertContains(response, link(Exercise, slug))
    assertContains(response, "Days 1 to 7: no running.")
    assertContains(response, "Day 8: a trial run.")


def test_pain_that_has_not_gone_says_see_a_physician_or_physio(client):
    response = result(client, how_long="not-improving")
    assertContains(response, "Soon: book an appointment")
    assertContains(response, "GP or a physiotherapist")
    assertContains(response, link(Section, "physical-therapist"))


@pytest.mark.parametrize(
    ("choice", "level"),
    [
        ("deformed", RedFlag.Level.EMERGENCY),
        ("no-weight", RedFlag.Level.EMERGENCY),
        ("hot-red-swollen", RedFlag.Level.EMERGENCY),
        ("numb-foot", RedFlag.Level.EMERGENCY),
        ("locks-gives-way", RedFlag.Level.URGENT),
        ("big-swelling", RedFlag.Level.URGENT),
        ("severe-pain", RedFlag.Level.URGENT),
        ("under-16", RedFlag.Level.SOON),
    ],
)
def test_each_warning_sign_raises_its_care_card_level_first(client, choice, level):
    response = result(client, warning_signs=choice, running_pain="still-hurts")
    html = response.content.decode()
    assertContains(response, level.label, count=1)
    assert html.index("care-card") < html.index("Read in the guide")
    waits = level <= RedFlag.Level.URGENT
    assert ("Wait until a clinician has seen your knee" in html) is waits
    assert (link(Exercise, "glute-bridge") in html) is not waits


def test_red_flags_come_before_all_else_whatever_the_question_order(client):
    response = result(client, warning_signs=["under-16", "deformed"], how_long="not-improving")
    html = response.content.decode()
    under_16 = Choice.objects.get(question__slug="warning-signs", slug="under-16").red_flag.title
    assert html.index("Emergency: get help now") < html.index(under_16) < html.index("Read in the guide")
    assertContains(response, "Go to A&amp;E now")
