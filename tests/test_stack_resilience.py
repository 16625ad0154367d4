"""The production path (deploy/stack.py: nginx, two gunicorn instances, Redis) with tracking
parameters, compression and failures: shared links are cache hits, pages travel compressed,
and readers get pages or the site's own error pages when Redis or the app servers fail."""

import gzip
import json
import os
import re
import signal
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from .stack_pages import PERMALINK, edit_an_answer, fetch, fetch_until

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]  # see test_two_instances


def fetch_bytes(url, headers=None):
    """(status, headers, body bytes as sent) for any status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw_request(stack, text):
    """Send `text` as it is to nginx; its status code and body, read up to the body's length
    (nginx keeps a refused upload's connection open for seconds, to read what is still sent)."""
    port = urllib.parse.urlsplit(stack.nginx_url).port
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(text.encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += connection.recv(65536)
        head, _, body = answer.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?im)^content-length:\s*(\d+)", head).group(1))
        while len(body) < length:
            body += connection.recv(65536)
    return int(head.split()[1]), body.decode(errors="replace")


def test_a_tracking_parameter_url_is_a_cache_hit_in_nginx(stack):
    for _ in range(2):
        fetch(stack.nginx_url + PERMALINK)
    for tracking in (
        f"fbclid={uuid.uuid4().hex}",
        f"utm_source=news&utm_medium=email&gclid={uuid.uuid4().hex}",
    ):
        _, headers, _ = fetch(f"{stack.nginx_url}{PERMALINK}?{tracking}")
        assert headers["X-Cache-Status"] == "HIT", tracking


def test_a_tracking_parameter_beside_a_pages_own_is_a_cache_hit_in_nginx(stack):
    step = "/self-check/questions/?warning-signs=none"
    for _ in range(2):
        fetch(stack.nginx_url + step)
    for address in (
        f"{step}&fbclid={uuid.uuid4().hex}",
        f"/self-check/questions/?utm_source=news&warning-signs=none&gclid={uuid.uuid4().hex}",
    ):
        _, headers, _ = fetch(stack.nginx_url + address)
        assert headers["X-Cache-Status"] == "HIT", address


def test_nginx_passes_compressed_pages_on_and_keeps_each_encoding(stack):
    url = stack.nginx_url + "/guide/runners-knee-recovery/"
    _, _, plain = fetch_bytes(url)
    for _ in range(2):
        _, headers, body = fetch_bytes(url, {"Accept-Encoding": "gzip, deflate, br"})
    assert headers["Content-Encoding"] == "gzip" and headers["X-Cache-Status"] == "HIT"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == plain
    assert len(body) < 15 * 1024
    _, headers, again = fetch_bytes(url)  # a reader whose browser does not take gzip
    assert "Content-Encoding" not in headers and again == plain


def test_nginx_marks_its_compressed_static_files_as_varying_by_encoding(stack):
    url = stack.nginx_url + "/static/css/site.css"
    _, _, plain = fetch_bytes(url)
    _, headers, body = fetch_bytes(url, {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == plain
    assert "Accept-Encoding" in headers["Vary"]  # a cache in front keeps the two apart


def test_nginx_keeps_hashed_static_files_for_good_and_unhashed_ones_a_minute(stack):
    # Set-up collects the hashed names production's pages link to (the tests' pages do not).
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())
    _, headers, _ = fetch_bytes(f"{stack.nginx_url}/static/{manifest['paths']['css/site.css']}")
    assert headers.get_all("Cache-Control") == ["max-age=315360000", "public, immutable"]
    # The static error pages link to the unhashed stylesheet: after a deploy, browsers must
    # ask again soon rather than keep last year's styles.
    _, headers, _ = fetch_bytes(stack.nginx_url + "/static/css/site.css")
    assert headers.get_all("Cache-Control") == ["max-age=60"]


def test_an_over_long_address_gets_the_sites_own_page_from_nginx(stack):
    status, _, body = fetch_bytes(f"{stack.nginx_url}/faq/?q={'x' * 9000}")
    assert status == 414
    assert b"That request was too big for us" in body and b"/static/css/site.css" in body


def test_over_long_headers_get_the_sites_own_page_from_nginx(stack):
    status, _, body = fetch_bytes(stack.nginx_url + "/", {"Cookie": "a=" + "x" * 9000})
    assert status == 431
    assert b"That request was too big for us" in body


def test_an_over_large_upload_gets_the_sites_own_page_from_nginx(stack):
    status, body = raw_request(
        stack,
        "POST /admin/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20000000\r\nConnection: close\r\n\r\n",
    )
    assert status == 413
    assert "That request was too big for us" in body


def redis_process(stack):
    return next(process for process, _ in stack.processes if "redis-server" in process.args[0])


@pytest.mark.stops_the_stack
def test_redis_hung_then_stopped_pages_and_a_save_still_work(stack):
    one, other = stack.app_urls
    redis = redis_process(stack)
    os.kill(redis.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        for app in (one, other, one, other):
            assert fetch(f"{app}/search/?q=hung-{uuid.uuid4().hex[:6]}")[0] == 200
        assert time.monotonic() - started < 4, "requests waited for the hung Redis"
        edited = edit_an_answer(one)
        assert edited in fetch(other + PERMALINK)[2]
    finally:
        os.kill(redis.pid, signal.SIGCONT)
    redis.terminate()
    redis.wait(timeout=10)
    for app in (one, other):
        assert fetch(app + "/exercises/glute-bridge/")[0] == 200
    edited = edit_an_answer(other)
    assert edited in fetch(one + PERMALINK)[2]


@pytest.mark.stops_the_stack
def test_with_every_app_server_down_nginx_serves_cached_pages_and_its_own_page(stack):
    """The last stack test: it stops the app servers."""
    fetch(stack.nginx_url + "/faq/")
    for process, _ in stack.processes:
        if "gunicorn" in " ".join(process.args):
            process.terminate()
            process.wait(timeout=10)
    # Past its s-maxage, nginx has only a stale copy left, and no app server to ask.
    status, headers, _ = fetch_until(
        stack.nginx_url + "/faq/", lambda *page: page[1]["X-Cache-Status"] != "HIT"
    )
    assert status == 200 and headers["X-Cache-Status"] == "STALE"
    status, _, body = fetch_bytes(stack.nginx_url + "/exercises/")
    assert status == 502
    assert b"this page is not available just now" in body
