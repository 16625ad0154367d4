"""What makes an item live is declared once per model (kneesite/publishing.py `Live`): the
filter every public page uses (`published()`) and the check on one item (`is_live`, which
decides the draft banner and the admin's "live now") never disagree."""

import datetime
import itertools

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, Choice, Exercise, Question, Section

from .conftest import make_exercise

pytestmark = pytest.mark.django_db

NOW = timezone.now()
# (switch, publication time) for one item: live, a draft, scheduled, a scheduled draft.
LATER = NOW + datetime.timedelta(days=1)
STATES = [(True, NOW), (False, NOW), (True, LATER), (False, LATER)]


def test_an_exercise_is_live_in_both_forms_exactly_when_it_its_section_and_its_guide_are():
    exercise = make_exercise()
    items = [(Exercise, exercise.pk), (Section, exercise.section_id), (Article, exercise.section.article_id)]
    for states in itertools.product(STATES, repeat=3):
        for (model, pk), (is_published, pub_date) in zip(items, states, strict=True):
            model.objects.filter(pk=pk).update(is_published=is_published, pub_date=pub_date)
        expected = all(is_published and pub_date <= NOW for is_published, pub_date in states)
        loaded = Exercise.objects.select_related("section__article").get(pk=exercise.pk)
        assert loaded.is_live is expected, states
        assert Exercise.objects.published().filter(pk=exercise.pk).exists() is expected, states


def test_an_answer_is_offered_only_while_it_is_published_and_its_question_is_live():
    choice = Choice.objects.published().select_related("question").first()
    question = choice.question
    later = timezone.now() + datetime.timedelta(hours=1)
    Question.objects.filter(pk=question.pk).update(pub_date=later)
    choice.refresh_from_db()
    assert not choice.is_live
    assert not Choice.objects.published().filter(pk=choice.pk).exists()
    with time_machine.travel(later + datetime.timedelta(seconds=1)):
        assert choice.is_live
        assert Choice.objects.published().filter(pk=choice.pk).exists()
        Choice.objects.filter(pk=choice.pk).update(is_published=False)
        choice.refresh_from_db()
        assert not choice.is_live
        assert not Choice.objects.published().filter(pk=choice.pk).exists()
