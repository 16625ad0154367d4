"""Anonymous readers get pages from the cache, and never a stale one."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.guide_items import load_guide_items
from articles.models import Exercise, Section
from faq.models import Entry
from kneesite.cache import forget_shared_data
from kneesite.conflicts import latest_version

from .conftest import make_entry, make_exercise, restore_initial_content

pytestmark = pytest.mark.django_db

SELF_CHECK_RESULT = (
    "/self-check/result/?warning-signs=none&where-it-hurts=kneecap&half-squat-test=moved-inward"
    "&knees-roll-in=no&training-change=none&walking=pain-free&running-pain=still-hurts&how-long=few-weeks"
)
PUBLIC_PAGES = [
    "/",
    "/guide/",
    "/guide/runners-knee-recovery/",
    "/exercises/",
    "/exercises/glute-bridge/",
    "/faq/",
    "/faq/where-does-runners-knee-hurt/",
    "/self-check/",
    "/self-check/questions/?warning-signs=none",
    "/self-check/result/?warning-signs=deformed",
]


def save_an_faq_answer_in_the_admin(author_client, answer):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    form = {
        "question": entry.question,
        "slug": entry.slug,
        "answer": answer,
        "position": entry.position,
        "is_published": "on",
        "pub_date_0": "2026-01-01",
        "pub_date_1": "09:00:00",
        "loaded_version": getattr(latest_version(entry), "pk", ""),  # as the form opened
    }
    assert author_client.post(f"/admin/faq/entry/{entry.pk}/change/", form).status_code == 302


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_public_page_is_served_from_the_cache_with_shared_caching_headers(
    client, django_assert_num_queries, url
):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert "Vary" not in second or "cookie" not in second["Vary"].lower()
    assert second["ETag"] and second["Last-Modified"]
    assert not second.cookies
    assert "csrfmiddlewaretoken" not in second.content.decode()
    # A hit is answered before the security middleware runs: it keeps every header they added.
    assert dict(second.headers) == dict(first.headers)
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_conditional_get_gets_304(client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"another-version"').status_code == 200


def test_an_authors_save_shows_on_the_next_anonymous_request(author_client):
    client = Client()  # a reader's browser, beside the author's
    assertNotContains(client.get("/faq/where-does-runners-knee-hurt/"), "Freshly edited")
    save_an_faq_answer_in_the_admin(author_client, "Freshly edited answer.")
    assertContains(client.get("/faq/where-does-runners-knee-hurt/"), "Freshly edited answer.")


def test_an_edit_reaches_self_check_pages_no_reader_has_asked_for_yet(client):
    """The self-check's questions and links are kept per content version (in each process):
    an edit reaches every step and result, including ones never rendered before it."""
    from articles.models import Exercise

    result = SELF_CHECK_RESULT
    assertContains(client.get("/self-check/"), "Check for warning signs")  # loads the self-check
    bridge = Exercise.objects.get(slug="glute-bridge")
    bridge.title = "Glute bridge, renamed"
    bridge.save()
    assertContains(client.get(result), "Glute bridge, renamed")
    bridge.is_published = False
    bridge.save()
    assertNotContains(client.get(result), "Glute bridge")


SHARED_DATA_PAGES = ["/guide/runners-knee-recovery/", "/self-check/", SELF_CHECK_RESULT]


@pytest.mark.parametrize("other_worker", [False, True], ids=["same worker", "another worker"])
def test_after_an_authors_save_the_guide_and_self_check_are_ready_for_the_next_reader(
    author_client, django_assert_num_queries, other_worker
):
    """The save's request loads what these pages share for the new content version, so the
    first reader after an edit waits for no query, on any worker."""
    save_an_faq_answer_in_the_admin(author_client, "Answer saved by an author.")
    if other_worker:  # a worker that only shares the "content-state" cache with this one
        forget_shared_data()
    reader = Client()
    for url in SHARED_DATA_PAGES:
        with django_assert_num_queries(0):
            assert reader.get(url).status_code == 200
    assertContains(reader.get("/faq/where-does-runners-knee-hurt/"), "Answer saved by an author.")


def load_nothing_but_fail():
    raise RuntimeError("out of memory")


def test_a_failure_preparing_for_readers_does_not_fail_the_save(author_client, settings, caplog):
    settings.SHARED_DATA = {"broken": f"{__name__}.load_nothing_but_fail", **settings.SHARED_DATA}
    save_an_faq_answer_in_the_admin(author_client, "Saved despite it.")
    assert "Could not prepare" in caplog.text
    reader = Client()
    assertContains(reader.get("/faq/where-does-runners-knee-hurt/"), "Saved despite it.")
    assert reader.get("/guide/runners-knee-recovery/").status_code == 200


def test_a_reader_revalidating_after_someone_elses_edit_gets_a_304_and_the_page_is_stored(
    client, django_assert_num_queries
):
    """After an edit every page starts a new version. A browser or nginx that revalidates an
    unchanged page gets a 304 with the caching headers, and the page is cached again."""
    guide = "/guide/runners-knee-recovery/"
    etag = client.get(guide)["ETag"]
    make_entry(question="An edit elsewhere?")  # a new content version
    revalidated = client.get(guide, HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code == 304
    assert revalidated["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert revalidated["ETag"] == etag
    with django_assert_num_queries(0):
        assert client.get(guide).status_code == 200


def test_over_https_a_hit_keeps_hsts_and_plain_http_is_still_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    url = "/faq/where-does-runners-knee-hurt/"
    first = client.get(url, secure=True)
    hit = client.get(url, secure=True)
    assert first.status_code == hit.status_code == 200
    assert hit["Strict-Transport-Security"] == first["Strict-Transport-Security"]
    assert "max-age=3600" in hit["Strict-Transport-Security"]
    plain = client.get(url)  # the cached https page is never served over http
    assert plain.status_code == 301
    assert plain["Location"] == f"https://testserver{url}"


def test_a_request_with_a_host_not_allowed_gets_the_400_page_not_a_cached_one(client):
    client.get("/")
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db(transaction=True)
def test_what_an_authors_save_prepares_is_for_the_version_after_its_commit(
    client, django_user_model, django_assert_num_queries
):
    """With real commits (the admin's transaction ends the version again when it commits),
    the next reader still finds the shared data ready, and the edit is there."""
    restore_initial_content()
    author = Client()
    author.force_login(django_user_model.objects.create_superuser("editor", password=None))
    save_an_faq_answer_in_the_admin(author, "Committed answer.")
    for url in SHARED_DATA_PAGES:
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200
    assertContains(client.get("/faq/where-does-runners-knee-hurt/"), "Committed answer.")


def test_unpublishing_and_deleting_show_at_once(client):
    entry = make_entry(question="A short-lived question?")
    assertContains(client.get("/faq/"), "A short-lived question?")
    entry.is_published = False
    entry.save()
    assertNotContains(client.get("/faq/"), "A short-lived question?")
    entry.is_published = True
    entry.save()
    assertContains(client.get("/faq/"), "A short-lived question?")
    entry.delete()
    assertNotContains(client.get("/faq/"), "A short-lived question?")


def test_a_scheduled_item_appears_when_its_time_comes_with_no_edit(client):
    due = timezone.now() + datetime.timedelta(hours=1)
    make_entry(question="A scheduled question?", pub_date=due)
    assertNotContains(client.get("/faq/"), "A scheduled question?")
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assertContains(client.get("/faq/"), "A scheduled question?")


def test_staff_pages_are_never_cached_or_served_from_the_cache(author_client):
    client = Client()
    make_entry(question="A draft question?", slug="a-draft", is_published=False)
    preview = author_client.get("/faq/a-draft/")
    assertContains(preview, "A draft question?")
    assert "no-cache" in preview["Cache-Control"] or "private" in preview["Cache-Control"]
    assert client.get("/faq/a-draft/").status_code == 404  # the preview was not stored
    public = author_client.get("/faq/")
    assert "public" not in public.get("Cache-Control", "")


def test_a_page_a_reader_never_saw_is_not_made_from_anothers_answers(client):
    emergency = client.get("/self-check/result/?warning-signs=deformed")
    other = client.get("/self-check/result/?warning-signs=under-16")
    assertContains(emergency, "Emergency: get help now")
    assertNotContains(other, "Emergency: get help now")


def test_a_section_going_live_between_the_two_guide_queries_is_no_error(monkeypatch):
    """The shared guide items take two queries; a section that goes live (or is hidden) between
    them leaves its exercises out until the next content version, not a 500."""
    section = make_exercise().section
    Section.objects.filter(pk=section.pk).update(is_published=False)
    published = Exercise.objects.published

    def published_once_the_section_is_live():
        Section.objects.filter(pk=section.pk).update(is_published=True)
        return published()

    monkeypatch.setattr(Exercise.objects, "published", published_once_the_section_is_live)
    items = load_guide_items()
    assert section.pk not in items.sections
    assert all(exercise.section_id != section.pk for exercise in items.exercises.values())


# Tracking parameters, other parameters, compression and HEAD

PERMALINK = "/faq/where-does-runners-knee-hurt/"


def test_an_old_faq_address_with_fbclid_redirects_without_it(client):
    from django.contrib.redirects.models import Redirect

    Redirect.objects.create(site_id=1, old_path="/faq/an-old-slug/", new_path=PERMALINK)
    response = client.get("/faq/an-old-slug/?fbclid=IwAR123")
    assert response.status_code == 301
    assert response["Location"] == PERMALINK


def test_an_old_address_with_other_parameters_redirects_keeping_them(client):
    from django.contrib.redirects.models import Redirect

    Redirect.objects.create(site_id=1, old_path="/faq/an-old-slug/", new_path=PERMALINK)
    response = client.get("/faq/an-old-slug/?utm_source=news&lang=en")
    assert response.status_code == 301
    assert response["Location"] == f"{PERMALINK}?lang=en"


@pytest.mark.parametrize(
    "tracking", ["fbclid=IwAR123", "utm_source=newsletter&utm_medium=email", "gclid=x&_ga=1"]
)
def test_a_url_with_tracking_parameters_is_a_cache_hit(client, django_assert_num_queries, tracking):
    plain = client.get(PERMALINK)
    with django_assert_num_queries(0):
        tracked = client.get(f"{PERMALINK}?{tracking}")
    assert tracked.status_code == 200
    assert tracked.content == plain.content


def test_tracking_parameters_never_reach_the_page(client):
    response = client.get(f"{SELF_CHECK_RESULT}&fbclid=IwAR123&utm_campaign=spring")
    assert response.status_code == 200
    assertNotContains(response, "IwAR123")
    assertNotContains(response, "utm_campaign")
    assert response.content == client.get(SELF_CHECK_RESULT).content


def test_made_up_parameters_on_a_page_that_reads_none_do_not_fill_the_cache(
    client, django_assert_num_queries
):
    plain = client.get(PERMALINK)
    for number in range(3):
        with django_assert_num_queries(0):
            assert client.get(f"{PERMALINK}?anything={number}").content == plain.content


def test_a_page_that_reads_a_parameter_is_cached_for_each_value(client):
    assertContains(client.get("/search/?q=stairs"), "Search results for “stairs”")
    assertContains(client.get("/search/?q=brace&fbclid=1"), "Search results for “brace”")


def gunzip(response):
    import gzip

    assert response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_compressed_page_decompresses_to_the_same_html_and_varies_on_accept_encoding(client, url):
    plain = client.get(url)
    compressed_miss = Client().get(
        f"{url}{'&' if '?' in url else '?'}utm_source=x", HTTP_ACCEPT_ENCODING="br, gzip"
    )
    client.get("/")  # (another page in between)
    compressed_hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert "Content-Encoding" not in plain
    assert gunzip(compressed_miss) == gunzip(compressed_hit) == plain.content
    for response in (plain, compressed_miss, compressed_hit):
        assert "Accept-Encoding" in response["Vary"]
    assert len(compressed_hit.content) < len(plain.content) / 2


def test_a_cache_hit_costs_no_compression(client, monkeypatch):
    import gzip

    client.get(PERMALINK, HTTP_ACCEPT_ENCODING="gzip")
    monkeypatch.setattr(gzip, "compress", lambda *args, **kwargs: pytest.fail("compressed again"))
    assert gunzip(client.get(PERMALINK, HTTP_ACCEPT_ENCODING="gzip"))


def test_a_compressed_page_is_revalidated_by_its_etag(client):
    etag = client.get(PERMALINK, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    assert client.get(PERMALINK, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_page_not_cached_is_compressed_too(client):
    response = client.get("/faq/no-such-question/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 404
    assert b"<h1" in gunzip(response)


def test_admin_pages_with_a_csrf_token_are_never_compressed(author_client):
    """BREACH: a secret in a compressed page can be guessed at from its size."""
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    response = author_client.get(f"/admin/faq/entry/{entry.pk}/change/", HTTP_ACCEPT_ENCODING="gzip")
    assertContains(response, "csrfmiddlewaretoken")
    assert "Content-Encoding" not in response
    login = Client().get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in login


CACHING_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_head_carries_the_same_caching_headers_as_get(client, url):
    head = client.head(url)  # not cached yet
    get = client.get(url)
    head_again = client.head(url)  # from the cache
    assert head.status_code == get.status_code == head_again.status_code == 200
    assert head.content == head_again.content == b""
    for name in CACHING_HEADERS:
        assert head[name] == get[name] == head_again[name], name


# One of each kind of response: those the page cache keeps, and those it does not.
RESPONSE_KINDS = {
    "a cached page": PERMALINK,
    "the sitemap": "/sitemap.xml",
    "robots.txt": "/robots.txt",
    "a week's calendar": SELF_CHECK_RESULT.replace("/result/", "/week.ics"),
    "a page not found": "/faq/no-such-question/",
}


@pytest.fixture
def frozen_clock():
    """The calendar file is stamped with the time it is made: the same second, the same file."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.mark.parametrize("encoding", ["", "gzip"])
@pytest.mark.parametrize("url", RESPONSE_KINDS.values(), ids=RESPONSE_KINDS.keys())
def test_head_gets_every_header_get_gets_and_no_body(client, frozen_clock, url, encoding):
    head = client.head(url, HTTP_ACCEPT_ENCODING=encoding)  # first: not from the page cache
    get = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
    assert head.status_code == get.status_code
    assert dict(head.headers) == dict(get.headers)
    assert "ETag" in head and "Content-Length" in head
    assert head.content == b"" and get.content


@pytest.mark.parametrize(
    "url", [url for url in RESPONSE_KINDS.values() if "no-such" not in url], ids=list(RESPONSE_KINDS)[:-1]
)
def test_a_conditional_head_gets_a_304_as_a_conditional_get_does(client, frozen_clock, url):
    etag = client.get(url)["ETag"]
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_sitemap_tells_head_when_it_last_changed(client):
    assert client.head("/sitemap.xml")["Last-Modified"] == client.get("/sitemap.xml")["Last-Modified"]


PROGRAMME_PAGES = [
    SELF_CHECK_RESULT,
    SELF_CHECK_RESULT.replace("/result/", "/check-in/"),
    SELF_CHECK_RESULT.replace("/result/", "/week/") + "&w=2&h=0n1ynb",
    "/self-check/questions/?warning-signs=none",
]


@pytest.mark.parametrize("url", PROGRAMME_PAGES)
def test_made_up_parameters_on_the_self_check_and_programme_pages_are_a_cache_hit(
    client, django_assert_num_queries, url
):
    import uuid

    plain = client.get(url)
    made_up = uuid.uuid4().hex
    with django_assert_num_queries(0):
        response = client.get(f"{url}&x={made_up}&{made_up}=1")
    assert response.status_code == 200
    assert response.content == plain.content


def test_made_up_parameters_never_reach_the_self_checks_links(client):
    response = client.get(f"{SELF_CHECK_RESULT}&x=made-up")
    assertContains(response, "half-squat-test=moved-inward")
    assertNotContains(response, "made-up")


def test_two_different_answer_sets_get_different_result_pages(client):
    inward = client.get(SELF_CHECK_RESULT)
    in_line = client.get(SELF_CHECK_RESULT.replace("half-squat-test=moved-inward", "half-squat-test=centred"))
    assert inward.status_code == in_line.status_code == 200
    assertContains(inward, "half-squat-test=moved-inward")
    assertContains(in_line, "half-squat-test=centred")
    assertNotContains(in_line, "half-squat-test=moved-inward")


def test_made_up_parameters_tell_nginx_to_keep_no_copy_under_that_address(client):
    assert "X-Accel-Expires" not in client.get(SELF_CHECK_RESULT)
    assert "X-Accel-Expires" not in client.get(f"{SELF_CHECK_RESULT}&fbclid=1")  # out of nginx's key
    assert client.get(f"{SELF_CHECK_RESULT}&x=1")["X-Accel-Expires"] == "0"
    assert client.get(f"{PERMALINK}?x=1")["X-Accel-Expires"] == "0"
