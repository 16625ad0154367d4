"""Found and shared: the sitemap, robots.txt, structured data and link previews."""

import datetime
import json
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import time_machine
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Exercise, Section
from faq.models import Entry

from .conftest import make_article, make_entry, make_exercise, make_section
from .test_selfcheck_content import query

pytestmark = pytest.mark.django_db

SITE = "https://kneesite.example"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_the_sitemap_lists_every_published_page_on_the_real_domain_and_each_answers(client):
    urls = sitemap_urls(client)
    expected = {
        *(a.get_absolute_url() for a in Article.objects.published()),
        *(e.get_absolute_url() for e in Exercise.objects.published()),
        *(e.get_absolute_url() for e in Entry.objects.published()),
    }
    assert {urlsplit(url).path for url in urls} == expected
    assert all(url.startswith(SITE + "/") for url in urls)
    for url in urls:
        assert client.get(urlsplit(url).path).status_code == 200, url
    assert not any("example.com" in url or "self-check" in url for url in urls)


def test_the_sitemap_leaves_out_drafts_and_scheduled_items_and_shows_new_ones_at_once(client):
    make_entry(question="A draft?", slug="a-draft", is_published=False)
    make_entry(question="Later?", slug="later", pub_date=timezone.now() + datetime.timedelta(days=1))
    paths = {urlsplit(url).path for url in sitemap_urls(client)}
    assert "/faq/a-draft/" not in paths and "/faq/later/" not in paths
    make_entry(question="Brand new?", slug="brand-new")
    assert f"{SITE}/faq/brand-new/" in sitemap_urls(client)


def test_sitemap_lastmod_is_the_contents_own_change_time(client):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    live_since, changed = (
        datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 4, tzinfo=datetime.UTC),
    )
    Entry.objects.filter(pk=entry.pk).update(pub_date=live_since, updated_at=changed)
    assert sitemap_urls(client)[f"{SITE}{entry.get_absolute_url()}"] == "2026-03-04"


def test_robots_txt_points_at_the_sitemap_and_keeps_the_admin_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and f"Sitemap: {SITE}/sitemap.xml" in lines


RESULT = f"/self-check/result/?{query(half_squat_test='moved-inward')}"


@pytest.mark.parametrize("url", [RESULT, "/search/?q=knee"])
def test_robots_txt_lets_crawlers_fetch_the_pages_that_say_noindex(client, url):
    assertContains(client.get(url), '<meta name="robots" content="noindex">')
    disallowed = [line.removeprefix("Disallow:").strip() for line in robots_lines(client, "Disallow:")]
    assert disallowed and not any(urlsplit(url).path.startswith(path) for path in disallowed)


def robots_lines(client, prefix):
    return [
        line for line in client.get("/robots.txt").content.decode().splitlines() if line.startswith(prefix)
    ]


def json_ld_blocks(response):
    html = response.content.decode()
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_a_faq_permalink_carries_faqpage_data_equal_to_the_page(client):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    response = client.get(entry.get_absolute_url())
    (data,) = json_ld_blocks(response)
    assert data["@type"] == "FAQPage"
    question = data["mainEntity"][0]
    assert question["name"] == entry.question
    assertContains(response, f"<h1>{entry.question}</h1>".replace("'", "&#x27;"))
    assert question["acceptedAnswer"]["text"] == entry.answer_html
    assertContains(response, f'<div class="prose">{entry.answer_html}</div>')


def test_faq_structured_data_keeps_the_answers_paragraphs(client):
    entry = make_entry(question="Two parts?", slug="two-parts", answer="Rest a little.\n\nThen run again.")
    (data,) = json_ld_blocks(client.get(entry.get_absolute_url()))
    text = data["mainEntity"][0]["acceptedAnswer"]["text"]
    assert re.findall(r"<p>(.*?)</p>", text) == ["Rest a little.", "Then run again."]


def test_an_authors_closing_script_tag_cannot_break_out_of_the_structured_data(client):
    question = "Is </script><script>alert(1)</script> safe?"
    entry = make_entry(question=question, slug="tricky")
    response = client.get(entry.get_absolute_url())
    assertNotContains(response, "</script><script>alert(1)")
    (data,) = json_ld_blocks(response)
    assert data["mainEntity"][0]["name"] == question


def test_the_guide_is_a_medical_web_page_with_its_review_date(client):
    article = Article.objects.published().get()
    (data,) = json_ld_blocks(client.get(article.get_absolute_url()))
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == article.title
    assert data["lastReviewed"] == article.last_reviewed.isoformat()


def meta(response, attribute, name):
    """The content of the page's <meta attribute="name">, or None."""
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', response.content.decode())
    return match and match.group(1)


@pytest.mark.parametrize(
    "url,kind",
    [
        ("/", "website"),
        ("/guide/runners-knee-recovery/", "article"),
        ("/exercises/glute-bridge/", "article"),
        ("/faq/", "website"),
        ("/faq/where-does-runners-knee-hurt/", "article"),
        ("/self-check/", "website"),
    ],
)
def test_every_page_type_has_link_preview_tags(client, url, kind):
    response = client.get(url)
    title = re.search(r"<title>(.*) – kneesite</title>", response.content.decode()).group(1)
    assert meta(response, "property", "og:title") == title == meta(response, "name", "twitter:title")
    assert meta(response, "property", "og:description") == meta(response, "name", "description")
    assert meta(response, "property", "og:type") == kind
    assert meta(response, "property", "og:url") == SITE + url
    assert meta(response, "property", "og:image") == f"{SITE}/static/img/share.png"
    assert meta(response, "property", "og:image:alt")
    assert meta(response, "name", "twitter:card") == "summary_large_image"


