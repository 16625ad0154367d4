"""Unpublishing an exercise the self-check recommends, in a real browser: the page asks first,
naming the answers with links, and the author's “Yes, unpublish anyway” then saves."""

import pytest
from playwright.sync_api import expect

from articles.models import Exercise
from tests.browser.conftest import make_author, sign_in_on_the_login_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_unpublishing_a_recommended_exercise_asks_first(live_server, page, screenshot):
    make_author("writer")  # saves go live at once
    exercise = Exercise.objects.published().filter(choices__is_published=True).distinct().first()
    answer = exercise.choices.filter(is_published=True).first()
    page.goto(f"{live_server.url}/admin/articles/exercise/{exercise.pk}/change/")
    sign_in_on_the_login_page(page)  # which leads back to the exercise
    expect(page.get_by_label("Yes, unpublish anyway")).to_have_count(0)

    page.get_by_label("Published").uncheck()
    page.get_by_role("button", name="Save", exact=True).first.click()
    refusal = page.locator(".errorlist").filter(has_text="Self-check answers recommend this exercise")
    expect(refusal).to_be_visible()
    expect(refusal.get_by_role("link", name=f"“{answer.label}”").first).to_have_attribute(
        "href", f"/admin/articles/question/{answer.question_id}/change/"
    )
    screenshot(page, "unpublish-asks-first")
    exercise.refresh_from_db()
    assert exercise.is_published

    page.get_by_label("Yes, unpublish anyway").check()
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    exercise.refresh_from_db()
    assert not exercise.is_published
