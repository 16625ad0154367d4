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

from .conftest import make_entry, make_section

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
    Entry.objects.filter(pk=entry.pk).update(updated_at=datetime.datetime(2026, 3, 4, tzinfo=datetime.UTC))
    assert sitemap_urls(client)[f"{SITE}{entry.get_absolute_url()}"] == "2026-03-04"


def test_robots_txt_points_at_the_sitemap_and_keeps_admin_and_results_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for line in ("Disallow: /admin/", "Disallow: /self-check/result/", f"Sitemap: {SITE}/sitemap.xml"):
        assert line in text.splitlines()


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
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", entry.answer_html)).strip()
    assert re.sub(r"\s+", " ", question["acceptedAnswer"]["text"]) == re.sub(r"\s+", " ", shown).replace(
        " .", "."
    )


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
    assert meta(response, "property", "og:url").startswith("http")
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


def test_a_guides_lastmod_leaves_out_a_section_scheduled_for_later(client):
    guide = Article.objects.published().first()
    long_ago = datetime.datetime(2026, 3, 4, tzinfo=datetime.UTC)
    Article.objects.filter(pk=guide.pk).update(updated_at=long_ago)
    Section.objects.filter(article=guide).update(updated_at=long_ago)
    due = timezone.now() + datetime.timedelta(days=1)
    make_section(article=guide, pub_date=due)  # changed today, but readers cannot see it yet
    assert sitemap_urls(client)[f"{SITE}{guide.get_absolute_url()}"] == "2026-03-04"
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert sitemap_urls(client)[f"{SITE}{guide.get_absolute_url()}"] != "2026-03-04"
