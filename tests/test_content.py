"""The shipped content (articles/content/, faq/content/) arrives with set-up through
`load_content`, and a later release updates only what no author has touched."""

import json
import re
import shutil
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from pytest_django.asserts import assertContains
from reversion.models import Version

from articles.models import Article, Choice, Exercise, Question, RedFlag, Section, Source
from faq.models import Entry
from kneesite import content_loader
from kneesite.models import ShippedItem

from .conftest import load_initial_content
from .pageforms import submit

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [Article, Section, Exercise, Source, Entry, Question, Choice, RedFlag]
PERMALINK = "/faq/where-does-runners-knee-hurt/"


@pytest.fixture
def next_release(tmp_path, monkeypatch):
    """The shipped files as a later release might ship them: a copy to edit, which the loader
    and the content check then read. Returns edit(path in the app's content/, old, new)."""
    for config, _ in content_loader.shipping_apps():
        shutil.copytree(content_loader.content_directory(config), tmp_path / config.label)
    monkeypatch.setattr(content_loader, "content_directory", lambda config: tmp_path / config.label)

    def edit(path, old, new):
        file = tmp_path / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def edit_in_the_admin(client, entry, **changes):
    response = submit(client, f"/admin/faq/entry/{entry.pk}/change/", changes, button="_save")
    assert response.status_code == 302


def ship_a_new_answer_and_question(next_release):
    """A later release changes the answer of the FAQ entry at PERMALINK, and its question to
    “Where does it hurt?”."""
    next_release(
        "faq/where-does-runners-knee-hurt.md", "Runner's knee causes an ache", "A new shipped answer"
    )
    next_release(
        "faq/where-does-runners-knee-hurt.md",
        "question: Where does runner's knee hurt?",
        "question: Where does it hurt?",
    )


def run_the_migration_that_starts_remembering(records=None):
    """Its function, with the historical models it runs with. `records`: what the release before
    shipped (by default RELEASE_676A36A, which the migration reads)."""
    migration = import_module("kneesite.migrations.0002_remember_content_loaded_by_migrations")
    state = MigrationLoader(connection).project_state(migration.Migration.dependencies)
    content_loader.remember_loaded_content(state.apps, connection.alias, records)


def test_a_new_install_has_every_shipped_item_published():
    for item in content_loader.shipped_items():
        model = apps.get_model(item.model)
        shipped = ShippedItem.objects.get(model=model._meta.label_lower, identity=item.identity)
        (row,) = model.objects.filter(pk=shipped.object_id)
        assert getattr(row, "is_live", True), item.identity


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


def test_an_exercises_three_parts_come_from_the_headings_of_its_file():
    bridge = Exercise.objects.get(slug="glute-bridge")
    assert bridge.steps.startswith("1. Lie on your back with your knees bent.")
    assert bridge.progression.startswith("- Hold for five seconds at the top.")
    assert bridge.stop_if.startswith("Stop if you feel sharp pain in your back.")


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
    Exercise.objects.filter(slug="calf-stretch").delete()
    call_command("load_content", verbosity=0)
    assert not Exercise.objects.filter(slug="calf-stretch").exists()


def test_a_later_release_updates_untouched_text_and_keeps_an_authors_edit(
    author_client, client, next_release
):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    edit_in_the_admin(author_client, entry, answer="An author's own answer.")
    ship_a_new_answer_and_question(next_release)
    next_release(
        "faq/who-gets-runners-knee.md", "Runner's knee often affects", "Runner's knee most often affects"
    )

    call_command("load_content", verbosity=0)

    assertContains(client.get(PERMALINK), "An author’s own answer.")
    assertContains(client.get(PERMALINK), "Where does it hurt?")
    assertContains(client.get("/faq/who-gets-runners-knee/"), "Runner’s knee most often affects")


def test_saving_an_item_unchanged_in_the_admin_leaves_its_text_as_shipped(
    author_client, client, next_release
):
    """The admin posts text with CRLF line ends: that is not an author's edit."""
    edit_in_the_admin(author_client, Entry.objects.get(slug="where-does-runners-knee-hurt"))
    next_release(
        "faq/where-does-runners-knee-hurt.md", "Runner's knee causes an ache", "A new shipped answer"
    )
    call_command("load_content", verbosity=0)
    assertContains(client.get(PERMALINK), "A new shipped answer")


