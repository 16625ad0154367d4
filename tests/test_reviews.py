"""Review dates everywhere: shown like NHS pages, editable on every reviewed kind, a year ahead for
new items, overdue items (and undated ones) filtered in the admin, counted on its home page, marked
reviewed in bulk, and listed by `manage.py overdue_reviews` (non-zero exit when any). And Recent
changes: every author's additions, changes, restores and deletions, naming what really changed."""

import datetime
import re

import lxml.html
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from articles.models import Article, Exercise, Section
from faq.models import Entry
from tests.pageforms import read_form, submit

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
A_YEAR_ON = datetime.date(2027, 12, 1)
LONG_AGO = datetime.date(2020, 1, 1)


@pytest.fixture(autouse=True)
def today(time_machine):
    """A fixed day after the shipped reviews (26 November 2026) and before they are due again."""
    time_machine.move_to(datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC))
    return TODAY


@pytest.fixture
def initial_versions():
    """Every item's first version, as set-up gives it (`make setup`, `createinitialrevisions`)."""
    call_command("createinitialrevisions", comment="As it was before any edit in the admin", verbosity=0)


@pytest.fixture
def entry():
    return Entry.objects.get(slug="where-does-runners-knee-hurt")


def change_url(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"


def recent_changes_rows(client, query=""):
    """Recent changes as a reader sees its table: one list of cell texts a row."""
    page = lxml.html.fromstring(client.get(f"/admin/recent-changes/{query}").content)
    return [
        [re.sub(r"\s+", " ", cell.text_content()).strip() for cell in row.xpath("td")]
        for row in page.xpath("//table[@id='recent-changes']/tbody/tr")
    ]


def recent_items(client, query=""):
    """The "What" and "What happened" cells of every row of Recent changes."""
    return [tuple(row[-2:]) for row in recent_changes_rows(client, query)]


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


@pytest.mark.parametrize(
    "model, slug",
    [
        (Article, "runners-knee-recovery"),
        (Section, "strengthen-your-glutes"),
        (Exercise, "glute-bridge"),
        (Entry, "where-does-runners-knee-hurt"),
    ],
)
def test_every_reviewed_kind_has_review_dates_an_author_can_change(author_client, model, slug):
    item = model.objects.get(slug=slug)
    response = submit(
        author_client,
        change_url(item),
        {"last_reviewed": "2026-11-30", "next_review_due": "2027-05-30"},
        button="_save",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert (item.last_reviewed, item.next_review_due) == (
        datetime.date(2026, 11, 30),
        datetime.date(2027, 5, 30),
    )


def test_a_new_item_is_due_for_review_a_year_from_today(author_client):
    form = read_form(author_client.get("/admin/faq/entry/add/"))
    assert form.get("next_review_due") == "01/12/2027"
    response = submit(
        author_client,
        "/admin/faq/entry/add/",
        {"question": "Can I cycle?", "slug": "can-i-cycle", "answer": "Yes, if it does not hurt."},
        button="_save",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Entry.objects.get(slug="can-i-cycle").next_review_due == A_YEAR_ON


def test_an_undated_item_is_listed_as_overdue(author_client):
    Entry.objects.filter(slug="who-gets-runners-knee").update(next_review_due=None)
    assert Entry.objects.get(slug="who-gets-runners-knee").review_overdue
    response = author_client.get("/admin/faq/entry/?review=overdue")
    assertContains(response, "Who is most likely")
    assertNotContains(response, "Where does runner")


def test_the_admin_filters_overdue_items(author_client):
    Entry.objects.filter(slug="who-gets-runners-knee").update(next_review_due=LONG_AGO)
    response = author_client.get("/admin/faq/entry/?review=overdue")
    assertContains(response, "Who is most likely")
    assertNotContains(response, "Where does runner")


def test_the_command_lists_overdue_items_and_fails(capsys):
    call_command("overdue_reviews")
    assert "No review is overdue." in capsys.readouterr().out
    Exercise.objects.filter(slug="calf-stretch").update(next_review_due=LONG_AGO)
    with pytest.raises(CommandError) as refused:
        call_command("overdue_reviews")
    assert "2020-01-01  exercise: Calf stretch" in capsys.readouterr().out
    assert refused.value.returncode == 1


def test_the_command_counts_an_undated_item_as_overdue(capsys):
    Section.objects.filter(slug="strengthen-your-glutes").update(next_review_due=None)
    with pytest.raises(CommandError) as refused:
        call_command("overdue_reviews")
    assert "no date     guide section: Strengthen your glutes" in capsys.readouterr().out
    assert "1 item(s)" in str(refused.value)


def mark_reviewed(client, list_url, *items):
    """Tick `items` in an admin list and run “Mark reviewed today”, as an author does."""
    return submit(
        client,
        list_url,
        {"action": "mark_reviewed_today", "_selected_action": [str(item.pk) for item in items]},
        form_id="changelist-form",
        button="index",
    )


def test_mark_reviewed_today_sets_both_dates(author_client):
    overdue = Exercise.objects.filter(slug__in=["calf-stretch", "glute-bridge"])
    overdue.update(last_reviewed=LONG_AGO, next_review_due=LONG_AGO)
    response = mark_reviewed(author_client, "/admin/articles/exercise/?review=overdue", *overdue)
    assert response.status_code == 302
    assertContains(
        author_client.get(response.url),
        "Marked 2 exercises as reviewed today: next review due 1 December 2027.",
    )
    assert {(item.last_reviewed, item.next_review_due) for item in overdue.all()} == {(TODAY, A_YEAR_ON)}


def test_mark_reviewed_today_keeps_a_version_in_history(author_client, author, entry):
    mark_reviewed(author_client, "/admin/faq/entry/", entry)
    version = Version.objects.get_for_object(entry).first()
    assert version.revision.user == author
    assert version.field_dict["last_reviewed"] == TODAY
    assertContains(
        author_client.get(f"/admin/faq/entry/{entry.pk}/history/"),
        "Changed Last reviewed and Next review due.",
    )


def test_mark_reviewed_today_shows_the_new_date_to_readers(author_client, entry):
    assertContains(Client().get(entry.get_absolute_url()), "26 November 2026")  # now cached
    mark_reviewed(author_client, "/admin/faq/entry/", entry)
    assertContains(Client().get(entry.get_absolute_url()), 'Page last reviewed: <time datetime="2026-12-01">')


def test_mark_reviewed_today_is_not_offered_where_there_are_no_review_dates(author_client):
    assertContains(author_client.get("/admin/faq/entry/"), 'value="mark_reviewed_today"')
    assertNotContains(author_client.get("/admin/articles/question/"), 'value="mark_reviewed_today"')


def test_the_admin_home_shows_how_many_reviews_are_overdue_with_links(author_client):
    Entry.objects.filter(slug__in=["who-gets-runners-knee", "where-does-runners-knee-hurt"]).update(
        next_review_due=LONG_AGO
    )
    Exercise.objects.filter(slug="calf-stretch").update(next_review_due=None)
    page = lxml.html.fromstring(author_client.get("/admin/").content)
    box = page.get_element_by_id("reviews-due")
    assert box.xpath("string(.//caption)") == "Reviews due: 3 overdue"
    links = {link.text_content(): link.get("href") for link in box.xpath(".//a")}
    assert links == {
        "2 overdue": "/admin/faq/entry/?review=overdue",
        "1 overdue": "/admin/articles/exercise/?review=overdue",
    }


def test_recent_changes_lists_a_deletion(author_client, initial_versions, entry):
    submit(author_client, f"/admin/faq/entry/{entry.pk}/delete/", button=None)
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert recent_items(author_client)[0] == (
        "FAQ entry: Where does runner's knee hurt? (recover deleted)",
        "Deleted",
    )


def test_recent_changes_lists_a_restore_with_what_it_changed(author_client, initial_versions, entry):
    submit(author_client, change_url(entry), {"slug": "where-it-hurts"}, button="_save")
    first = Version.objects.get_for_object(entry).last()
    response = submit(author_client, f"/admin/faq/entry/{entry.pk}/history/{first.pk}/", button="_save")
    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul", response.content.decode(), re.S
    )
    assert recent_items(author_client)[0] == (
        "FAQ entry: Where does runner's knee hurt? (history)",
        "Restored an earlier version: changed slug",
    )


def test_recent_changes_lists_an_addition(author_client):
    submit(
        author_client,
        "/admin/faq/entry/add/",
        {"question": "Can I cycle?", "slug": "can-i-cycle", "answer": "Yes, if it does not hurt."},
        button="_save",
    )
    assert recent_items(author_client)[0] == ("FAQ entry: Can I cycle? (history)", "Added")


def test_a_change_names_only_the_fields_that_really_changed(author_client, initial_versions, entry):
    # The answer's lines come back with browsers' CRLF ends: not a change.
    assert "\n" in entry.answer
    submit(author_client, change_url(entry), {"slug": "where-it-hurts"}, button="_save")
    assert recent_items(author_client)[0] == (
        "FAQ entry: Where does runner's knee hurt? (history)",
        "Changed: slug",
    )


def test_recent_changes_shows_one_authors_changes(author_client, initial_versions, django_user_model, entry):
    other = django_user_model.objects.create_user("colleague", is_staff=True, is_superuser=True)
    colleague = Client()
    colleague.force_login(other)
    submit(author_client, change_url(entry), {"slug": "where-it-hurts"}, button="_save")
    calf = Exercise.objects.get(slug="calf-stretch")
    submit(
        colleague, change_url(calf), {"dosage": "Hold 20–30 seconds, 2–4 times on each leg"}, button="_save"
    )

    everyone = recent_changes_rows(author_client)
    assert [row[1] for row in everyone[:2]] == ["colleague", "author"]
    form = read_form(author_client.get("/admin/recent-changes/"), "author-filter").change(author="colleague")
    only = recent_changes_rows(author_client, f"?author={form.get('author')}")
    assert [row[1:] for row in only] == [
        ["colleague", "Exercise: Calf stretch (history)", "Changed: how much"]
    ]


def test_recent_changes_says_when_the_author_asked_for_has_made_no_changes(
    author_client, initial_versions, entry
):
    submit(author_client, change_url(entry), {"slug": "where-it-hurts"}, button="_save")
    response = author_client.get("/admin/recent-changes/", {"author": "nobody\x00<b>"})
    assert response.status_code == 200
    assert response.context["form"].has_error("author", code="invalid_choice")
    assertContains(response, "Choose an author from the list: nobody\x00&lt;b&gt; has made no changes.")
    assert recent_items(author_client, "?author=nobody")[0][1] == "Changed: slug"  # everyone's


def test_saving_a_guides_review_dates_lists_only_the_guide(author_client, initial_versions):
    guide = Article.objects.get(slug="runners-knee-recovery")
    assert guide.sections.count() == 11
    response = submit(author_client, change_url(guide), {"last_reviewed": "2026-11-30"}, button="_save")
    assert response.status_code == 302
    assert [row[1:] for row in recent_changes_rows(author_client, "?author=author")] == [
        ["author", "Guide article: Runner's knee: a recovery guide (history)", "Changed: last reviewed"]
    ]


def test_saving_a_guide_adds_nothing_to_its_sections_history(author_client, initial_versions):
    guide = Article.objects.get(slug="runners-knee-recovery")
    section = guide.sections.get(slug="strengthen-your-glutes")
    submit(author_client, change_url(guide), {"last_reviewed": "2026-11-30"}, button="_save")
    history = lxml.html.fromstring(
        author_client.get(f"/admin/articles/section/{section.pk}/history/").content
    )
    assert len(history.xpath("//table[@id='change-history']/tbody/tr")) == 1  # its first version only
