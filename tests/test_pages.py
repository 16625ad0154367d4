"""Every public page: it answers, shows what a reader came for, and stays cheap to serve."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from articles.models import Article, Exercise
from faq.models import Entry

from .conftest import empty_caches, make_article, make_entry, make_exercise, make_section, make_source

pytestmark = pytest.mark.django_db

MEDICAL_NOTE = "This is general information, not medical advice"


@pytest.fixture
def guide():
    return Article.objects.published().get(slug="runners-knee-recovery")


def public_urls():
    return [
        "/",
        "/guide/",
        Article.objects.published().first().get_absolute_url(),
        "/exercises/",
        Exercise.objects.published().first().get_absolute_url(),
        "/faq/",
        Entry.objects.published().first().get_absolute_url(),
    ]


def test_home_explains_runners_knee_and_offers_three_ways_in(client, guide):
    response = client.get("/")
    assertTemplateUsed(response, "home.html")
    assertContains(response, "kneecap")
    assertContains(response, f'href="{guide.get_absolute_url()}"')
    assertContains(response, 'href="/self-check/"')
    assertContains(response, 'href="/faq/"')


def test_every_public_page_carries_the_medical_note_and_landmarks(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assertContains(response, MEDICAL_NOTE)
        assertContains(response, 'href="#main"')  # skip link
        for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
            assertContains(response, landmark)
        assert response.content.count(b"<h1") == 1, url


def test_guide_shows_sections_in_order_with_anchors(client, guide):
    response = client.get(guide.get_absolute_url())
    html = response.content.decode()
    sections = list(guide.sections.published())
    assert len(sections) >= 9
    positions = [html.index(f'id="{section.slug}"') for section in sections]
    assert positions == sorted(positions)
    for section in sections:
        assertContains(response, f'href="#{section.slug}"')


def test_guide_section_lists_its_exercises(client, guide):
    section = guide.sections.get(slug="strengthen-your-glutes")
    response = client.get(guide.get_absolute_url())
    for exercise in section.exercises.published():
        assertContains(response, f'href="{exercise.get_absolute_url()}"')


def test_guide_section_lists_its_sources(client):
    source = make_source(citation="Doe J. (2020). A trial of knees.")
    section = make_section()
    section.sources.add(source)
    assertContains(client.get(section.article.get_absolute_url()), "Doe J. (2020). A trial of knees.")


def test_guide_hides_draft_sections(client, guide):
    make_section(article=guide, title="A secret draft section", is_published=False)
    assertNotContains(client.get(guide.get_absolute_url()), "A secret draft section")


def test_second_article_needs_no_code(client):
    article = make_article(title="Returning to the track")
    make_section(article=article, title="Week one")
    response = client.get(article.get_absolute_url())
    assertContains(response, "Returning to the track")
    assertContains(response, "Week one")
    assertContains(client.get("/guide/"), "Returning to the track")


@pytest.mark.parametrize(
    "slug",
    [
        "single-leg-half-squat-test",
        "bodyweight-squat",
        "glute-bridge",
        "hamstring-stretch",
        "calf-stretch",
        "quadriceps-stretch",
        "single-leg-balance",
        "eyes-closed-single-leg-balance",
    ],
)
def test_exercise_page_shows_how_much_how_to_progress_and_when_to_stop(client, slug):
    exercise = Exercise.objects.published().get(slug=slug)
    response = client.get(f"/exercises/{slug}/")
    assertTemplateUsed(response, "articles/exercise_detail.html")
    assertContains(response, f"<h1>{exercise.title}</h1>", html=True)
    for heading in ("What it trains", "How much", "How to do it", "When it gets easy", "Stop if"):
        assertContains(response, heading)
    evidence = "Sources" if exercise.sources.exists() else "No study is cited for this exercise"
    assertContains(response, evidence)
    assertContains(response, exercise.dose)
    assertContains(response, f'href="{exercise.section.get_absolute_url()}"')


def test_faq_lists_every_published_entry(client):
    response = client.get("/faq/")
    for entry in Entry.objects.published():
        assertContains(response, f'href="{entry.get_absolute_url()}"')


def test_faq_permalink_is_made_to_be_shared(client, settings):
    section = make_section(title="Read me next")
    exercise = make_exercise(title="Try me next")
    entry = make_entry(question="Can I cycle?", answer="Yes, **usually**: cycling is gentle on the knee.")
    entry.related_sections.add(section)
    entry.related_exercises.add(exercise)
    response = client.get(entry.get_absolute_url())
    assertContains(response, "<title>Can I cycle? – kneesite</title>")
    assertContains(
        response, '<meta name="description" content="Yes, usually: cycling is gentle on the knee.">'
    )
    assertContains(response, f'<link rel="canonical" href="{settings.SITE_URL}{entry.get_absolute_url()}">')
    assertContains(response, 'href="/faq/"')
    assertContains(response, f'href="{section.get_absolute_url()}"')
    assertContains(response, f'href="{exercise.get_absolute_url()}"')


def test_faq_permalink_canonical_is_the_site_address_whatever_scheme_the_proxy_forwards(client, settings):
    settings.SITE_URL = "https://kneesite.example"
    entry = make_entry()
    response = client.get(
        entry.get_absolute_url(), headers={"x-forwarded-proto": "http", "host": "localhost"}
    )
    assertContains(
        response, f'<link rel="canonical" href="https://kneesite.example{entry.get_absolute_url()}">'
    )


@pytest.mark.parametrize(
    "url", ["/guide/no-such-guide/", "/exercises/no-such-exercise/", "/faq/no-such-question/"]
)
def test_unknown_slug_gives_the_friendly_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertContains(response, "Page not found", status_code=404)
    assertContains(response, MEDICAL_NOTE, status_code=404)


def test_drafts_are_a_404_for_readers(client):
    exercise = make_exercise(is_published=False)
    for page in (make_entry(is_published=False), make_article(is_published=False), exercise):
        assert client.get(page.get_absolute_url()).status_code == 404


def test_exercises_and_links_of_an_unpublished_guide_disappear(client, guide):
    entry = Entry.objects.published().get(slug="is-walking-good-for-runners-knee")
    section_links = [section.get_absolute_url() for section in entry.related_sections.all()]
    assert section_links
    guide.is_published = False
    guide.save()
    assert client.get("/exercises/glute-bridge/").status_code == 404
    assertNotContains(client.get("/exercises/"), "Glute bridge")
    permalink = client.get(entry.get_absolute_url())
    for link in section_links:
        assertNotContains(permalink, link)


def test_faq_description_is_plain_text_escaped_once(client):
    entry = make_entry(answer="Ice & rest help *a bit*.")
    assertContains(
        client.get(entry.get_absolute_url()), '<meta name="description" content="Ice &amp; rest help a bit.">'
    )


def test_scheduled_entry_appears_when_its_time_comes(client, time_machine):
    entry = make_entry(pub_date=timezone.now() + timedelta(days=2))
    assert client.get(entry.get_absolute_url()).status_code == 404
    time_machine.move_to(timezone.now() + timedelta(days=3))
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_staff_preview_a_draft_under_a_banner_never_cached(author_client):
    entry = make_entry(is_published=False, question="Unfinished question?")
    response = author_client.get(entry.get_absolute_url())
    assertContains(response, "Draft preview")
    assertContains(response, "Unfinished question?")
    assert "no-cache" in response["Cache-Control"]


def test_published_page_shows_no_draft_banner(author_client):
    assertNotContains(author_client.get(make_entry().get_absolute_url()), "Draft preview")


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
@pytest.mark.parametrize(
    "url", ["/", "/faq/", "/faq/where-does-runners-knee-hurt/", "/sitemap.xml", "/search/"]
)
def test_odd_methods_on_public_pages_get_a_clear_405(method, url):
    client = Client(enforce_csrf_checks=True)  # as curl or a browser meets it: no CSRF token
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assertContains(response, "This page cannot do that", status_code=405)


def test_changed_slug_redirects_the_old_address(client):
    entry = make_entry(slug="old-address")
    entry.slug = "new-address"
    entry.save()
    response = client.get("/faq/old-address/")
    assert response.status_code == 301
    assert response["Location"] == "/faq/new-address/"


def test_security_headers_are_sent(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def add_lots_of_content(factor=10):
    """Ten times the content the site ships with, all published, hung on the very pages the
    query-count test measures as well as on new ones."""
    guide = Article.objects.published().first()
    exercise = Exercise.objects.published().first()
    entry = Entry.objects.published().first()
    for _ in range(factor):
        article = make_article()
        for parent in (guide, article):
            section = make_section(article=parent)
            section.sources.add(make_source(), make_source())
            for _ in range(2):
                make_exercise(section=section).sources.add(make_source())
        new_entry = make_entry()
        for faq in (entry, new_entry):
            faq.related_sections.add(section)
            faq.related_exercises.add(make_exercise(section=section))
            faq.sources.add(make_source())
        exercise.sources.add(make_source())


def test_public_page_query_count_is_constant(client, django_assert_max_num_queries):
    """Every public page with the shipped content, then with ten times as much (added once, for
    all pages). Each is asked as the first request of a content version (nothing cached): it also
    finds the next publication time and loads the guide's live items the pages share, at most 6
    queries in all; then another URL of the same version: only the page's own, at most 3."""
    urls = public_urls()
    for content in ("shipped", "ten times the shipped"):
        if content != "shipped":
            add_lots_of_content()
        for url in urls:
            empty_caches()
            with django_assert_max_num_queries(6, info=f"{url}, {content} content"):
                assert client.get(url).status_code == 200
            with django_assert_max_num_queries(3, info=f"{url}?another=1, {content} content"):
                assert client.get(f"{url}{'&' if '?' in url else '?'}another=1").status_code == 200