def test_a_pasted_faq_permalink_previews_with_the_question_and_the_first_sentence(client):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    response = client.get(entry.get_absolute_url())
    assert meta(response, "property", "og:title") == entry.question.replace("'", "&#x27;")
    description = meta(response, "property", "og:description")
    assert entry.description.startswith(description.replace("&#x27;", "'"))
    assert description.endswith(".") and description.count(". ") == 0


def test_a_huge_answer_gives_a_short_description_cut_at_a_word(client):
    entry = make_entry(question="Long?", slug="long", answer="word " * 4000)
    description = meta(client.get(entry.get_absolute_url()), "name", "description")
    assert len(description) <= 200 and description.endswith("word…")


def test_a_guides_lastmod_is_when_its_scheduled_section_went_live(client):
    guide = Article.objects.published().first()
    long_ago = datetime.datetime(2026, 3, 4, tzinfo=datetime.UTC)
    Article.objects.filter(pk=guide.pk).update(updated_at=long_ago, pub_date=long_ago)
    Section.objects.filter(article=guide).update(updated_at=long_ago, pub_date=long_ago)
    due = timezone.now() + datetime.timedelta(days=1)
    make_section(article=guide, pub_date=due)  # changed today, but readers cannot see it yet
    assert sitemap_urls(client)[f"{SITE}{guide.get_absolute_url()}"] == "2026-03-04"
    with time_machine.travel(due + datetime.timedelta(days=3)):
        assert sitemap_urls(client)[f"{SITE}{guide.get_absolute_url()}"] == due.date().isoformat()


def link_href(response, rel):
    match = re.search(rf'<link rel="{rel}" href="([^"]*)">', response.content.decode())
    return match and match.group(1)


def test_canonical_og_url_og_image_sitemap_and_robots_agree_on_one_address(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8331"  # `PORT=8331 make run`, reached as localhost:8000
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    response = client.get(entry.get_absolute_url(), HTTP_HOST="localhost:8000")
    address = f"http://127.0.0.1:8331{entry.get_absolute_url()}"
    assert link_href(response, "canonical") == address == meta(response, "property", "og:url")
    assert meta(response, "property", "og:image") == "http://127.0.0.1:8331/static/img/share.png"
    assert address in sitemap_urls(client)
    assert robots_lines(client, "Sitemap:") == ["Sitemap: http://127.0.0.1:8331/sitemap.xml"]


def test_a_shared_results_preview_link_keeps_its_answers(client):
    response = client.get(RESULT)
    assert response.status_code == 200
    assert meta(response, "property", "og:url") == (SITE + RESULT).replace("&", "&amp;")


def test_the_calendars_link_back_opens_the_same_week_on_the_site_address(client):
    from icalendar import Calendar

    response = client.get(
        RESULT.replace("/self-check/result/", "/self-check/week.ics"), HTTP_HOST="localhost"
    )
    (first, *_) = Calendar.from_ical(response.content).walk("VEVENT")
    week = RESULT.replace("/self-check/result/", "/self-check/week/")
    assert str(first["DESCRIPTION"]).endswith(f"Your week: {SITE}{week}")


@pytest.mark.parametrize(
    "make_page",
    [
        lambda: make_entry(
            question="Wrapped?", slug="wrapped", answer="It aches\r\nbehind the\nkneecap. More."
        ),
        lambda: make_section(article=make_article(summary="It aches\r\nbehind the\nkneecap.")).article,
    ],
    ids=["faq", "guide"],
)
def test_descriptions_are_one_line_of_plain_text(client, make_page):
    response = client.get(make_page().get_absolute_url())
    for attribute, name in [
        ("name", "description"),
        ("property", "og:description"),
        ("name", "twitter:description"),
    ]:
        assert meta(response, attribute, name) == "It aches behind the kneecap."


def test_a_scheduled_items_lastmod_is_the_time_it_went_live(client):
    due = timezone.now() + datetime.timedelta(days=2)
    entry = make_entry(question="Soon?", slug="soon", pub_date=due)  # saved today
    with time_machine.travel(due + datetime.timedelta(days=3)):
        assert sitemap_urls(client)[f"{SITE}{entry.get_absolute_url()}"] == due.date().isoformat()


def test_an_exercise_under_a_scheduled_section_changes_when_the_section_goes_live(client):
    due = timezone.now() + datetime.timedelta(days=2)
    exercise = make_exercise(section=make_section(pub_date=due))
    with time_machine.travel(due + datetime.timedelta(days=3)):
        assert sitemap_urls(client)[f"{SITE}{exercise.get_absolute_url()}"] == due.date().isoformat()


def test_an_exercise_pages_picture_is_fetched_first_not_lazily(client):
    html = client.get("/exercises/glute-bridge/").content.decode()
    (picture,) = re.findall(r'<img class="exercise-picture"[^>]*>', html)
    assert 'fetchpriority="high"' in picture and "loading=" not in picture


def test_the_favicon_is_an_icon_at_the_sites_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_links_its_icons(client):
    html = client.get("/").content.decode()
    for link in (
        '<link rel="icon" href="/favicon.ico" sizes="48x48">',
        '<link rel="icon" href="/static/img/icon.svg" type="image/svg+xml">',
        '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">',
    ):
        assert link in html
    for path in ("/static/img/icon.svg", "/static/img/apple-touch-icon.png"):
        assert client.get(path).status_code == 200, path