def test_a_later_release_never_recreates_what_an_author_deleted(next_release):
    Exercise.objects.filter(slug="calf-stretch").delete()
    next_release(
        "articles/exercises/calf-stretch.md", "title: Calf stretch", "title: Calf stretch, corrected"
    )
    call_command("load_content", verbosity=0)
    assert not Exercise.objects.filter(slug="calf-stretch").exists()


def test_a_later_release_adds_what_it_ships_new(client, next_release, tmp_path):
    shutil.copy(tmp_path / "faq/who-gets-runners-knee.md", tmp_path / "faq/a-new-question.md")
    next_release("faq/a-new-question.md", "slug: who-gets-runners-knee", "slug: a-new-question")
    next_release("faq/a-new-question.md", "question: Who is most likely", "question: Who else is likely")
    call_command("load_content", verbosity=0)
    assertContains(client.get("/faq/a-new-question/"), "Who else is likely")


def test_upgrading_a_site_loaded_by_data_migrations_keeps_an_authors_edit(
    author_client, client, next_release
):
    """A site of the release before load_content: its content came from data migrations, an
    author edited one answer and deleted an exercise. The migration that starts remembering
    shipped text runs, then a later release changes that answer, the question beside it and an
    exercise's text."""
    ShippedItem.objects.all().delete()  # as the data migrations left it
    edit_in_the_admin(author_client, Entry.objects.get(slug="where-does-runners-knee-hurt"), answer="Mine.")
    Exercise.objects.filter(slug="calf-stretch").delete()
    # That release shipped what the files hold now (this database was loaded from them).
    run_the_migration_that_starts_remembering(content_loader.release_records(content_loader.shipped_items()))
    ship_a_new_answer_and_question(next_release)
    next_release(
        "articles/exercises/glute-bridge.md", "Rest your arms by your sides.", "Rest your arms at your sides."
    )

    call_command("load_content", verbosity=0)

    assertContains(client.get(PERMALINK), "Mine.")
    assertContains(client.get(PERMALINK), "Where does it hurt?")
    assertContains(client.get("/exercises/glute-bridge/"), "Rest your arms at your sides.")
    assert not Exercise.objects.filter(slug="calf-stretch").exists()


EMPTIED_DATA_MIGRATIONS = [
    ("articles", "0005_self_check_content"),
    ("articles", "0010_safe_triage_content"),
    ("articles", "0012_exercise_illustration_content"),
    ("articles", "0015_review_dates_content"),
    ("faq", "0005_corrected_content"),
    ("faq", "0008_review_dates_content"),
]


def run_an_emptied_data_migration(app_label, name):
    """Its operations, with the historical models it runs with, against the test database."""
    loader = MigrationLoader(connection)
    migration = loader.get_migration(app_label, name)
    state = loader.project_state((app_label, name), at_end=False)
    for operation in migration.operations:
        operation.code(state.apps, SimpleNamespace(connection=connection))


@pytest.mark.parametrize(("app_label", "name"), EMPTIED_DATA_MIGRATIONS)
def test_upgrading_a_database_older_than_load_content_is_refused(app_label, name):
    """A database whose content came from these migrations, before they were emptied: running the
    rest of them would take the content they no longer load for an author's deletions."""
    with pytest.raises(CommandError, match=r"older than 676a36a .*upgrade to that release first"):
        run_an_emptied_data_migration(app_label, name)


@pytest.mark.parametrize(("app_label", "name"), EMPTIED_DATA_MIGRATIONS)
def test_migrating_a_fresh_database_passes_the_emptied_data_migrations(app_label, name):
    for model in [Exercise, Section, Article, Entry]:  # children first: a guide's sections protect it
        model.objects.all().delete()
    run_an_emptied_data_migration(app_label, name)  # no error
    assert not Article.objects.exists() and not Entry.objects.exists()


