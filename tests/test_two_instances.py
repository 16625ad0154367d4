"""The production path on this machine: two app instances behind nginx (deploy/nginx.conf),
sharing one database, one MEDIA_ROOT and the Redis cache. An author's save through one instance
shows on the other at the next request, and through nginx once its s-maxage has passed; a change
awaiting review shows on neither, nor through nginx, until a clinical reviewer approves it."""

import io
import json
import re

import pytest
from PIL import Image

from deploy.stack import Stack

from .stack_pages import (
    HUNG,
    MAX_AGE,
    PERMALINK,
    create_editor,
    csrf_token,
    edit_an_answer,
    fetch,
    fetch_until,
    multipart,
    signed_in,
    submit_page_form,
)

# Every stack test runs in one test process (pytest-xdist), so the stack starts once for both
# modules (tests/test_stack_resilience.py); the tests that stop parts of it run last.
pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]


def test_an_edit_through_one_instance_shows_on_the_other_and_through_nginx(stack):
    one, other = stack.app_urls
    status, headers, _ = fetch_until(
        stack.nginx_url + PERMALINK, lambda *page: page[1]["X-Cache-Status"] == "HIT"
    )
    assert status == 200
    assert re.search(rf"\bs-maxage={MAX_AGE}\b", headers["Cache-Control"])  # how long nginx keeps it
    fetch(other + PERMALINK)  # the other instance has it cached too

    edited = edit_an_answer(one)

    _, _, body = fetch(other + PERMALINK)
    assert edited in body, "the other instance served its stale cached page"
    # nginx may serve its copy until its s-maxage has passed, then the edit.
    fetch_until(stack.nginx_url + PERMALINK, lambda *page: edited in page[2])


def test_nginx_revalidates_an_unchanged_page_with_the_apps_etag(stack):
    fetch(stack.nginx_url + "/guide/")
    # Served from nginx's copy until its s-maxage has passed; then nginx asks the app.
    _, headers, _ = fetch_until(
        stack.nginx_url + "/guide/", lambda *page: page[1]["X-Cache-Status"] not in ("HIT", "MISS")
    )
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


def test_an_authors_change_waits_on_both_instances_and_nginx_until_approved(stack):
    one, other = stack.app_urls
    stack.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User; "
        "u = User.objects.create_user('stack-writer', '', 'a-long-stack-password', is_staff=True); "
        "u.groups.add(Group.objects.get(name='Authors'))",
    )
    writer, _ = signed_in(one, "stack-writer", "a-long-stack-password")
    _, _, found = fetch(f"{one}/admin/faq/entry/?q=where+does", writer)
    entry_path = re.search(r'href="(/admin/faq/entry/\d+/change/)', found).group(1)
    fetch(other + PERMALINK)  # cached on the other instance
    pending = "Pending words awaiting a clinical reviewer."

    submit_page_form(one + entry_path, {"answer": pending}, writer, button="_save")

    for base in (one, other):
        _, _, body = fetch(base + PERMALINK)
        assert pending not in body, f"{base} showed a change awaiting review"
    # Once nginx asks the app again (its copy past its s-maxage), it still has the published page.
    _, _, body = fetch_until(
        stack.nginx_url + PERMALINK,
        lambda *page: page[1]["X-Cache-Status"] in ("MISS", "EXPIRED", "REVALIDATED"),  # the app answered
    )
    assert pending not in body, "nginx showed a change awaiting review"

    editor, _ = signed_in(other, "editor", "a-long-stack-password")  # a superuser: a reviewer
    _, _, home = fetch(f"{other}/admin/", editor)
    review_path = re.search(r'href="(/admin/kneesite/pendingchange/\d+/review/)"', home).group(1)
    submit_page_form(other + review_path, {}, editor, button="_approve", form_id="review-form")

    _, _, body = fetch(one + PERMALINK)
    assert pending in body, "the other instance served its stale page after approval"
    fetch_until(stack.nginx_url + PERMALINK, lambda *page: pending in page[2])


@pytest.fixture(scope="module")
def make_run_server(tmp_path_factory):
    """`make run`'s shape: one gunicorn with two workers on SQLite, pages in each worker's
    memory, no Redis, no nginx. Its address."""
    run_dir = tmp_path_factory.mktemp("make-run")
    database = f"sqlite:///{run_dir / 'db.sqlite3'}"
    with Stack(run_dir / "run", database, instances=1, workers=2, redis=False, nginx=False) as running:
        create_editor(running)
        (app,) = running.app_urls
        yield app


def test_without_redis_every_worker_of_one_server_shows_an_edit_at_once(make_run_server):
    """The content version the workers share (files in DJANGO_CACHE_DIR) makes an edit show on
    every worker."""
    app = make_run_server
    for _ in range(8):  # both workers now hold the page
        fetch(app + PERMALINK)
    edited = edit_an_answer(app)
    for _ in range(8):
        _, _, body = fetch(app + PERMALINK)
        assert edited in body, "a worker served its stale cached page"


def test_authors_saving_while_readers_browse_never_get_an_error_on_sqlite(make_run_server):
    """Two authors saving in a loop while four readers browse, on `make run`'s SQLite with two
    workers: every request succeeds (WAL and immediate transactions; no "database is locked")."""
    import threading
    import urllib.error

    app = make_run_server
    # Until both authors and readers have done enough (a slow machine takes longer) or
    # something failed.
    saves, reads, failures = [], [], []
    stop = threading.Event()

    def keep_going():
        if failures or (len(saves) >= 10 and len(reads) >= 50):
            stop.set()
        return not stop.is_set()

    def author(search):
        opener = None
        while keep_going():
            try:
                opener = opener or signed_in(app, "editor", "a-long-stack-password")[0]
                saves.append(edit_an_answer(app, search, opener))
            except (urllib.error.URLError, AssertionError) as error:
                failures.append(f"save: {error}")

    def reader():
        while keep_going():
            try:
                reads.append(fetch(app + PERMALINK)[0])
            except urllib.error.URLError as error:
                failures.append(f"read: {error}")

    # Each author edits an entry of their own: two people saving one entry at once get an
    # edit conflict (tests/test_conflicts.py), not a save.
    authors = [
        threading.Thread(target=author, args=(search,)) for search in ("where does", "is walking good")
    ]
    threads = authors + [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    finished = stop.wait(HUNG)
    stop.set()
    for thread in threads:
        thread.join()
    assert not failures, failures[:5]
    assert finished, f"only {len(saves)} saves and {len(reads)} reads in {HUNG} s"
