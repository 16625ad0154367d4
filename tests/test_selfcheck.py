"""The self-check's mechanics, on questions made here: the form, errors, tampering, the
result's order and reasons, and the query count. (The shipped questions: test_selfcheck_content.)"""

from urllib.parse import urlencode

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from articles.models import Choice, Question, RedFlag

from .conftest import make_entry, make_exercise, make_section

pytestmark = pytest.mark.django_db

URL = "/self-check/"


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
    """Two questions of our own, with the shipped ones unpublished."""
    Question.objects.update(is_published=False)
    glutes = make_section(title="Strengthen glutes")
    bridge = make_exercise(section=glutes, title="Bridge", dosage="3 sets of 10")
    squat = make_exercise(section=glutes, title="Squat", dosage="2 sets of 8")
    make_entry(question="Are bridges good?").related_exercises.add(bridge)
    test = make_question("squat-test", text="What did your knee do?", hint="Watch in a mirror.")
    make_choice(test, "centred", label="Stayed centred")
    make_choice(
        test,
        "inward",
        label="Moved inward",
        reason="your knee moved inward",
        exercises=[bridge, squat],
        sections=[glutes],
    )
    signs = make_question("signs", kind=Question.Kind.MULTIPLE, text="Any of these?")
    make_choice(signs, "none", label="None of these")
    make_choice(signs, "locks", label="It locks", red_flag=make_red_flag(RedFlag.Level.URGENT, "Locking"))
    make_choice(
        signs, "deformed", label="Looks deformed", red_flag=make_red_flag(RedFlag.Level.EMERGENCY, "Deformed")
    )
    make_choice(signs, "under-16", label="I am under 16", red_flag=make_red_flag(RedFlag.Level.SOON, "Young"))
    return {"bridge": bridge, "squat": squat, "glutes": glutes}


def answer(client, **answers):
    pairs = [
        (k, v) for k, values in answers.items() for v in (values if isinstance(values, list) else [values])
    ]
    return client.get(f"{URL}?{urlencode(pairs)}")


def test_form_has_a_fieldset_and_legend_per_question_with_linked_hints(client, quiz):
    response = client.get(URL)
    assertTemplateUsed(response, "articles/self_check_form.html")
    assertContains(response, '<legend class="legend">What did your knee do?</legend>', html=True)
    assertContains(response, 'aria-describedby="id_squat-test-hint"')
    assertContains(response, '<p class="hint" id="id_squat-test-hint">Watch in a mirror.</p>', html=True)
    assertContains(response, 'type="radio" name="squat-test"', count=2)
    assertContains(response, 'type="checkbox" name="signs"', count=4)
    assertContains(response, '<label for="id_squat-test_1">Moved inward</label>', html=True)


def test_missing_answers_get_an_error_summary_linking_to_each_question(client, quiz):
    response = answer(client, signs="none")
    assertContains(response, "<title>Error: ", count=1)
    assertContains(response, "There is a problem")
    assertContains(response, 'href="#id_squat-test_0"')
    message = "Select an answer: what did your knee do?"
    assertContains(response, message, count=2)  # in the summary and beside the question
    assertNotContains(response, 'href="#id_signs_0"')


def test_other_answers_are_kept_after_an_error(client, quiz):
    response = answer(client, signs=["locks", "under-16"])
    html = response.content.decode()
    assert 'value="locks" id="id_signs_1" checked' in html
    assert 'value="under-16" id="id_signs_3" checked' in html
    assert 'value="none" id="id_signs_0" checked' not in html


@pytest.mark.parametrize(
    "tampered",
    [
        {"squat-test": "no-such-choice", "signs": "none"},
        {"squat-test": ["inward", "centred"], "signs": "none"},
        {"squat-test": "inward" * 500, "signs": "none"},
        {"squat-test": "inward", "signs": ["none"] * 20 + ["x" * 5000]},
        {"squat-test": "inward", "signs": ["none", "nope"]},
        {"squat-test": "inward", "signs": ""},
    ],
    ids=[
        "unknown choice",
        "two values for one answer",
        "huge value",
        "huge list",
        "unknown in a list",
        "empty",
    ],
)
def test_tampered_answers_get_a_form_error_not_a_crash(client, quiz, tampered):
    response = answer(client, **tampered)
    assert response.status_code == 200
    assertTemplateUsed(response, "articles/self_check_form.html")
    assertContains(response, "There is a problem")


def test_an_unpublished_choice_cannot_be_chosen(client, quiz):
    Choice.objects.filter(slug="inward").update(is_published=False)
    response = answer(client, **{"squat-test": "inward", "signs": "none"})
    assertContains(response, "There is a problem")
    assertNotContains(response, "Moved inward")


def test_knee_moving_inward_recommends_the_exercises_with_the_reason(client, quiz):
    response = answer(client, **{"squat-test": "inward", "signs": "none"})
    assertTemplateUsed(response, "articles/self_check_result.html")
    for exercise in (quiz["bridge"], quiz["squat"]):
        assertContains(response, f'href="{exercise.get_absolute_url()}"')
        assertContains(response, exercise.dosage)
    assertContains(response, "Recommended because your knee moved inward.", count=3)
    assertContains(response, f'href="{quiz["glutes"].get_absolute_url()}"')
    assertContains(response, "Are bridges good?")  # the FAQ entry tied to a recommended exercise
    assertContains(response, "Every day this week:")


