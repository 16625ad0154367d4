"""The site keeps serving when a dependency fails: Redis stopped, hung or full, a cache
directory that cannot be written, the database unreachable. Each failure is passed by (pages
uncached, saves working) or answered with the 503 page, never a traceback."""

import contextlib
import gzip
import shutil
import socket
import subprocess
import time

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from deploy.stack import free_port
from faq.models import Entry
from kneesite import cache as page_cache
from kneesite.checks import check_cache_directory_writable, check_redis_evicts

from .pageforms import read_form, submit

pytestmark = pytest.mark.django_db

PAGES = ["/", "/guide/runners-knee-recovery/", "/faq/where-does-runners-knee-hurt/", "/self-check/"]
TIMEOUT = 0.2  # seconds: Redis's connect and read timeouts in these tests


@pytest.fixture(autouse=True)
def no_failed_caches():
    """Each test starts with every cache trusted again (the guard remembers failures)."""
    page_cache._failed_until.clear()
    page_cache._logged_at.clear()
    yield
    page_cache._failed_until.clear()
    page_cache._logged_at.clear()


def use_redis(settings, url):
    """Point both caches at the Redis of `url`, as REDIS_URL does, with short timeouts."""
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
    }
    settings.CACHES = {"default": redis, "content-state": redis}
    settings.REDIS_URL, settings.REDIS_TIMEOUT = url, TIMEOUT


@contextlib.contextmanager
def redis_server(*options):
    """A throwaway redis-server on a free port: yields its URL."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", *options],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 5
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=5)


@contextlib.contextmanager
def hung_server():
    """A socket that accepts connections and never answers (a hung Redis): yields its URL."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)  # the kernel completes the connections; nothing ever reads them
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"


def save_an_answer(author_client, text):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    return submit(author_client, f"/admin/faq/entry/{entry.pk}/change/", {"answer": text}, button="_save")


def pages_and_a_save_work(author_client):
    """Every page answers 200 quickly, twice; an author's save works and shows at once."""
    reader = Client()
    started = time.monotonic()
    for url in PAGES * 2:
        assert reader.get(url, HTTP_ACCEPT_ENCODING="gzip").status_code == 200, url
    response = save_an_answer(author_client, "Saved while a cache was failing.")
    assert response.status_code == 302
    assertContains(reader.get("/faq/where-does-runners-knee-hurt/"), "Saved while a cache was failing.")
    return time.monotonic() - started


def test_redis_stopped_gives_200s_and_a_working_save(author_client, settings, caplog):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")  # a closed port
    assert pages_and_a_save_work(author_client) < 5
    failures = [record for record in caplog.records if "failed" in record.getMessage()]
    assert len(failures) == 1, "logged once, not for every request"


def test_redis_hung_gives_200s_and_a_working_save_without_waiting_for_it(author_client, settings):
    with hung_server() as url:
        use_redis(settings, url)
        elapsed = pages_and_a_save_work(author_client)
    # One read timeout, then the cache is left alone for RETRY_AFTER seconds.
    assert elapsed < 3 * TIMEOUT + 2, f"{elapsed:.1f} s: requests waited for the hung Redis"


def test_redis_full_and_refusing_writes_gives_200s_and_a_working_save(author_client, settings):
    with redis_server("--maxmemory", "1", "--maxmemory-policy", "noeviction") as url:
        use_redis(settings, url)
        pages_and_a_save_work(author_client)


def test_redis_that_works_serves_pages_from_the_cache(client, settings, django_assert_num_queries):
    with redis_server("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru") as url:
        use_redis(settings, url)
        client.get("/faq/where-does-runners-knee-hurt/")
        with django_assert_num_queries(0):
            assert client.get("/faq/where-does-runners-knee-hurt/?fbclid=IwAR1").status_code == 200


def test_redis_without_maxmemory_or_eviction_gives_a_start_up_warning(settings):
    with redis_server("--maxmemory-policy", "noeviction") as url:
        use_redis(settings, url)
        assert [warning.id for warning in check_redis_evicts()] == ["kneesite.W002"]
    with redis_server("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru") as url:
        use_redis(settings, url)
        assert check_redis_evicts() == []


def test_redis_down_at_start_up_is_a_warning_not_a_failure(settings):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    assert [warning.id for warning in check_redis_evicts()] == ["kneesite.W001"]


def unwritable_cache_directory(settings, tmp_path):
    """DJANGO_CACHE_DIR somewhere no one can write (inside a file: even root cannot)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.CACHES = {**settings.CACHES, "content-state": {**settings.CACHES["content-state"]}}
    settings.CACHES["content-state"]["LOCATION"] = str(blocker / "cache")


def test_an_unwritable_cache_directory_gives_200s_and_a_working_save(author_client, settings, tmp_path):
    unwritable_cache_directory(settings, tmp_path)
    pages_and_a_save_work(author_client)


def test_an_unwritable_cache_directory_gives_a_start_up_warning(settings, tmp_path):
    assert check_cache_directory_writable() == []
    unwritable_cache_directory(settings, tmp_path)
    assert [warning.id for warning in check_cache_directory_writable()] == ["kneesite.W003"]


def test_a_cache_directory_made_read_only_serves_no_stale_page_after_an_edit(author_client, monkeypatch):
    """The content version's file is there but can no longer be changed (a read-only disk, or
    a user who cannot write it): pages are served uncached, so an edit shows at once, on this
    worker and on the others (which never tried to write)."""
    from django.core.cache.backends.filebased import FileBasedCache

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    reader = Client()
    assertNotContains(reader.get("/faq/where-does-runners-knee-hurt/"), "Edited on a read-only disk.")
    for method in ("set", "add", "delete", "touch", "clear"):
        monkeypatch.setattr(FileBasedCache, method, read_only)
    monkeypatch.setattr(page_cache.os, "access", lambda path, mode: False)
    assert save_an_answer(author_client, "Edited on a read-only disk.").status_code == 302
    page_cache._failed_until.clear()  # another worker knows nothing of the failed write
    assertContains(reader.get("/faq/where-does-runners-knee-hurt/"), "Edited on a read-only disk.")


@pytest.fixture
def database_down(monkeypatch):
    """From now on every query fails as it does when the database cannot be reached."""

    def unreachable(self, *args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    return lambda: monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)


def test_the_database_unreachable_still_serves_cached_pages(client, database_down):
    cached = client.get("/guide/runners-knee-recovery/")
    database_down()
    response = client.get("/guide/runners-knee-recovery/?utm_source=x")
    assert response.status_code == 200
    assert response.content == cached.content


def test_the_database_unreachable_gives_the_503_page_in_the_sites_layout(client, database_down, caplog):
    client.get("/")  # a content version has begun
    database_down()
    client.raise_request_exception = False
    for _ in range(3):
        response = client.get("/exercises/glute-bridge/", HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = gzip.decompress(response.content).decode()
    assert "this page is not available just now" in html
    assert 'class="skip-link"' in html  # the site's layout
    assert "Traceback" not in html
    assert [record.getMessage()[:31] for record in caplog.records] == ["The database is unavailable (Op"]


def test_an_authors_save_when_the_database_is_gone_says_the_text_is_kept(author_client, database_down):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    url = f"/admin/faq/entry/{entry.pk}/change/"
    form = read_form(author_client.get(url)).change(answer="Typed while the database went away.")
    database_down()
    author_client.raise_request_exception = False
    response = author_client.post(url, form.data("_save"))
    assertContains(response, "Your changes were not saved", status_code=503)
    assertContains(response, "Back button", status_code=503)
    assert response["Retry-After"] == "30"
