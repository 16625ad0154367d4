"""The production path on this machine: two app instances behind nginx (deploy/nginx.conf),
sharing one database, one MEDIA_ROOT and the Redis cache. An author's save through one instance
shows on the other at the next request, and through nginx once its s-maxage has passed."""

import http.cookiejar
import io
import json
import os
import re
import time
import urllib.parse
import urllib.request
import uuid

import pytest
from PIL import Image

from deploy.stack import Stack

pytestmark = pytest.mark.stack

MAX_AGE = 2  # seconds nginx may keep a page, shortened for the test
PERMALINK = "/faq/where-does-runners-knee-hurt/"


def fetch(url, opener=None, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode(errors="replace")


def csrf_token(jar):
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def signed_in(app_url, username, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    fetch(f"{app_url}/admin/login/", opener)
    form = {
        "username": username,
        "password": password,
        "csrfmiddlewaretoken": csrf_token(jar),
        "next": "/admin/",
    }
    _, _, body = fetch(f"{app_url}/admin/login/", opener, urllib.parse.urlencode(form).encode())
    assert "Log out" in body, "the author could not sign in"
    return opener, jar


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    lines = []
    for name, value in fields.items():
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", value]
    body = "\r\n".join(lines).encode() + b"\r\n"
    for name, (filename, content, content_type) in files.items():
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def edit_the_permalink_answer(app_url):
    """Sign in as the editor and rewrite the answer on PERMALINK through the admin."""
    opener, jar = signed_in(app_url, "editor", "a-long-stack-password")
    _, _, change_list = fetch(f"{app_url}/admin/faq/entry/?q=where+does", opener)
    entry_id = re.search(r'href="/admin/faq/entry/(\d+)/change/', change_list).group(1)
    edited = f"Edited by the editor {uuid.uuid4().hex[:8]}."
    form = {
        "csrfmiddlewaretoken": csrf_token(jar),
        "question": "Where does runner's knee hurt?",
        "slug": "where-does-runners-knee-hurt",
        "answer": edited,
        "position": "10",
        "is_published": "on",
        "pub_date_0": "2026-01-01",
        "pub_date_1": "09:00:00",
    }
    fetch(f"{app_url}/admin/faq/entry/{entry_id}/change/", opener, urllib.parse.urlencode(form).encode())
    return edited


def create_editor(stack):
    stack.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('editor', '', 'a-long-stack-password')",
    )


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    """A throwaway database the instances share: on the PostgreSQL server of DATABASE_URL when
    there is one (CI's second run), else an SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('stack-db') / 'db.sqlite3'}"
        return
    import psycopg

    name = f"kneesite_stack_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    yield urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def stack(tmp_path_factory, database_url):
    run_dir = tmp_path_factory.mktemp("stack")
    with Stack(run_dir, database_url, extra_env={"DJANGO_PAGE_MAX_AGE": str(MAX_AGE)}) as running:
        create_editor(running)
        yield running


def test_an_edit_through_one_instance_shows_on_the_other_and_through_nginx(stack):
    one, other = stack.app_urls
    for _ in range(2):
        status, headers, body = fetch(stack.nginx_url + PERMALINK)
    assert status == 200 and headers["X-Cache-Status"] == "HIT"
    assert "s-maxage=2" in headers["Cache-Control"]
    fetch(other + PERMALINK)  # the other instance has it cached too

    edited = edit_the_permalink_answer(one)

    _, _, body = fetch(other + PERMALINK)
    assert edited in body, "the other instance served its stale cached page"
    time.sleep(MAX_AGE + 1)
    _, headers, body = fetch(stack.nginx_url + PERMALINK)
    assert edited in body, f"nginx served a page older than its s-maxage ({headers.get('X-Cache-Status')})"


def test_nginx_revalidates_an_unchanged_page_with_the_apps_etag(stack):
    fetch(stack.nginx_url + "/guide/")
    time.sleep(MAX_AGE + 1)
    _, headers, _ = fetch(stack.nginx_url + "/guide/")
    assert headers["X-Cache-Status"] == "REVALIDATED"


def test_an_image_uploaded_through_one_instance_shows_from_the_other_and_nginx(stack):
    one, other = stack.app_urls
    opener, jar = signed_in(one, "editor", "a-long-stack-password")
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, "PNG")
    body, content_type = multipart(
        {"csrfmiddlewaretoken": csrf_token(jar)}, {"image": ("red.png", png.getvalue(), "image/png")}
    )
    _, _, answer = fetch(
        f"{one}/markdownx/upload/",
        opener,
        body,
        {"Content-Type": content_type, "X-Requested-With": "XMLHttpRequest"},
    )
    path = re.search(r"\((/media/[^)]+)\)", json.loads(answer)["image_code"]).group(1)
    for base in (other, stack.nginx_url):
        status, headers, _ = fetch(base + path)
        assert status == 200 and headers["Content-Type"] == "image/png"


def test_signed_in_staff_are_never_served_nginx_cached_pages(stack):
    opener, _ = signed_in(stack.app_urls[0], "editor", "a-long-stack-password")
    fetch(stack.nginx_url + "/faq/")
    _, headers, _ = fetch(stack.nginx_url + "/faq/", opener)
    assert headers["X-Cache-Status"] == "BYPASS"


def test_without_redis_every_worker_of_one_server_shows_an_edit_at_once(tmp_path):
    """`make run`'s shape: one gunicorn with two workers, pages in each worker's memory. The
    content version they share (files in DJANGO_CACHE_DIR) makes an edit show on every worker."""
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with Stack(tmp_path / "run", database, instances=1, workers=2, redis=False, nginx=False) as running:
        create_editor(running)
        (app,) = running.app_urls
        for _ in range(8):  # both workers now hold the page
            fetch(app + PERMALINK)
        edited = edit_the_permalink_answer(app)
        for _ in range(8):
            _, _, body = fetch(app + PERMALINK)
            assert edited in body, "a worker served its stale cached page"


def test_authors_saving_while_readers_browse_never_get_an_error_on_sqlite(tmp_path):
    """Two authors saving in a loop while four readers browse, on `make run`'s SQLite with two
    workers: every request succeeds (WAL and immediate transactions; no "database is locked")."""
    import threading
    import urllib.error

    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with Stack(tmp_path / "run", database, instances=1, workers=2, redis=False, nginx=False) as running:
        create_editor(running)
        (app,) = running.app_urls
        # Until both authors and readers have done enough (a slow machine takes longer), or 60 s.
        deadline = time.monotonic() + 60
        saves, reads, failures = [], [], []

        def busy():
            return (len(saves) < 10 or len(reads) < 50) and time.monotonic() < deadline

        def author():
            while busy():
                try:
                    saves.append(edit_the_permalink_answer(app))
                except (urllib.error.URLError, AssertionError) as error:
                    failures.append(f"save: {error}")

        def reader():
            while busy():
                try:
                    reads.append(fetch(app + PERMALINK)[0])
                except urllib.error.URLError as error:
                    failures.append(f"read: {error}")

        threads = [threading.Thread(target=author) for _ in range(2)] + [
            threading.Thread(target=reader) for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, failures[:5]
        assert len(saves) >= 10 and len(reads) >= 50
