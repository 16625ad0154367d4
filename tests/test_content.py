"""The initial content arrives with set-up, once, and never overwrites an author's edits."""

import pytest
from django.core.management import call_command

from articles.models import Article, Choice, Exercise, Question, RedFlag, Section, Source
from faq.models import Entry

from .conftest import load_initial_content

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [Article, Section, Exercise, Source, Entry, Question, Choice, RedFlag]


def test_a_new_install_has_the_whole_guide_exercises_and_faq():
    guide = Article.objects.published().get()
    assert guide.sections.published().count() >= 9
    assert Exercise.objects.published().count() >= 8
    assert Entry.objects.published().count() >= 7


def test_initial_content_is_rendered_and_cites_sources():
    """Every page cites what supports it; balance training, which no source here tests, says
    plainly that the evidence is limited instead."""
    balance = Section.objects.get(slug="balance-training")
    assert "evidence" in balance.body_html and not balance.sources.exists()
    for section in Section.objects.exclude(pk=balance.pk):
        assert section.body_html.strip(), section.slug
        assert section.sources.exists(), section.slug
    for exercise in Exercise.objects.all():
        assert exercise.steps_html and exercise.progression_html and exercise.stop_if_html, exercise.slug
        assert exercise.sources.exists() or exercise.focus == "balance", exercise.slug
    for entry in Entry.objects.all():
        assert entry.answer_html.strip(), entry.slug
        assert entry.sources.exists(), entry.slug


def test_loading_again_duplicates_nothing():
    counts = [model.objects.count() for model in CONTENT_MODELS]
    load_initial_content()
    assert [model.objects.count() for model in CONTENT_MODELS] == counts


def test_loading_again_keeps_an_authors_edits():
    entry = Entry.objects.first()
    entry.answer = "An author rewrote this."
    entry.save()
    load_initial_content()
    entry.refresh_from_db()
    assert entry.answer == "An author rewrote this."


def test_running_setup_again_keeps_deleted_content_deleted():
    deleted_slug = Exercise.objects.last().slug
    Exercise.objects.filter(slug=deleted_slug).delete()
    call_command("migrate", verbosity=0)
    assert not Exercise.objects.filter(slug=deleted_slug).exists()


def test_a_later_load_updates_only_texts_still_as_shipped_and_never_recreates(monkeypatch):
    """What a content-correction migration does: a text still as shipped before gets the new
    wording; an author's edit, and an author's deletion, stay as they are."""
    from django.apps import apps

    from articles.shipped import load_guide
    from kneesite import shipped_earlier
    from kneesite.shipped import fingerprint

    old_wording = "The wording the site shipped before."
    Exercise.objects.filter(slug="calf-stretch").update(stop_if=old_wording)
    monkeypatch.setitem(
        shipped_earlier.EARLIER, "articles.exercise:calf-stretch", {"stop_if": {fingerprint(old_wording)}}
    )
    Exercise.objects.filter(slug="glute-bridge").update(stop_if="An author's own words.")
    Exercise.objects.filter(slug="hamstring-stretch").delete()

    load_guide(apps, "default", first_load=False)

    calf = Exercise.objects.get(slug="calf-stretch")
    assert calf.stop_if != old_wording and calf.stop_if_html.strip()
    assert Exercise.objects.get(slug="glute-bridge").stop_if == "An author's own words."
    assert not Exercise.objects.filter(slug="hamstring-stretch").exists()


def test_every_shipped_item_passes_the_admins_own_validation():
    """Lengths and rules as an author's form would check them (SQLite does not enforce lengths;
    PostgreSQL would refuse the migration)."""
    for model in CONTENT_MODELS:
        for item in model.objects.all():
            item.full_clean()
