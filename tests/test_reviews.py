"""Review dates everywhere: shown like NHS pages, overdue items filtered in the admin and listed
by `manage.py overdue_reviews` (non-zero exit when any)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Exercise, Section
from faq.models import Entry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/guide/runners-knee-recovery/", "/exercises/glute-bridge/", "/faq/where-does-runners-knee-hurt/"],
)
def test_pages_show_when_they_were_last_reviewed_and_are_due_again(client, url):
    response = client.get(url)
    assertContains(response, 'Page last reviewed: <time datetime="2026-11-26">26 November 2026</time>')
    assertContains(response, 'Next review due: <time datetime="2027-11-26">26 November 2027</time>')


def test_every_shipped_section_exercise_and_entry_has_review_dates():
    for model in (Section, Exercise, Entry):
        assert not model.objects.filter(last_reviewed__isnull=True).exists(), model


def test_the_admin_filters_overdue_items(author_client):
    Entry.objects.filter(slug="who-gets-runners-knee").update(next_review_due=datetime.date(2020, 1, 1))
    response = author_client.get("/admin/faq/entry/?review=overdue")
    assertContains(response, "Who is most likely")
    assertNotContains(response, "Where does runner")


def test_the_command_lists_overdue_items_and_fails(capsys):
    call_command("overdue_reviews")
    assert "No review is overdue." in capsys.readouterr().out
    Exercise.objects.filter(slug="calf-stretch").update(next_review_due=datetime.date(2020, 1, 1))
    with pytest.raises(CommandError) as refused:
        call_command("overdue_reviews")
    assert "2020-01-01  exercise: Calf stretch" in capsys.readouterr().out
    assert refused.value.returncode == 1
