"""Hiding or deleting an exercise or section that self-check answers recommend asks first, and
names those answers with links to where they are edited."""

import lxml.html
import pytest
from reversion.models import Version

from articles.models import Choice, Exercise, Question, Section

from .conftest import make_exercise, make_section
from .pageforms import post_form, read_form, submit

pytestmark = pytest.mark.django_db


def recommend(*items):
    """A published self-check answer recommending `items` (exercises or sections)."""
    question = Question.objects.create(text="How does it feel?", slug="how-does-it-feel", is_published=True)
    answer = Choice.objects.create(question=question, label="It aches after runs", slug="aches")
    answer.exercises.set(item for item in items if isinstance(item, Exercise))
    answer.sections.set(item for item in items if isinstance(item, Section))
    return answer


def change_url(item):
    return f"/admin/articles/{item._meta.model_name}/{item.pk}/change/"


def refusal(response):
    """The refusal in the error summary at the top of the page."""
    [error] = response.context["adminform"].form.non_field_errors().as_data()
    return error


def test_unpublishing_a_recommended_exercise_is_refused_naming_the_answers(author_client):
    exercise = make_exercise()
    answer = recommend(exercise)
    response = submit(author_client, change_url(exercise), {"is_published": False}, button="_save")
    error = refusal(response)
    assert error.code == "recommended_by_self_check"
    assert f'<a href="/admin/articles/question/{answer.question_id}/change/">“It aches after runs”</a>' in (
        response.content.decode()
    )
    exercise.refresh_from_db()
    assert exercise.is_published


def test_the_history_comment_of_a_confirmed_unpublish_names_only_published(author_client):
    exercise = make_exercise()
    recommend(exercise)
    refused = submit(author_client, change_url(exercise), {"is_published": False}, button="_save")

    post_form(author_client, change_url(exercise), read_form(refused).change(confirm_unpublish=True))

    assert Version.objects.get_for_object(exercise).first().revision.get_comment() == "Changed Published."


def test_the_refusal_is_at_the_top_of_the_page_with_the_box_right_after_it(author_client):
    exercise = make_exercise()
    recommend(exercise)

    response = submit(author_client, change_url(exercise), {"is_published": False}, button="_save")

    page = lxml.html.fromstring(response.content.decode())
    in_order = [
        element
        for element in page.iter()
        if "nonfield" in (element.get("class") or "")
        or element.get("id") == "id_confirm_unpublish"
        or element.tag == "fieldset"
    ]
    assert "Self-check answers recommend" in in_order[0].text_content()
    assert in_order[1].get("id") == "id_confirm_unpublish"
    assert in_order[2].tag == "fieldset"


def test_the_yes_unpublish_anyway_box_shows_only_when_asked(author_client):
    exercise = make_exercise()
    recommend(exercise)
    assert "confirm_unpublish" not in read_form(author_client.get(change_url(exercise))).checkboxes
    response = submit(author_client, change_url(exercise), {"is_published": False}, button="_save")
    assert "confirm_unpublish" in read_form(response).checkboxes


def test_unpublishing_a_recommended_exercise_works_after_ticking_yes(author_client):
    exercise = make_exercise()
    recommend(exercise)
    refused = submit(author_client, change_url(exercise), {"is_published": False}, button="_save")
    form = read_form(refused).change(confirm_unpublish=True)
    response = post_form(author_client, change_url(exercise), form, button="_save")
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert not exercise.is_published


def test_scheduling_a_recommended_exercise_for_later_also_asks_first(author_client):
    exercise = make_exercise()
    recommend(exercise)
    later = {"pub_date_0": "2099-01-01", "pub_date_1": "09:00:00"}
    response = submit(author_client, change_url(exercise), later, button="_save")
    assert refusal(response).code == "recommended_by_self_check"


def test_unpublishing_a_section_names_the_answers_recommending_its_exercises(author_client):
    section = make_section()
    recommend(make_exercise(section=section))
    response = submit(author_client, change_url(section), {"is_published": False}, button="_save")
    assert "It aches after runs" in refusal(response).message


def test_unpublishing_what_no_answer_recommends_saves_at_once(author_client):
    exercise = make_exercise()
    response = submit(author_client, change_url(exercise), {"is_published": False}, button="_save")
    assert response.status_code == 302


def test_delete_confirmation_names_the_answers(author_client):
    exercise = make_exercise()
    answer = recommend(exercise)
    page = author_client.get(f"/admin/articles/exercise/{exercise.pk}/delete/").content.decode()
    assert (
        f'<a href="/admin/articles/question/{answer.question_id}/change/">“It aches after runs”</a>' in page
    )


def test_bulk_delete_confirmation_names_the_answers(author_client):
    exercise = make_exercise()
    recommend(exercise)
    response = submit(
        author_client,
        "/admin/articles/exercise/",
        {"action": "delete_selected", "_selected_action": [str(exercise.pk)]},
        form_id="changelist-form",
        button="index",
    )
    assert "Are you sure you want to delete the selected" in response.content.decode()
    assert "It aches after runs" in response.content.decode()


def test_unpublishing_a_guide_names_the_answers_recommending_its_sections_or_exercises(author_client):
    section = make_section()
    answer = recommend(make_exercise(section=section))
    guide = section.article
    response = submit(author_client, change_url(guide), {"is_published": False}, button="_save")
    assert refusal(response).code == "recommended_by_self_check"
    assert f'<a href="/admin/articles/question/{answer.question_id}/change/">“It aches after runs”</a>' in (
        response.content.decode()
    )
    guide.refresh_from_db()
    assert guide.is_published


def test_scheduling_a_guide_for_later_asks_first(author_client):
    section = make_section()
    recommend(section)
    later = {"pub_date_0": "2099-01-01", "pub_date_1": "09:00:00"}
    response = submit(author_client, change_url(section.article), later, button="_save")
    assert refusal(response).code == "recommended_by_self_check"


def test_a_guides_delete_confirmation_names_the_answers(author_client):
    section = make_section()
    recommend(section)
    page = author_client.get(f"/admin/articles/article/{section.article_id}/delete/").content.decode()
    assert "It aches after runs" in page