def test_staff_preview_draft_sections_and_exercises_on_the_guide(author_client, guide):
    section = make_section(article=guide, title="Section in progress", is_published=False)
    make_exercise(section=section, title="Exercise in progress", is_published=False)
    response = author_client.get(guide.get_absolute_url())
    assertContains(response, "Section in progress")
    assertContains(response, "Exercise in progress")
    assertContains(response, '<span class="draft-tag">Draft</span>', count=2)
    assert "no-cache" in response["Cache-Control"]
    assertNotContains(Client().get(guide.get_absolute_url()), "in progress")


def test_a_long_faq_is_split_into_pages_with_a_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    from .conftest import make_entry

    for n in range(120):
        make_entry(question=f"Bulk question {n:03}?", position=1000 + n)
    with django_assert_max_num_queries(3):
        first = client.get("/faq/")
    assert len(first.context["entries"]) == 50
    assertContains(first, 'href="?page=2" rel="next"')
    last = client.get("/faq/?page=3")
    assertContains(last, "Bulk question 119?")
    assertContains(last, 'rel="prev"')
    for bad in ("4", "0", "x", "9" * 30):
        assert client.get(f"/faq/?page={bad}").status_code == 404


def test_every_shipped_exercise_has_a_drawing_with_a_description(client):
    from django.contrib.staticfiles import finders

    for exercise in Exercise.objects.published():
        picture = exercise.picture
        assert picture and picture["alt"], exercise.slug
        assert finders.find(exercise.shipped_illustration), exercise.slug
        response = client.get(exercise.get_absolute_url())
        assertContains(
            response, f'src="{picture["url"]}" width="480" height="240" alt="{escape(picture["alt"])}"'
        )