def test_red_flags_come_first_most_urgent_on_top_and_exercises_wait(client, quiz):
    response = answer(client, **{"squat-test": "inward", "signs": ["locks", "deformed"]})
    html = response.content.decode()
    assert html.index("care-card") < html.index("Read in the guide")  # before any recommendation
    assertContains(response, "Emergency: get help now", count=1)
    assertContains(response, "Do this for Deformed.")
    assert html.index("Deformed") < html.index("Locking")
    assertContains(response, "Wait until a clinician has seen your knee")
    assertNotContains(response, f'href="{quiz["bridge"].get_absolute_url()}"')
    assertNotContains(response, "Days 1 to 7")


def test_a_soon_red_flag_still_shows_the_exercises(client, quiz):
    response = answer(client, **{"squat-test": "inward", "signs": "under-16"})
    assertContains(response, "Soon: book an appointment")
    assertContains(response, f'href="{quiz["bridge"].get_absolute_url()}"')


def test_when_nothing_points_anywhere_the_guide_is_offered(client, quiz):
    response = answer(client, **{"squat-test": "centred", "signs": "none"})
    assertContains(response, "do not point to a particular exercise")
    assertContains(response, 'href="/guide/"')


def test_the_result_url_reproduces_the_result_and_lists_the_answers(client, quiz):
    query = {"squat-test": "inward", "signs": ["locks"]}
    first, second = answer(client, **query), answer(client, **query)
    assert first.content == second.content
    assertContains(first, "<dt>What did your knee do?</dt><dd>Moved inward</dd>", html=True)
    assertContains(first, "change=1")


def test_change_your_answers_shows_the_form_with_answers_ticked(client, quiz):
    response = client.get(f"{URL}?squat-test=inward&signs=locks&change=1")
    assertTemplateUsed(response, "articles/self_check_form.html")
    assertNotContains(response, "There is a problem")
    assert 'value="inward" id="id_squat-test_1" checked' in response.content.decode()


def test_nothing_is_stored_about_the_reader(client, quiz):
    response = answer(client, **{"squat-test": "inward", "signs": "none"})
    assert not response.cookies


def test_a_question_added_by_an_author_shows_on_the_form_and_in_results(client, quiz):
    question = make_question("new-one", text="Do you run on hills?")
    make_choice(question, "yes", label="Yes, often", reason="you run on hills", exercises=[quiz["squat"]])
    make_choice(question, "no", label="No")
    assertContains(client.get(URL), "Do you run on hills?")
    response = answer(client, **{"squat-test": "centred", "signs": "none", "new-one": "yes"})
    assertContains(response, "Recommended because you run on hills.")


@pytest.mark.parametrize("answered", [False, True], ids=["form", "result"])
def test_query_count_is_constant_in_the_number_of_questions(
    client, django_assert_max_num_queries, quiz, answered
):
    def get():
        query = {"squat-test": "inward", "signs": "locks"}
        query.update(
            {f"extra-{n}": "a" for n in range(Question.objects.filter(slug__startswith="extra").count())}
        )
        return answer(client, **query) if answered else client.get(URL)

    with django_assert_max_num_queries(10):
        assert get().status_code == 200
    for n in range(10):
        question = make_question(f"extra-{n}")
        for letter in "abc":
            make_choice(question, letter, exercises=[quiz["bridge"]], sections=[quiz["glutes"]])
    with django_assert_max_num_queries(10):
        assert "There is a problem" not in get().content.decode()


def test_pressing_the_button_with_nothing_answered_shows_every_error(client, quiz):
    response = client.get(f"{URL}?submitted=yes")
    assertContains(response, "<title>Error: ", count=1)
    assertContains(response, 'href="#id_squat-test_0"')
    assertContains(response, 'href="#id_signs_0"')


def test_none_of_these_cannot_be_ticked_with_a_warning_sign(client, quiz):
    Choice.objects.filter(question__slug="signs", slug="none").update(is_exclusive=True)
    response = answer(client, **{"squat-test": "centred", "signs": ["none", "locks"]})
    assertContains(response, "Select “None of these” on its own, or untick it", count=2)
    assertNotContains(response, "care-card")


def test_a_question_with_no_published_answer_is_left_off_the_form(client, quiz):
    empty = make_question("empty", text="A question still being written?")
    make_choice(empty, "draft", is_published=False)
    assertNotContains(client.get(URL), "A question still being written?")
    response = answer(client, **{"squat-test": "inward", "signs": "none"})
    assertTemplateUsed(response, "articles/self_check_result.html")


def test_exercises_of_an_unpublished_guide_are_not_recommended(client, quiz):
    article = quiz["glutes"].article
    article.is_published = False
    article.save()
    response = answer(client, **{"squat-test": "inward", "signs": "none"})
    assertNotContains(response, f'href="{quiz["bridge"].get_absolute_url()}"')
    assertNotContains(response, "Strengthen glutes")
    assertContains(response, "do not point to a particular exercise")


def test_the_week_off_running_is_for_answers_that_call_for_it(client, quiz):
    relaxed = answer(client, **{"squat-test": "inward", "signs": "none"})
    assertNotContains(relaxed, "Days 1 to 7: no running")
    assertContains(relaxed, "Keep running only as much as stays comfortable")
    Choice.objects.filter(slug="inward").update(suggests_rest=True)
    resting = answer(client, **{"squat-test": "inward", "signs": "none"})
    assertContains(resting, "Days 1 to 7: no running")


def test_faq_entries_in_the_result_say_why(client, quiz):
    response = answer(client, **{"squat-test": "inward", "signs": "none"})
    assertContains(
        response, 'Are bridges good?</a> <span class="because-short">(because your knee moved inward)'
    )