def test_loading_a_change_starts_a_new_content_version(client, next_release):
    assertContains(client.get("/faq/"), "Who is most likely to get runner")  # now cached
    next_release("faq/who-gets-runners-knee.md", "question: Who is most likely", "question: Who is likeliest")
    call_command("load_content", verbosity=0)
    assertContains(client.get("/faq/"), "Who is likeliest to get runner")


def test_a_malformed_file_loads_nothing(next_release):
    next_release(
        "faq/who-gets-runners-knee.md", "question: Who is most likely", "question: [Who is most likely"
    )
    next_release(
        "faq/where-does-runners-knee-hurt.md",
        "question: Where does runner's knee hurt?",
        "question: Where does it hurt?",
    )
    with pytest.raises(
        CommandError,
        match=r"Nothing was loaded: .*faq/who-gets-runners-knee.md: the front matter is not valid YAML",
    ):
        call_command("load_content", verbosity=0)
    assert Entry.objects.filter(question="Where does runner's knee hurt?").exists()


def test_the_shipped_files_pass_the_content_check(capsys):
    call_command("check_content")
    assert "The shipped content is in order" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        (
            "faq/who-gets-runners-knee.md",
            "question: Who is most likely",
            "question: [Who is most likely",
            "faq/who-gets-runners-knee.md: the front matter is not valid YAML",
        ),
        (
            "articles/exercises/glute-bridge.md",
            "## How to progress",
            "## When it gets easy",
            "the body needs the headings “## Steps”, “## How to progress”, “## Stop if”",
        ),
        (
            "articles/exercises/glute-bridge.md",
            "section: strengthen-your-glutes",
            "section: strengthen-your-bottom",
            "links to articles.Section “strengthen-your-bottom”, which is not shipped",
        ),
        (
            "faq/who-gets-runners-knee.md",
            "- gaitonde-2019",
            "- gaitonde-2091",
            "links to articles.Source “gaitonde-2091”, which is not shipped",
        ),
        (
            "faq/who-gets-runners-knee.md",
            "trigger. To avoid them",
            "trigger. [To avoid them](/exercises/no-such-exercise/)",
            "the link to /exercises/no-such-exercise/ leads to no page",
        ),
        (
            "articles/exercises/glute-bridge.md",
            "days_per_week: 4",
            "days_per_week: null",
            "give the dose: “dosage” (how much) and “days_per_week” (1–7)",
        ),
        (
            "articles/exercises/glute-bridge.md",
            "days_per_week: 4",
            "days_per_week: 8",
            "days_per_week: Ensure this value is less than or equal to 7.",
        ),
        (
            "articles/exercises/glute-bridge.md",
            "focus: hip",
            "focus: hips",
            "focus: Value 'hips' is not a valid choice.",
        ),
        (
            "articles/self_check.yaml",
            "level: urgent",
            "level: high",
            "level must be one of emergency, urgent, soon",
        ),
    ],
)
def test_the_content_check_names_what_is_wrong_in_a_changed_file(next_release, path, old, new, message):
    next_release(path, old, new)
    with pytest.raises(CommandError) as refused:
        call_command("check_content")
    assert message in str(refused.value)


def test_the_content_check_counts_what_the_content_brief_asks_for(next_release, tmp_path):
    (tmp_path / "faq/who-gets-runners-knee.md").unlink()
    (tmp_path / "faq/is-walking-good-for-runners-knee.md").unlink()
    with pytest.raises(
        CommandError, match=r"faq.Entry: the content brief asks for at least 7; the files ship 6"
    ):
        call_command("check_content")


def test_every_shipped_item_passes_the_admins_own_validation():
    """Lengths and rules as an author's form would check them (SQLite does not enforce lengths;
    PostgreSQL would refuse the load)."""
    for model in CONTENT_MODELS:
        for item in model.objects.all():
            item.full_clean()


# The wording corrections from the clinical read (issue 15).


def test_the_how_long_answer_promises_no_recovery_time_in_its_link_preview(client):
    entry = Entry.objects.get(slug="how-long-does-runners-knee-take-to-get-better")
    response = client.get(entry.get_absolute_url())
    description = re.search(r'<meta name="description" content="([^"]*)"', response.content.decode())[1]
    assert "months" in description
    assert "six weeks" not in description.lower() and "6 weeks" not in description
    assertContains(response, "55 in 100")


def test_the_footer_names_the_signs_to_book_an_appointment_for(client):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    for sign in ("keeps coming back", "not sure it is runner’s knee", "under 16", "keeps giving way"):
        assert sign in footer, sign


@pytest.mark.parametrize("slug", ["hamstring-stretch", "calf-stretch", "quadriceps-stretch"])
def test_a_stretch_pages_stop_box_says_when_to_get_help_today_or_tomorrow(client, slug):
    html = client.get(Exercise.objects.get(slug=slug).get_absolute_url()).content.decode()
    stop_box = html[html.index('class="stop-box"') : html.index('id="pain-rule-title"')]
    assert "today or tomorrow" in stop_box
    assert "locks or keeps giving way" in stop_box


def test_the_pain_rule_gives_its_numbers_and_sends_a_knee_that_keeps_giving_way_for_help(client):
    html = client.get(Exercise.objects.get(slug="glute-bridge").get_absolute_url()).content.decode()
    rule = html[html.index('id="pain-rule-title"') : html.index("</ul>", html.index('id="pain-rule-title"'))]
    assert "about 2 out of 10" in rule
    assert "within about an hour" in rule
    assert "keeps giving way" in rule
    assert "gives way or locks" not in rule


def test_the_x_ray_note_counts_a_sore_fibula_head_on_its_own(client):
    section = Section.objects.get(slug="when-to-see-a-professional")
    assert "the only tender spot is the bony bump" not in section.body
    assert "no other bone around the knee is" in section.body


def test_every_shipped_item_has_a_version_in_history_from_the_load():
    """So an author's first edit already has a “before” to compare and merge with."""
    for item in content_loader.shipped_items():
        shipped = ShippedItem.objects.get(model=item.model.lower(), identity=item.identity)
        if shipped.object_id is None:
            continue
        row = apps.get_model(item.model).objects.get(pk=shipped.object_id)
        first = Version.objects.get_for_object(row).last()
        assert first is not None, item.identity
        assert first.revision.get_comment() == "Shipped content (manage.py load_content)"


def test_a_later_releases_update_is_a_version_in_history(next_release):
    entry = Entry.objects.get(slug="who-gets-runners-knee")
    next_release("faq/who-gets-runners-knee.md", "question: Who is most likely", "question: Who is likeliest")
    call_command("load_content", verbosity=0)
    newest = Version.objects.get_for_object(entry).first()
    assert newest.field_dict["question"].startswith("Who is likeliest")
    assert newest.revision.get_comment() == "Shipped content (manage.py load_content)"


def test_the_migration_records_release_676a36as_texts_not_the_files_of_the_release_running_it(client):
    """A site still holding release 676a36a's text of an answer this release rewrote gets that
    answer updated by load_content, since the migration compares with what 676a36a shipped."""
    records = json.loads(content_loader.RELEASE_676A36A.read_text())
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    (record,) = [r for r in records if r["model"] == "faq.entry" and r["identity"] == entry.slug]
    ShippedItem.objects.all().delete()  # as the data migrations left it
    Entry.objects.filter(pk=entry.pk).update(answer="As release 676a36a shipped it.")
    record["hashes"]["answer"] = content_loader.digest("As release 676a36a shipped it.")

    run_the_migration_that_starts_remembering(records)
    call_command("load_content", verbosity=0)

    entry.refresh_from_db()
    assert entry.answer == next(
        item.fields["answer"] for item in content_loader.shipped_items() if item.identity == entry.slug
    )


def test_release_676a36a_is_recorded_whole():
    """The record of what release 676a36a shipped names each of its 95 items once, each with its
    natural key and a hash for every field it shipped."""
    records = json.loads(content_loader.RELEASE_676A36A.read_text())
    assert len({(r["model"], r["identity"]) for r in records}) == len(records) == 95
    assert all(r["lookup"] and r["hashes"] for r in records)
